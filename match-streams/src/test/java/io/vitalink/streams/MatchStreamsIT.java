package io.vitalink.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.DeathRecord;
import io.vitalink.avro.JobControl;
import io.vitalink.avro.JobEvent;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import io.vitalink.id.ResidentIds;
import com.google.crypto.tink.KeysetHandle;
import io.vitalink.crypto.FieldCipher;
import io.vitalink.crypto.Keysets;
import io.vitalink.serde.Codecs;
import io.vitalink.topic.TopicSerdes;
import io.vitalink.topic.TopicProvisioner;
import io.vitalink.topic.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The topology on a real single-node KRaft broker with exactly-once, Streams caching on and off. */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MatchStreamsIT {

    private static final KeysetHandle ID_KEYS = Keysets.newIdKeyset();
    private static final KeysetHandle FIELD_KEYS = Keysets.newFieldKeyset();
    private static final TopicSerdes SERDES = new TopicSerdes(FieldCipher.of(ID_KEYS, FIELD_KEYS));

    private static final int DEATHS = 300;
    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

    private static KafkaClusterTestKit cluster;
    /** Requests of every run so far, decided and dead-lettered. */
    private static int decidedSoFar;
    private static int deadLettersSoFar;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startBroker() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setBootstrapMetadataVersion(MetadataVersion.LATEST_PRODUCTION)
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            new TopicProvisioner(6, (short) 1).ensureTopics(admin);
        }
        loadDeaths();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        cluster.close();
    }

    @ParameterizedTest(name = "cache {0} bytes")
    @ValueSource(longs = {0, 10 * 1024 * 1024})
    void matchesAJobExactlyOnceAndCompletesIt(long cacheBytes) throws Exception {
        String jobId = UUID.randomUUID().toString();
        Map<String, Outcome> expected = new HashMap<>();
        try (MatchStreamsApp app = MatchStreamsApp.start(settings(cacheBytes))) {
            app.awaitRunning(Duration.ofSeconds(60));

            int requests = submitJob(jobId, expected);

            JobProgress done = awaitCompleted(jobId);
            assertThat(done.getExpected()).isEqualTo(requests);
            assertThat(done.getProcessed()).isEqualTo(requests);
            assertThat(done.getMatched()).isEqualTo(count(expected, Outcome.MATCHED));
            assertThat(done.getNotFound()).isEqualTo(count(expected, Outcome.NOT_FOUND));
            assertThat(done.getInvalid()).isEqualTo(count(expected, Outcome.INVALID));
            assertThat(done.getDeadLettered()).isEqualTo(2);

            Map<String, MatchResult> results = readResults(jobId, expected.size());
            assertThat(results.keySet()).isEqualTo(expected.keySet());
            results.forEach((recordId, result) -> assertThat(result.getOutcome()).as(recordId).isEqualTo(expected.get(recordId)));
            results.values().stream().filter(r -> r.getOutcome() == Outcome.MATCHED)
                    .forEach(r -> assertThat(r.getDeathDate()).isEqualTo(deathDate(Integer.parseInt(r.getRecordId().substring(1)))));

            // the management port: metrics count what this app processed (every job in the topic so far: each run is
            // a new application id reading from the start; no retries happen here), health says RUNNING
            decidedSoFar += expected.size();
            deadLettersSoFar += 2;
            String scrape = get(app, ManagementServer.PROMETHEUS).body();
            assertThat(sum(scrape, "vitalink_match_decisions_total")).isEqualTo(decidedSoFar);
            assertThat(sum(scrape, "vitalink_match_dead_letters_total")).isEqualTo(deadLettersSoFar);
            assertThat(scrape).contains("vitalink_streams_state{state=\"RUNNING\"} 1", "vitalink_match_requests_lag_records",
                    "kafka_consumer_fetch_manager_records_lag_max", "kafka_stream_thread_process_total", "jvm_memory_used_bytes");
            assertThat(get(app, ManagementServer.READINESS).statusCode()).isEqualTo(200);
            assertThat(get(app, ManagementServer.LIVENESS).body()).isEqualTo("{\"status\":\"UP\",\"state\":\"RUNNING\"}");
            assertThat(get(app, "/prometheus/x").statusCode()).isEqualTo(404);
        }
    }

    private static HttpResponse<String> get(MatchStreamsApp app, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.managementPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The sum of every series of {@code name} in a scrape (comments skipped). */
    private static double sum(String scrape, String name) {
        return scrape.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private Properties settings(long cacheBytes) {
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, "vitalink-match-it-" + cacheBytes);
        overrides.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        overrides.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, String.valueOf(cacheBytes));
        overrides.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        overrides.put(StreamsSettings.MANAGEMENT_PORT, "0");
        overrides.put(StreamsSettings.ID_KEYSET, Keysets.toJson(ID_KEYS));
        overrides.put(StreamsSettings.FIELD_KEYSET, Keysets.toJson(FIELD_KEYS));
        return StreamsSettings.load(null, Map.of(), overrides);
    }

    /** Person i (0 ≤ i < 2·DEATHS) has a valid ID; persons below DEATHS are dead. */
    private static String idOf(int i) {
        String body = String.format("110105%s%03d", LocalDate.of(1940, 1, 1).plusDays(i * 37L).toString().replace("-", ""), i % 1000);
        return body + ResidentIds.checkCharacter(body);
    }

    private static LocalDate deathDate(int i) {
        return LocalDate.of(2020, 1, 1).plusDays(i);
    }

    private static void loadDeaths() throws Exception {
        List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
        try (KafkaProducer<String, DeathRecord> producer = new KafkaProducer<>(producerConfig(),
                SERDES.key(Topics.DEATH_RECORDS).serializer(), SERDES.value(Topics.DEATH_RECORDS).serializer())) {
            for (int i = 0; i < DEATHS; i++) {
                DeathRecord death = DeathRecord.newBuilder().setIdNumber(idOf(i)).setDeathDate(deathDate(i))
                        .setDirectCauseIcd10("C34.9").setLoadedAt(NOW).build();
                sent.add(producer.send(new ProducerRecord<>(Topics.DEATH_RECORDS.name(), idOf(i), death)));
            }
        }
        for (var send : sent) {
            send.get();
        }
    }

    private static int submitJob(String jobId, Map<String, Outcome> expected) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(control(jobId, JobEvent.OPENED, null));
            int sent = 0;
            for (int i = 0; i < 2 * DEATHS; i += 3) {
                String recordId = "r" + i;
                boolean invalid = i % 10 == 0;
                MatchRequest request = MatchRequest.newBuilder().setJobId(jobId).setRecordId(recordId)
                        .setIdNumber(invalid ? idOf(i).substring(0, 17) : idOf(i)).build();
                producer.send(request(jobId, recordId, SERDES.codec(MatchRequest.class).encode(request)));
                expected.put(recordId, invalid ? Outcome.INVALID : i < DEATHS ? Outcome.MATCHED : Outcome.NOT_FOUND);
                sent++;
            }
            producer.send(request(jobId, "garbage-1", "not avro".getBytes(StandardCharsets.UTF_8)));
            producer.send(request(jobId, "garbage-2", new byte[] {(byte) 0xC3, 1, 0, 0}));
            sent += 2;
            producer.flush();
            producer.send(control(jobId, JobEvent.CLOSED, (long) sent));
            return sent;
        }
    }

    private static ProducerRecord<String, byte[]> request(String jobId, String recordId, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.MATCH_REQUESTS.name(), recordId, value);
        record.headers().add(Topics.JOB_ID_HEADER, jobId.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static ProducerRecord<String, byte[]> control(String jobId, JobEvent event, Long expected) {
        JobControl.Builder builder = JobControl.newBuilder().setJobId(jobId).setEvent(event).setExpected(expected)
                .setAt(Instant.now()).setSource("it");
        if (event == JobEvent.OPENED) {
            // as the API writes it: the job's data-use application checked, its field groups named
            builder.setApplicationId("application-it").setFieldGroups(List.of("DEATH_DATE", "CAUSES", "PLACE"));
        }
        JobControl control = builder.build();
        return new ProducerRecord<>(Topics.JOB_CONTROL.name(), jobId, Codecs.JOB_CONTROL.encode(control));
    }

    private static JobProgress awaitCompleted(String jobId) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.JOB_PROGRESS.name()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            JobProgress latest = null;
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (jobId.equals(record.key())) {
                        latest = Codecs.JOB_PROGRESS.decode(record.value());
                        if (latest.getState() == JobState.COMPLETED) {
                            return latest;
                        }
                    }
                }
            }
            throw new AssertionError("job did not complete; last progress " + latest);
        }
    }

    private static Map<String, MatchResult> readResults(String jobId, int count) {
        Map<String, MatchResult> results = new HashMap<>();
        int seen = 0;
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.MATCH_RESULTS.name()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (seen < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (jobId.equals(record.key())) {
                        MatchResult result = SERDES.codec(MatchResult.class).decode(record.value());
                        assertThat(results.put(result.getRecordId(), result)).as("duplicate result " + result.getRecordId()).isNull();
                        seen++;
                    }
                }
            }
            // nothing beyond the expected results may follow
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                assertThat(record.key()).isNotEqualTo(jobId);
            }
        }
        return results;
    }

    private static long count(Map<String, Outcome> expected, Outcome outcome) {
        return expected.values().stream().filter(outcome::equals).count();
    }

    private static Map<String, Object> producerConfig() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }
}
