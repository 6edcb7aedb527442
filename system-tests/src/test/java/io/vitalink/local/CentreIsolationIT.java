package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.vitalink.api.ApiApplication;
import io.vitalink.api.store.JobStore;
import io.vitalink.avro.JobControl;
import io.vitalink.avro.JobEvent;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.crypto.Keysets;
import io.vitalink.streams.MatchStreamsApp;
import io.vitalink.streams.StreamsSettings;
import io.vitalink.topic.CentreTopics;
import io.vitalink.topic.TopicSerdes;
import io.vitalink.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Two centres submitting straight into Kafka, each as its own SCRAM principal, on a broker with the standard KRaft
 * authorizer and each centre's ACLs exactly as {@link CentreTopics#acls} states them; the services run as a super
 * user. Centre A cannot read B's results, cannot put a record into B's job and cannot cancel or close it.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CentreIsolationIT {

    private static final String SERVICE = "vitalink-service";
    private static final String A = "centre-a";
    private static final String B = "centre-b";
    private static final Map<String, String> PASSWORDS = Map.of(SERVICE, "it-service-secret-1", A, "it-centre-a-secret-2",
            B, "it-centre-b-secret-3");
    private static final String ID = "11010519491231002X";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path dir;

    private static EmbeddedKafka kafka;
    private static TopicSerdes serdes;
    private static ApplicationContext api;
    private static final Deque<AutoCloseable> running = new ArrayDeque<>();

    @BeforeAll
    static void startServicesOnABrokerWithAcls() throws Exception {
        kafka = EmbeddedKafka.startWithAcls(dir.resolve("kafka"), 0, PASSWORDS, Set.of(SERVICE));
        running.push(kafka);
        Map<String, String> keysets = Keysets.writeNew(dir.resolve("keys"));
        serdes = new TopicSerdes(Keysets.cipherFrom(keysets::get));
        Path serviceConfig = dir.resolve("service.properties");
        Properties service = new Properties();
        service.putAll(clientSecurity(SERVICE));
        try (var out = Files.newOutputStream(serviceConfig)) {
            service.store(out, null);
        }

        api = ApiApplication.start(Map.of(
                "micronaut.server.port", -1,
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "vitalink.kafka.config-file", serviceConfig.toString(),
                "vitalink.store.dir", dir.resolve("api-store").toString(),
                "vitalink.spool.dir", dir.resolve("api-spool").toString(),
                "vitalink.id-keyset-file", keysets.get(Keysets.ID_KEYSET_FILE),
                "vitalink.field-keyset-file", keysets.get(Keysets.FIELD_KEYSET_FILE),
                "vitalink.security.jwt.secret", "centre-it-signing-secret-of-at-least-32-bytes"));
        running.push(api);
        Applications.approve(api, A, Applications.EVERY_FIELD);
        Applications.approve(api, B, Applications.EVERY_FIELD);
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("streams").toString());
        MatchStreamsApp matcher = MatchStreamsApp.start(StreamsSettings.load(null, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "VITALINK_KAFKA_CONFIG_FILE", serviceConfig.toString(),
                "VITALINK_MANAGEMENT_PORT", "-1",
                "VITALINK_CENTRES", A + "," + B,
                Keysets.ID_KEYSET_FILE, keysets.get(Keysets.ID_KEYSET_FILE),
                Keysets.FIELD_KEYSET_FILE, keysets.get(Keysets.FIELD_KEYSET_FILE)), overrides));
        running.push(matcher);
        matcher.awaitRunning(WAIT);

        Map<String, Object> admin = new HashMap<>(clientSecurity(SERVICE));
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin client = Admin.create(admin)) {
            List<org.apache.kafka.common.acl.AclBinding> acls = new ArrayList<>(CentreTopics.acls(A, "User:" + A));
            acls.addAll(CentreTopics.acls(B, "User:" + B));
            client.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopEverything() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                LoggerFactory.getLogger(CentreIsolationIT.class).warn("Could not stop cleanly", e);
            }
        }
    }

    @Test
    void aCentreReachesNothingOfAnotherCentresJobWhileItsOwnJobRunsAsBefore() throws Exception {
        String jobB = UUID.randomUUID().toString();
        try (KafkaProducer<String, byte[]> centreA = producer(A); KafkaProducer<String, byte[]> centreB = producer(B)) {
            // Given B's job, opened on B's topic and seen in B's progress topic
            send(centreB, CentreTopics.name(B, Topics.JOB_CONTROL), jobB, control(jobB, JobEvent.OPENED).setOrganisation(B).build());
            awaitProgress(B, jobB, job -> job.getOrganisation().equals(B));

            // When A tries B's topics and the shared ones, the broker refuses
            for (String topic : List.of(CentreTopics.name(B, Topics.MATCH_RESULTS), CentreTopics.name(B, Topics.JOB_PROGRESS),
                    Topics.MATCH_RESULTS.name(), Topics.JOB_PROGRESS.name(), Topics.DEATH_RECORDS.name(), Topics.USERS.name())) {
                assertThatThrownBy(() -> readAll(A, topic, 1)).as("A reads " + topic)
                        .isInstanceOf(TopicAuthorizationException.class);
            }
            for (String topic : List.of(CentreTopics.name(B, Topics.MATCH_REQUESTS), CentreTopics.name(B, Topics.JOB_CONTROL),
                    Topics.MATCH_REQUESTS.name(), Topics.JOB_CONTROL.name())) {
                assertThatThrownBy(() -> send(centreA, topic, jobB, control(jobB, JobEvent.CANCELLED).build())).as("A writes " + topic)
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
            }
            // and what A writes on its own topics about B's job changes nothing of it
            send(centreA, CentreTopics.name(A, Topics.JOB_CONTROL), jobB, control(jobB, JobEvent.CANCELLED).setReason("not mine").build());
            send(centreA, CentreTopics.name(A, Topics.JOB_CONTROL), jobB, control(jobB, JobEvent.CLOSED).setExpected(1L).build());
            sendRequest(centreA, A, request(jobB, "injected"));

            // Then B's job takes B's requests only and completes as B closed it
            for (int i = 1; i <= 3; i++) {
                sendRequest(centreB, B, request(jobB, "b" + i));
            }
            send(centreB, CentreTopics.name(B, Topics.JOB_CONTROL), jobB, control(jobB, JobEvent.CLOSED).setExpected(3L).build());
            JobProgress done = awaitProgress(B, jobB, job -> job.getState() == JobState.COMPLETED);
            assertThat(done.getProcessed()).isEqualTo(3);
            assertThat(done.getDeadLettered()).isZero();
            assertThat(done.getOrganisation()).isEqualTo(B);
        }
        List<ConsumerRecord<String, byte[]>> resultsOfB = readAll(B, CentreTopics.name(B, Topics.MATCH_RESULTS), 3);
        assertThat(resultsOfB).extracting(r -> serdes.codec(MatchResult.class).decode(r.value()).getRecordId())
                .containsExactlyInAnyOrder("b1", "b2", "b3");
        ConsumerRecord<String, byte[]> refused = readAll(A, CentreTopics.name(A, Topics.MATCH_REQUESTS_DLQ), 1).get(0);
        assertThat(header(refused, Topics.ERROR_CODE_HEADER)).isEqualTo("VL-4006");
        assertThat(readAll(A, CentreTopics.name(A, Topics.MATCH_RESULTS), 0)).isEmpty();

        // and the API shows B's job to B as before: its three results, nothing of A's
        JobStore store = api.getBean(JobStore.class);
        awaitTrue(() -> store.results().count(jobB) == 3 && store.progress().get(jobB).map(p -> p.getState() == JobState.COMPLETED).orElse(false));
        assertThat(store.progress().get(jobB).orElseThrow().getOrganisation()).isEqualTo(B);
    }

    @Test
    void theSharedTopicsStillTakeTheApisJobs() throws Exception {
        Map<String, Object> config = new HashMap<>(clientSecurity(SERVICE));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        String jobId = UUID.randomUUID().toString();
        try (KafkaProducer<String, byte[]> service = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            send(service, Topics.JOB_CONTROL.name(), jobId, control(jobId, JobEvent.OPENED).setOrganisation(A).build());
            MatchRequest request = request(jobId, "r1");
            service.send(record(Topics.MATCH_REQUESTS.name(), serdes.requestKey(request, LocalDate.now()),
                    serdes.codec(MatchRequest.class).encode(request), jobId)).get(30, TimeUnit.SECONDS);
            send(service, Topics.JOB_CONTROL.name(), jobId, control(jobId, JobEvent.CLOSED).setExpected(1L).build());
        }

        JobStore store = api.getBean(JobStore.class);
        awaitTrue(() -> store.progress().get(jobId).map(p -> p.getState() == JobState.COMPLETED).orElse(false));
        assertThat(store.progress().get(jobId).orElseThrow().getOrganisation()).isEqualTo(A);
        assertThat(store.results().count(jobId)).isEqualTo(1);
    }

    private static Map<String, Object> clientSecurity(String user) {
        return Map.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                        + "\" password=\"" + PASSWORDS.get(user) + "\";");
    }

    private static KafkaProducer<String, byte[]> producer(String user) {
        Map<String, Object> config = new HashMap<>(clientSecurity(user));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static JobControl.Builder control(String jobId, JobEvent event) {
        return JobControl.newBuilder().setJobId(jobId).setEvent(event).setAt(Instant.now()).setSubmittedBy("system")
                .setSource("centre-it");
    }

    private static MatchRequest request(String jobId, String recordId) {
        return MatchRequest.newBuilder().setJobId(jobId).setRecordId(recordId).setIdNumber(ID).setName("王伟").setSex("M")
                .setBirthDate(LocalDate.of(1949, 12, 31)).build();
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String jobId, JobControl event)
            throws Exception {
        producer.send(record(topic, jobId, serdes.codec(JobControl.class).encode(event), jobId)).get(30, TimeUnit.SECONDS);
    }

    private static void sendRequest(KafkaProducer<String, byte[]> producer, String centre, MatchRequest request) throws Exception {
        producer.send(record(CentreTopics.name(centre, Topics.MATCH_REQUESTS), serdes.requestKey(request, LocalDate.now()),
                serdes.codec(MatchRequest.class).encode(request), request.getJobId())).get(30, TimeUnit.SECONDS);
    }

    private static ProducerRecord<String, byte[]> record(String topic, String key, byte[] value, String jobId) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        record.headers().add(Topics.JOB_ID_HEADER, jobId.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** Reads {@code topic} from the start as {@code user}, without a consumer group, until it has {@code atLeast} records. */
    private static List<ConsumerRecord<String, byte[]>> readAll(String user, String topic, int atLeast) {
        Map<String, Object> config = new HashMap<>(clientSecurity(user));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            // the broker answers an unauthorised topic's metadata with TopicAuthorizationException
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + (atLeast == 0 ? Duration.ofSeconds(3) : WAIT).toNanos();
            while (System.nanoTime() < deadline && (atLeast == 0 || records.size() < atLeast)) {
                consumer.poll(Duration.ofMillis(300)).forEach(records::add);
            }
        }
        return records;
    }

    private static JobProgress awaitProgress(String centre, String jobId, Predicate<JobProgress> until) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JobProgress latest = null;
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : readAll(centre, CentreTopics.name(centre, Topics.JOB_PROGRESS), 0)) {
                if (jobId.equals(record.key()) && record.value() != null) {
                    latest = serdes.codec(JobProgress.class).decode(record.value());
                }
            }
            if (latest != null && until.test(latest)) {
                return latest;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new AssertionError("job " + jobId + " not as expected in " + centre + "'s progress: " + latest);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within " + WAIT).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
