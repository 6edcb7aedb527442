package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.example.CentreKafkaClient;
import io.vitalink.serde.Codecs;
import io.vitalink.topic.CentreTopics;
import io.vitalink.topic.Topics;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
 * A cancer centre on the direct Kafka path of docs/KAFKA-CONTRACT.md. The centre's side is
 * {@link CentreKafkaClient}, written against the {@code schemas} jar and kafka-clients only, with the keyset files
 * the deployment gives it; the local stack is only the system under test. The job (200 patients: 80 dead, 20 with
 * invalid IDs, plus one undecodable value and one request sent unsealed) must complete with exact counters, its
 * results must read back from Kafka, and the same job must be readable through the API by its organisation only.
 */
@Tag("integration")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutsideProducerIT {

    private static final long SEED = 23;
    private static final int PATIENTS = 200;
    private static final int DEAD = 80;
    private static final int INVALID = 20;

    @TempDir
    static Path dataDir;

    private static LocalStack stack;
    private static CentreKafkaClient centre;
    private static List<SampleRequest> patients;
    private static final String jobId = UUID.randomUUID().toString();

    @BeforeAll
    static void startStackAndLoadRegistry() throws Exception {
        stack = LocalStack.start(new LocalStack.Settings(dataDir, 0, 0, 3));
        stack.approveSampleApplication(); // jobs of the sample centre run under it
        List<SampleDeath> deaths = SampleData.deaths(SEED, 2_000);
        patients = SampleData.requests(SEED, deaths, PATIENTS, DEAD, INVALID);
        Path deathsCsv = dataDir.resolve("deaths.csv");
        SampleData.writeDeathsCsv(deaths, deathsCsv);
        assertThat(stack.loadDeaths(deathsCsv, "outside-producer").loaded()).isEqualTo(2_000);
        stack.awaitRegistryIndexed(Duration.ofMinutes(2));
        // the deployment gives the centre its Kafka address and settings, the two keyset files and its organisation
        centre = new CentreKafkaClient(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                dataDir.resolve("keys"), LocalStack.SUBMITTER.organisation());
    }

    @AfterAll
    static void stop() {
        if (centre != null) {
            centre.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aJobProducedStraightIntoKafkaCompletesWithExactCounters() throws Exception {
        // Given an open job of centre-a
        centre.openJob(jobId, LocalStack.SUBMITTER.username(), Duration.ofMinutes(1));
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        // When the centre sends every patient sealed, one value that is not Avro and one request in clear
        for (SampleRequest patient : patients) {
            sent.add(centre.send(request(patient)));
        }
        try (KafkaProducer<String, byte[]> careless = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            sent.add(careless.send(withJobHeader("bad-1", "not avro".getBytes(StandardCharsets.UTF_8))));
            MatchRequest clear = MatchRequest.newBuilder().setJobId(jobId).setRecordId("clear-1")
                    .setIdNumber("11010519491231002X").setName("王芳").build();
            sent.add(careless.send(withJobHeader("clear-1", Codecs.MATCH_REQUEST.encode(clear))));
            careless.flush();
        }
        // and closes it with the exact count once everything is acknowledged
        centre.closeJob(jobId, sent);

        // Then job-progress says COMPLETED with every counter exact
        JobProgress progress = centre.awaitCompleted(jobId, Duration.ofMinutes(3));
        assertThat(progress.getState()).isEqualTo(JobState.COMPLETED);
        assertThat(progress.getExpected()).isEqualTo(PATIENTS + 2L);
        assertThat(progress.getProcessed()).isEqualTo(PATIENTS + 2L);
        assertThat(progress.getMatched()).isEqualTo(DEAD);
        assertThat(progress.getNotFound()).isEqualTo(PATIENTS - DEAD - INVALID);
        assertThat(progress.getInvalid()).isEqualTo(INVALID);
        assertThat(progress.getMatchedWithDiscrepancy()).isZero();
        assertThat(progress.getProbable()).isZero();
        assertThat(progress.getDeadLettered()).isEqualTo(2);
        assertThat(progress.getOrganisation()).isEqualTo(LocalStack.SUBMITTER.organisation());
        assertThat(progress.getSubmittedBy()).isEqualTo(LocalStack.SUBMITTER.username());
        assertThat(progress.getCreatedAt()).isNotNull();
        assertThat(progress.getCompletedAt()).isNotNull();
    }

    @Test
    @Order(2)
    void everyResultReadFromMatchResultsIsRightOnceOpenedWithTheKeysets() {
        Map<String, MatchResult> results = new HashMap<>();
        for (MatchResult result : centre.results(jobId)) {
            assertThat(results.put(result.getRecordId(), result)).as("one result per record").isNull();
        }

        assertThat(results).hasSize(PATIENTS);
        for (SampleRequest patient : patients) {
            MatchResult result = results.get(patient.recordId());
            assertThat(result).as(patient.recordId()).isNotNull();
            assertThat(result.getJobId()).isEqualTo(jobId);
            assertThat(result.getOutcome().name()).as(patient.recordId()).isEqualTo(patient.expectedOutcome());
            assertThat(result.getDeathDate()).isEqualTo(patient.expectedDeathDate());
            assertThat(result.getDeathPlace()).isEqualTo(patient.expectedDeathPlace());
            assertThat(result.getDirectCause()).isEqualTo(patient.expectedDirectCause());
            assertThat(result.getDirectCauseIcd10()).isEqualTo(patient.expectedDirectCauseIcd10());
            assertThat(result.getReasonCode()).isEqualTo(patient.expectedReasonCode());
            if (SampleRequest.MATCHED.equals(patient.expectedOutcome())) {
                assertThat(result.getLinkedId()).as("opened linkedId").isEqualTo(patient.idNumber());
            }
        }
    }

    @Test
    @Order(3)
    void theUndecodableAndTheUnsealedRequestAreDeadLetteredWithTheirCodes() {
        Map<String, String> codes = new HashMap<>();
        TopicReading.readCommitted(stack.bootstrapServers(), CentreTopics.name(LocalStack.SUBMITTER.organisation(), Topics.MATCH_REQUESTS_DLQ), new StringDeserializer(), record -> {
            if (jobId.equals(header(record, Topics.JOB_ID_HEADER))) {
                codes.put(record.key(), header(record, Topics.ERROR_CODE_HEADER));
            }
        });

        assertThat(codes).containsExactlyInAnyOrderEntriesOf(Map.of("bad-1", "VL-4001", "clear-1", "VL-4003"));
    }

    @Test
    @Order(4)
    void theDirectJobIsReadableThroughTheApiByItsOrganisationOnly() throws Exception {
        ApiClient centreA = stack.client(LocalStack.SUBMITTER);
        JsonNode job = centreA.awaitCompleted(jobId, Duration.ofMinutes(1));
        HttpResponse<String> ndjson = centreA.get("/api/v1/jobs/" + jobId + "/results", "application/x-ndjson");
        ApiClient admin = stack.client(LocalStack.ADMIN);
        assertThat(admin.send("POST", "/api/v1/users", Map.of("username", "centre-b", "organisation", "centre-b",
                "roles", List.of("SUBMITTER"), "password", "centre b password")).statusCode()).isEqualTo(201);
        ApiClient centreB = new ApiClient(stack.api(), "centre-b", "centre b password");
        HttpResponse<String> otherStatus = centreB.get("/api/v1/jobs/" + jobId, "application/json");
        HttpResponse<String> otherResults = centreB.get("/api/v1/jobs/" + jobId + "/results", "application/x-ndjson");

        assertThat(job.path("expected").asLong()).isEqualTo(PATIENTS + 2L);
        assertThat(job.path("processed").asLong()).isEqualTo(PATIENTS + 2L);
        assertThat(job.path("matched").asLong()).isEqualTo(DEAD);
        assertThat(job.path("notFound").asLong()).isEqualTo(PATIENTS - DEAD - INVALID);
        assertThat(job.path("invalid").asLong()).isEqualTo(INVALID);
        assertThat(job.path("deadLettered").asLong()).isEqualTo(2);
        assertThat(ndjson.statusCode()).isEqualTo(200);
        Map<String, JsonNode> lines = new HashMap<>();
        ndjson.body().lines().map(ApiClient::parse).forEach(line -> lines.put(line.path("recordId").asText(), line));
        assertThat(lines).hasSize(PATIENTS);
        for (SampleRequest patient : patients) {
            JsonNode line = lines.get(patient.recordId());
            assertThat(line.path("outcome").asText()).as(patient.recordId()).isEqualTo(patient.expectedOutcome());
            assertThat(line.path("directCause").isNull() ? null : line.path("directCause").asText())
                    .isEqualTo(patient.expectedDirectCause());
        }
        assertThat(otherStatus.statusCode()).isEqualTo(404);
        assertThat(ApiClient.parse(otherStatus.body()).path("code").asText()).isEqualTo("VL-1404");
        assertThat(otherResults.statusCode()).isEqualTo(404);
        assertThat(ApiClient.parse(otherResults.body()).path("code").asText()).isEqualTo("VL-1404");
    }

    @Test
    @Order(5)
    void aCancelledJobSkipsTheRequestsThatArriveAfterwardsAndKeepsWhatWasDecided() throws Exception {
        String cancelledJob = UUID.randomUUID().toString();
        ApiClient centreA = stack.client(LocalStack.SUBMITTER);
        List<SampleRequest> before = patients.subList(0, 50);
        List<SampleRequest> after = patients.subList(50, PATIENTS);
        // Given a job whose first 50 requests are matched
        centre.openJob(cancelledJob, LocalStack.SUBMITTER.username(), Duration.ofMinutes(1));
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (SampleRequest patient : before) {
            sent.add(centre.send(request(cancelledJob, patient)));
        }
        awaitJob(centreA, cancelledJob, job -> job.path("processed").asLong() == before.size());

        // When its submitter cancels it through the API
        HttpResponse<String> cancel = centreA.send("DELETE", "/api/v1/jobs/" + cancelledJob, null);
        assertThat(cancel.statusCode()).isEqualTo(202);
        awaitJob(centreA, cancelledJob, job -> "CANCELLED".equals(job.path("state").asText()));
        Thread.sleep(1_000); // the matcher's global job-states table reads job-progress as the API does, not at once
        // and the centre's producer, not told, goes on and closes the job
        for (SampleRequest patient : after) {
            sent.add(centre.send(request(cancelledJob, patient)));
        }
        centre.closeJob(cancelledJob, sent);

        // Then the rest is skipped, counted, and the job stays CANCELLED with what was decided before
        JsonNode job = awaitJob(centreA, cancelledJob,
                j -> j.path("processed").asLong() + j.path("skipped").asLong() == PATIENTS && j.path("expected").asLong() == PATIENTS);
        assertThat(job.path("state").asText()).isEqualTo("CANCELLED");
        assertThat(job.path("processed").asLong()).isEqualTo(before.size());
        assertThat(job.path("skipped").asLong()).isEqualTo(after.size());
        assertThat(job.path("expected").asLong()).isEqualTo(PATIENTS);
        assertThat(job.path("reason").asText()).isEqualTo("Cancelled by " + LocalStack.SUBMITTER.username());
        assertThat(job.path("endedAt").asText()).isNotEmpty();
        HttpResponse<String> results = centreA.get("/api/v1/jobs/" + cancelledJob + "/results", "application/x-ndjson");
        assertThat(results.headers().firstValue("Vitalink-Job-State")).hasValue("CANCELLED");
        assertThat(results.body().lines().map(line -> ApiClient.parse(line).path("recordId").asText()))
                .containsExactlyInAnyOrderElementsOf(before.stream().map(SampleRequest::recordId).toList());
        JsonNode log = ApiClient.parse(centreA.get("/api/v1/jobs/" + cancelledJob + "/log", "application/json").body());
        assertThat(log.path("events").findValuesAsText("event")).containsExactly("ACCEPTED", "STARTED", "CANCELLED");
        HttpResponse<String> again = centreA.send("DELETE", "/api/v1/jobs/" + jobId, null);
        assertThat(again.statusCode()).as("the completed job cannot be cancelled").isEqualTo(409);
        assertThat(ApiClient.parse(again.body()).path("code").asText()).isEqualTo("VL-1131");
    }

    private static JsonNode awaitJob(ApiClient client, String id, java.util.function.Predicate<JsonNode> reached)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        JsonNode job = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = client.get("/api/v1/jobs/" + id, "application/json");
            if (response.statusCode() == 200) {
                job = ApiClient.parse(response.body());
                if (reached.test(job)) {
                    return job;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + id + " did not get there; last seen: " + job);
    }

    private static MatchRequest request(SampleRequest patient) {
        return request(jobId, patient);
    }

    /** The centre's own record, as its system would build it: recordId is a row number, never a patient identifier. */
    private static MatchRequest request(String jobId, SampleRequest patient) {
        return MatchRequest.newBuilder()
                .setJobId(jobId)
                .setRecordId(patient.recordId())
                .setIdNumber(patient.idNumber())
                .setName(patient.name())
                .setSex(patient.sex())
                .setBirthDate(patient.birthDate())
                .build();
    }

    private static ProducerRecord<String, byte[]> withJobHeader(String recordId, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.JOB_ID_HEADER, jobId.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(CentreTopics.name(LocalStack.SUBMITTER.organisation(), Topics.MATCH_REQUESTS), null, recordId,
                value, headers);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
