package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.vitalink.avro.JobControl;
import io.vitalink.avro.JobEvent;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.job.JobRetention;
import io.vitalink.match.MatchTopology;
import io.vitalink.serde.Codecs;
import io.vitalink.streams.StreamsSettings;
import io.vitalink.topic.Topics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Job retention on the real broker (docs/KAFKA-CONTRACT.md#retention), with the whole stack started with a
 * retention of {@link #RETENTION} checked every second: a job submitted over HTTP completes with a delivered
 * webhook; once it is older than the retention, match-streams purges it, and the API answers 404 for its status,
 * results and callback and no longer lists it; {@code job-progress} and the store's changelog hold its tombstone;
 * a younger job and a job submitted after the purge are untouched; the job data topics were created with the
 * retention as {@code retention.ms}.
 */
@Tag("integration")
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobRetentionIT {

    /** Long enough for a small job to complete well inside it, short enough to wait for. */
    private static final Duration RETENTION = Duration.ofSeconds(20);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    /** Far longer than a small job takes between two results, far shorter than the retention. */
    private static final Duration STALL_AFTER = Duration.ofSeconds(8);
    private static final long SEED = 11;
    private static final String NOT_FOUND_CODE = "VL-1404";

    @TempDir
    static Path dataDir;

    private static LocalStack stack;
    private static ApiClient api;
    private static HttpServer receiver;
    private static final List<String> calledBack = Collections.synchronizedList(new ArrayList<>());
    private static List<SampleRequest> requests;

    /** Completed, then purged. */
    private static String expiredJob;
    private static Instant expiredJobCompletedAt;
    /** Completed while the first job is still kept: not yet past the retention when that job is purged. */
    private static String youngerJob;

    @BeforeAll
    static void startStack() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            JsonNode payload = ApiClient.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            calledBack.add(payload.path("jobId").asText());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        stack = LocalStack.start(new LocalStack.Settings(dataDir, 0, 0, 3)
                .withJobRetention(new JobRetention(RETENTION, CHECK_EVERY, STALL_AFTER)));
        stack.approveSampleApplication(); // jobs of the sample centre run under it
        api = stack.client(LocalStack.SUBMITTER);
        List<SampleDeath> deaths = SampleData.deaths(SEED, 500);
        requests = SampleData.requests(SEED, deaths, 40, 15, 5);
        Path csv = dataDir.resolve("deaths.csv");
        SampleData.writeDeathsCsv(deaths, csv);
        assertThat(stack.loadDeaths(csv, "retention").loaded()).isEqualTo(500);
        stack.awaitRegistryIndexed(Duration.ofMinutes(2));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    @Order(1)
    void jobDataTopicsAreCreatedWithTheConfiguredRetention() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            List<ConfigResource> resources = Topics.JOB_DATA.stream()
                    .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic.name())).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);

            Map<String, String> retentionMs = configs.entrySet().stream().collect(Collectors.toMap(
                    entry -> entry.getKey().name(), entry -> entry.getValue().get(TopicConfig.RETENTION_MS_CONFIG).value()));
            assertThat(retentionMs).containsOnlyKeys("match-requests", "match-requests-dlq", "job-control", "match-results")
                    .allSatisfy((topic, value) -> assertThat(value).as(topic).isEqualTo(String.valueOf(RETENTION.toMillis())));
        }
    }

    @Test
    @Order(2)
    void aJobCompletesWithExactCountsReadableResultsAndADeliveredWebhook() throws Exception {
        // Given a job of 40 patients (15 died, 5 with invalid IDs) with a callbackUrl
        expiredJob = api.submitJson(jobJson(requests, hookUrl()));

        // When the matcher completes it
        JsonNode job = api.awaitCompleted(expiredJob, Duration.ofMinutes(2));
        expiredJobCompletedAt = Instant.parse(job.path("completedAt").asText());

        // Then every counter and every result is exact, and the centre was called back once
        assertThat(job.path("expected").asLong()).isEqualTo(40);
        assertThat(job.path("processed").asLong()).isEqualTo(40);
        assertThat(job.path("matched").asLong()).isEqualTo(15);
        assertThat(job.path("notFound").asLong()).isEqualTo(20);
        assertThat(job.path("invalid").asLong()).isEqualTo(5);
        assertThat(job.path("deadLettered").asLong()).isZero();
        Map<String, String> outcomes = outcomes(expiredJob);
        assertThat(outcomes).isEqualTo(requests.stream()
                .collect(Collectors.toMap(SampleRequest::recordId, SampleRequest::expectedOutcome)));
        eventually("the webhook of " + expiredJob + " delivered", Duration.ofSeconds(60),
                () -> "DELIVERED".equals(callback(expiredJob).path("status").asText()));
        assertThat(calledBack).containsExactly(expiredJob);
        assertThat(listedJobIds()).contains(expiredJob);
    }

    @Test
    @Order(3)
    void aYoungerJobCompletesWhileTheFirstIsStillKept() throws Exception {
        // Given the first job, three fifths into its retention and not purged before its time
        sleepUntil(expiredJobCompletedAt.plus(RETENTION.multipliedBy(3).dividedBy(5)));
        HttpResponse<String> firstJob = api.get("/api/v1/jobs/" + expiredJob, "application/json");
        assertThat(Instant.now()).as("still within the first job's retention").isBefore(expiredJobCompletedAt.plus(RETENTION));
        assertThat(firstJob.statusCode()).isEqualTo(200);

        // When another job is submitted
        youngerJob = api.submitJson(jobJson(requests.subList(0, 4), null));

        // Then it completes
        JsonNode job = api.awaitCompleted(youngerJob, Duration.ofMinutes(1));
        assertThat(job.path("processed").asLong()).isEqualTo(4);
    }

    @Test
    @Order(4)
    void aJobPastTheRetentionAnswers404ForStatusResultsAndCallbackAndIsNoLongerListed() throws Exception {
        // When the retention has passed since the job completed, and the next purge check has run
        eventually(expiredJob + " purged", RETENTION.plusSeconds(60),
                () -> api.get("/api/v1/jobs/" + expiredJob, "application/json").statusCode() == 404);

        // Then the API has forgotten it: status, log, results and callback, and the listing
        assertNotFound("/api/v1/jobs/" + expiredJob, "application/json");
        assertNotFound("/api/v1/jobs/" + expiredJob + "/log", "application/json");
        assertNotFound("/api/v1/jobs/" + expiredJob + "/results", "application/x-ndjson");
        assertNotFound("/api/v1/jobs/" + expiredJob + "/results", "text/csv");
        assertNotFound("/api/v1/jobs/" + expiredJob + "/callback", "application/json");
        assertThat(listedJobIds()).doesNotContain(expiredJob);
        assertThat(calledBack).containsExactly(expiredJob);
    }

    @Test
    @Order(5)
    void thePurgeSparesAJobNotYetPastTheRetention() {
        JsonNode job = api.job(youngerJob);

        assertThat(job.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(outcomes(youngerJob)).hasSize(4);
        assertThat(listedJobIds()).contains(youngerJob);
    }

    @Test
    @Order(6)
    void jobProgressHoldsATombstoneForThePurgedJobOnly() {
        Map<String, byte[]> latest = latestValues(Topics.JOB_PROGRESS.name());

        assertThat(latest).containsKey(expiredJob);
        assertThat(latest.get(expiredJob)).as("last job-progress record of the purged job").isNull();
        assertThat(latest.get(youngerJob)).as("last job-progress record of the younger job").isNotNull();
    }

    /**
     * match-streams exposes no interactive queries, so the store is checked through its changelog: the purge's
     * delete is logged there as a tombstone, and a store restored from it does not hold the job.
     */
    @Test
    @Order(7)
    void theMatchersJobProgressStoreDeletedThePurgedJob() {
        String changelog = StreamsSettings.defaults().getProperty(StreamsConfig.APPLICATION_ID_CONFIG)
                + "-" + MatchTopology.JOB_PROGRESS_STORE + "-changelog";

        Map<String, byte[]> latest = latestValues(changelog);

        assertThat(latest).containsKey(expiredJob);
        assertThat(latest.get(expiredJob)).as("last changelog record of the purged job").isNull();
        assertThat(latest.get(youngerJob)).as("last changelog record of the younger job").isNotNull();
    }

    @Test
    @Order(8)
    void aJobSubmittedAfterThePurgeIsMatchedAndVisible() throws Exception {
        String jobId = api.submitJson(jobJson(requests, null));

        JsonNode job = api.awaitCompleted(jobId, Duration.ofMinutes(1));

        assertThat(job.path("processed").asLong()).isEqualTo(40);
        assertThat(job.path("matched").asLong()).isEqualTo(15);
        assertThat(job.path("notFound").asLong()).isEqualTo(20);
        assertThat(job.path("invalid").asLong()).isEqualTo(5);
        assertThat(outcomes(jobId)).hasSize(40);
        assertThat(listedJobIds()).contains(jobId).doesNotContain(expiredJob);
    }

    @Test
    @Order(9)
    void aJobItsProducerNeverClosesIsFailedOnceWhenItStalls() throws Exception {
        String stalled = java.util.UUID.randomUUID().toString();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            JobControl opened = JobControl.newBuilder().setJobId(stalled).setEvent(JobEvent.OPENED).setAt(Instant.now())
                    .setOrganisation(LocalStack.SUBMITTER.organisation()).setSubmittedBy("a-producer-that-dies").build();
            producer.send(new ProducerRecord<>(Topics.JOB_CONTROL.name(), stalled, Codecs.JOB_CONTROL.encode(opened))).get();
        }

        eventually("job " + stalled + " FAILED", Duration.ofSeconds(60), () -> {
            HttpResponse<String> job = api.get("/api/v1/jobs/" + stalled, "application/json");
            return job.statusCode() == 200 && "FAILED".equals(ApiClient.parse(job.body()).path("state").asText());
        });

        JsonNode job = ApiClient.parse(api.get("/api/v1/jobs/" + stalled, "application/json").body());
        assertThat(job.path("reasonCode").asText()).isEqualTo("VL-4005");
        assertThat(job.path("endedAt").asText()).isNotEmpty();
        Thread.sleep(CHECK_EVERY.multipliedBy(3).toMillis());
        assertThat(progressRecords(stalled)).as("job-progress records of the stalled job: opened, then failed once")
                .extracting(JobProgress::getState).containsExactly(JobState.RECEIVING, JobState.FAILED);
    }

    /** Every job-progress record of {@code jobId}, read committed, in order. */
    private static List<JobProgress> progressRecords(String jobId) {
        List<JobProgress> records = new ArrayList<>();
        TopicReading.readCommitted(stack.bootstrapServers(), Topics.JOB_PROGRESS.name(), new StringDeserializer(), record -> {
            if (jobId.equals(record.key()) && record.value() != null) {
                records.add(Codecs.JOB_PROGRESS.decode(record.value()));
            }
        });
        return records;
    }

    private static void assertNotFound(String path, String accept) {
        HttpResponse<String> response = api.get(path, accept);
        assertThat(response.statusCode()).as("GET %s (%s)", path, accept).isEqualTo(404);
        assertThat(ApiClient.parse(response.body()).path("code").asText()).as("GET %s", path).isEqualTo(NOT_FOUND_CODE);
    }

    /** recordId → outcome of the job's NDJSON results. */
    private static Map<String, String> outcomes(String jobId) {
        HttpResponse<String> response = api.get("/api/v1/jobs/" + jobId + "/results", "application/x-ndjson");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, String> outcomes = new HashMap<>();
        response.body().lines().map(ApiClient::parse).forEach(line ->
                assertThat(outcomes.put(line.path("recordId").asText(), line.path("outcome").asText())).isNull());
        return outcomes;
    }

    private static List<String> listedJobIds() {
        HttpResponse<String> response = api.get("/api/v1/jobs?limit=1000", "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        ApiClient.parse(response.body()).path("jobs").forEach(job -> ids.add(job.path("jobId").asText()));
        return ids;
    }

    private static JsonNode callback(String jobId) {
        return ApiClient.parse(api.get("/api/v1/jobs/" + jobId + "/callback", "application/json").body());
    }

    private static String hookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    /** A JSON job body with the given records and callbackUrl (none when null). */
    private static String jobJson(List<SampleRequest> records, String callbackUrl) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SampleRequest r : records) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("recordId", r.recordId());
            putIfPresent(row, "idNumber", r.idNumber());
            putIfPresent(row, "name", r.name());
            putIfPresent(row, "sex", r.sex());
            putIfPresent(row, "birthDate", r.birthDate() == null ? null : r.birthDate().toString());
            rows.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("records", rows);
        putIfPresent(body, "callbackUrl", callbackUrl);
        return new ObjectMapper().writeValueAsString(body);
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** The topic as a table, read committed from the beginning: the last value per key, null for a tombstone. */
    private static Map<String, byte[]> latestValues(String topic) {
        Map<String, byte[]> latest = new HashMap<>();
        TopicReading.readCommitted(stack.bootstrapServers(), topic, new StringDeserializer(),
                record -> latest.put(record.key(), record.value()));
        return latest;
    }

    private static void eventually(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within " + timeout + ": " + what);
            }
            Thread.sleep(200);
        }
    }

    private static void sleepUntil(Instant when) throws InterruptedException {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
