package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.api.intake.RawRecord;
import io.vitalink.api.intake.RecordValidator;
import io.vitalink.avro.JobControl;
import io.vitalink.avro.JobEvent;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.crypto.FieldCipher;
import io.vitalink.crypto.Keysets;
import io.vitalink.loader.DeathLoader;
import io.vitalink.loader.LoadOptions;
import io.vitalink.streams.RegistryLag;
import io.vitalink.streams.StreamsSettings;
import io.vitalink.topic.TopicProvisioner;
import io.vitalink.topic.TopicSerdes;
import io.vitalink.topic.Topics;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fault a third of the way through a job of 100,000 requests, with match-streams as deployed, each instance in a JVM
 * of its own ({@link Fault}): a matcher killed, the broker restarted, an instance added or one of two stopped. Each
 * time the job completes with every counter equal to the input, and the committed results hold each request exactly once with the outcome a clean run gives
 * it. Runs after {@code package}, which writes match-streams' classpath file.
 */
@Tag("integration")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class MatcherCrashIT {

    enum Fault {
        /** SIGKILL, then started again on the same state directory. */
        KILL_MATCHER,
        /** Stopped and started again on the same log directory and port; the matcher runs on. */
        RESTART_BROKER,
        /** A second instance started: the partitions are shared out mid-job. */
        ADD_MATCHER,
        /** Two instances from the start; one stopped (SIGTERM): the other takes its partitions. */
        STOP_ONE_OF_TWO
    }

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final long SEED = 41;
    private static final int REQUESTS = 100_000;
    private static final int DYING = 30_000;
    private static final int INVALID = 5_000;
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path dir;

    private EmbeddedKafka kafka;
    private final Map<String, Process> matchers = new LinkedHashMap<>();
    private final Map<String, Integer> managementPorts = new HashMap<>();
    private int starts;

    @AfterEach
    void stop() {
        matchers.values().forEach(Process::destroyForcibly);
        if (kafka != null) {
            kafka.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aJobThatMeetsAFaultMidwayStillAnswersEveryRequestExactlyOnce(Fault fault) throws Exception {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        Map<String, String> keysets = Keysets.writeNew(dir.resolve("keys"));
        FieldCipher cipher = Keysets.cipherFrom(keysets::get);
        TopicSerdes serdes = new TopicSerdes(cipher);
        List<SampleDeath> deaths = SampleData.deaths(SEED, 40_000);
        List<SampleRequest> requests = SampleData.requests(SEED, deaths, REQUESTS, DYING, INVALID);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicProvisioner(6, (short) 1).ensureTopics(admin);
            Path csv = dir.resolve("deaths.csv");
            SampleData.writeDeathsCsv(deaths, csv);
            new DeathLoader(DeathLoader.producerConfig(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers())),
                    cipher, Clock.systemUTC()).load(csv, LoadOptions.defaults().withBatchLabel("crash").withProgress(false));
            startMatcher(keysets, "a");
            if (fault == Fault.STOP_ONE_OF_TWO) {
                startMatcher(keysets, "b");
            }
            RegistryLag.await(admin, StreamsSettings.defaults().getProperty(StreamsConfig.APPLICATION_ID_CONFIG), Duration.ofMinutes(3));
        }

        // Given a whole job waiting in match-requests
        String jobId = UUID.randomUUID().toString();
        publish(serdes, jobId, requests);

        // When the fault strikes once a third of it is processed
        JobProgress atFault = awaitProgress(serdes, jobId, p -> p.getProcessed() >= REQUESTS / 3, Duration.ofMinutes(3));
        switch (fault) {
            case KILL_MATCHER -> {
                matchers.remove("a").destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                startMatcher(keysets, "a");
            }
            case ADD_MATCHER -> startMatcher(keysets, "b");
            case STOP_ONE_OF_TWO -> {
                Process stopped = matchers.remove("a");
                stopped.destroy(); // SIGTERM: it commits, closes and leaves the group
                assertThat(stopped.waitFor(90, TimeUnit.SECONDS)).as("stopped within 90 s").isTrue();
            }
            case RESTART_BROKER -> {
                int port = Integer.parseInt(kafka.bootstrapServers().substring(kafka.bootstrapServers().lastIndexOf(':') + 1));
                kafka.close();
                kafka = EmbeddedKafka.start(dir.resolve("kafka"), port);
            }
        }
        assertThat(atFault.getProcessed()).as("struck mid-job").isLessThan(REQUESTS);

        // Then the job completes with every counter exact
        JobProgress done = awaitProgress(serdes, jobId, p -> p.getState() == JobState.COMPLETED, Duration.ofMinutes(5));
        assertThat(done.getProcessed()).isEqualTo(REQUESTS);
        assertThat(done.getMatched()).isEqualTo(DYING);
        assertThat(done.getInvalid()).isEqualTo(INVALID);
        assertThat(done.getNotFound()).isEqualTo(REQUESTS - DYING - INVALID);
        assertThat(done.getDeadLettered() + done.getProbable() + done.getMatchedWithDiscrepancy()).isZero();
        // and every request has one committed result, the one a clean run gives
        Map<String, String> outcomes = new HashMap<>();
        TopicReading.readCommitted(kafka.bootstrapServers(), Topics.MATCH_RESULTS.name(), new StringDeserializer(), record -> {
            MatchResult result = serdes.codec(MatchResult.class).decode(record.value());
            assertThat(outcomes.put(result.getRecordId(), result.getOutcome().name())).as("one result per request").isNull();
        });
        assertThat(outcomes).hasSize(REQUESTS);
        for (SampleRequest request : requests) {
            assertThat(outcomes.get(request.recordId())).as(request.recordId()).isEqualTo(request.expectedOutcome());
        }
    }

    /**
     * match-streams' own main on its own classpath, as its image runs it; {@code instance} names its state directory
     * and management port, kept across its restarts; output to a file per start.
     */
    private void startMatcher(Map<String, String> keysets, String instance) throws IOException, InterruptedException {
        int managementPort = managementPorts.computeIfAbsent(instance, i -> freePort());
        String classpath = ROOT.resolve("match-streams/target/classes") + File.pathSeparator
                + Files.readString(ROOT.resolve("match-streams/target/classpath.txt")).trim();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", classpath, "io.vitalink.streams.MatchStreamsApp")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("matcher-" + instance + "-" + ++starts + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("KAFKA_STATE_DIR", dir.resolve("streams-" + instance).toString());
        env.put("VITALINK_TOPICS_CREATE", "false");
        env.put("VITALINK_MANAGEMENT_ADDRESS", "127.0.0.1");
        env.put("VITALINK_MANAGEMENT_PORT", String.valueOf(managementPort));
        env.putAll(keysets);
        Process process = builder.start();
        matchers.put(instance, process);
        awaitReady(process, managementPort);
    }

    /** Until match-streams' readiness endpoint answers 200: its stream threads run. */
    private void awaitReady(Process process, int managementPort) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        URI readiness = URI.create("http://127.0.0.1:" + managementPort + "/health/readiness");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(readiness).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // starting
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new AssertionError("match-streams not ready within 2 minutes; see " + dir);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * As a direct producer on the shared topics: OPENED, every request keyed by its sealed ID, CLOSED. The shared
     * topics are the API's: like the API, it names the job's approved application and its field groups.
     */
    private void publish(TopicSerdes serdes, String jobId, List<SampleRequest> requests) throws Exception {
        LocalDate today = LocalDate.now(ZONE);
        String application = Applications.writeApproved(kafka.bootstrapServers(), "centre-a", Applications.EVERY_FIELD);
        byte[] fieldGroups = String.join(",", Applications.EVERY_FIELD).getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(control(serdes, JobControl.newBuilder().setJobId(jobId).setEvent(JobEvent.OPENED)
                    .setOrganisation("centre-a").setSubmittedBy("crash-it").setAt(Instant.now())
                    .setApplicationId(application).setFieldGroups(Applications.EVERY_FIELD).build())).get();
            long sequence = 0;
            for (SampleRequest r : requests) {
                RawRecord raw = new RawRecord(sequence + 2, r.recordId(), r.idNumber(), r.name(), r.sex(),
                        Objects.toString(r.birthDate(), null), null);
                MatchRequest request = MatchRequest.newBuilder(RecordValidator.toRequest(jobId, raw, true))
                        .setSequence(sequence++).build();
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.MATCH_REQUESTS.name(),
                        serdes.requestKey(request, today), serdes.codec(MatchRequest.class).encode(request));
                record.headers().add(Topics.JOB_ID_HEADER, jobId.getBytes(StandardCharsets.UTF_8));
                record.headers().add(Topics.FIELD_GROUPS_HEADER, fieldGroups);
                producer.send(record);
            }
            producer.flush();
            producer.send(control(serdes, JobControl.newBuilder().setJobId(jobId).setEvent(JobEvent.CLOSED)
                    .setExpected((long) requests.size()).setAt(Instant.now()).build())).get();
        }
    }

    private static ProducerRecord<String, byte[]> control(TopicSerdes serdes, JobControl event) {
        return new ProducerRecord<>(Topics.JOB_CONTROL.name(), event.getJobId(), serdes.codec(JobControl.class).encode(event));
    }

    /** The job's latest committed progress once it satisfies {@code until}. */
    private JobProgress awaitProgress(TopicSerdes serdes, String jobId, Predicate<JobProgress> until, Duration timeout) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.JOB_PROGRESS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            JobProgress latest = null;
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    if (jobId.equals(record.key()) && record.value() != null) {
                        latest = serdes.codec(JobProgress.class).decode(record.value());
                    }
                }
                if (latest != null && until.test(latest)) {
                    return latest;
                }
            }
            throw new AssertionError("job " + jobId + " not as awaited within " + timeout + ": " + latest);
        }
    }
}
