package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import io.vitalink.example.CentreKafkaClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
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
 * Data-use applications (申请审批) on the real broker, with the whole local stack: a centre's job runs only under an
 * approved application of its organisation, over HTTP and straight into Kafka alike, its results carry only the
 * field groups approved, and a revocation stops new jobs at once.
 */
@Tag("integration")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApplicationIT {

    private static final long SEED = 20261207L;
    private static final int PATIENTS = 60;
    private static final int DEAD = 30;
    private static final Duration WAIT = Duration.ofMinutes(2);

    @TempDir
    static Path dataDir;

    private static LocalStack stack;
    private static ApiClient centre;
    private static ApiClient approver;
    private static CentreKafkaClient kafka;
    private static List<SampleRequest> patients;
    private static Path requestsCsv;
    private static String application;
    private static String approvedJob;

    @BeforeAll
    static void startStackWithoutApplications() throws Exception {
        stack = LocalStack.start(new LocalStack.Settings(dataDir, 0, 0, 3));
        List<SampleDeath> deaths = SampleData.deaths(SEED, 500);
        patients = SampleData.requests(SEED, deaths, PATIENTS, DEAD, 0);
        Path deathsCsv = dataDir.resolve("deaths.csv");
        SampleData.writeDeathsCsv(deaths, deathsCsv);
        stack.loadDeaths(deathsCsv, "application-it");
        stack.awaitRegistryIndexed(WAIT);
        requestsCsv = dataDir.resolve("requests.csv");
        SampleData.writeRequestsCsv(patients, requestsCsv);
        centre = stack.client(LocalStack.SUBMITTER);
        approver = stack.client(LocalStack.APPROVER);
        kafka = new CentreKafkaClient(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                dataDir.resolve("keys"), LocalStack.CENTRE);
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void refusesAJobOverHttpWhileTheCentreHasNoApplication() {
        HttpResponse<String> refused = centre.uploadCsv(requestsCsv, "");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(ApiClient.parse(refused.body()).path("code").asText()).isEqualTo("VL-1610");
        assertThat(ApiClient.parse(centre.get("/api/v1/jobs", "application/json").body()).path("jobs")).isEmpty();
    }

    @Test
    @Order(2)
    void failsAJobOpenedStraightIntoKafkaWithoutAnApplicationAndSkipsItsRequests() throws Exception {
        String jobId = UUID.randomUUID().toString();

        kafka.openJob(jobId, LocalStack.SUBMITTER.username(), Duration.ofMinutes(1));
        List<Future<RecordMetadata>> sent = sendAll(jobId);
        kafka.closeJob(jobId, sent);

        JsonNode job = awaitJob(jobId, j -> j.path("skipped").asLong() == PATIENTS);
        assertThat(job.path("state").asText()).isEqualTo("FAILED");
        assertThat(job.path("reasonCode").asText()).isEqualTo("VL-4010");
        assertThat(job.path("processed").asLong()).isZero();
        assertThat(kafka.results(jobId)).isEmpty();
    }

    @Test
    @Order(3)
    void runsAJobOnceApprovedAndItsResultsCarryOnlyTheDeathDate() throws Exception {
        // Given the centre's application for the death date only, approved by the registry holder
        application = SampleApplication.fileAndApprove(centre, approver, List.of("DEATH_DATE"));

        // When it submits over HTTP
        approvedJob = centre.submitCsv(requestsCsv);
        JsonNode job = centre.awaitCompleted(approvedJob, WAIT);

        // Then the job runs under it, and the linked deaths come with their date and without cause or place
        assertThat(job.path("matched").asLong() + job.path("matchedWithDiscrepancy").asLong()).isEqualTo(DEAD);
        assertThat(job.path("application").path("id").asText()).isEqualTo(application);
        assertThat(job.path("application").path("status").asText()).isEqualTo("APPROVED");
        assertThat(job.path("deathsByUnderlyingCauseChapter").size()).isZero();
        List<JsonNode> results = ndjson(centre.get("/api/v1/jobs/" + approvedJob + "/results?detail=causes",
                "application/x-ndjson").body());
        List<JsonNode> linked = results.stream().filter(r -> r.path("outcome").asText().startsWith("MATCHED")).toList();
        assertThat(linked).hasSize(DEAD).allSatisfy(r -> {
            assertThat(r.path("deathDate").isNull()).isFalse();
            assertThat(r.path("directCause").isNull()).isTrue();
            assertThat(r.path("underlyingCauseIcd10").isNull()).isTrue();
            assertThat(r.path("deathPlace").isNull()).isTrue();
        });
    }

    @Test
    @Order(4)
    void runsAJobOpenedStraightIntoKafkaUnderTheSameApplicationWithTheSameFields() throws Exception {
        String jobId = UUID.randomUUID().toString();

        kafka.openJob(jobId, LocalStack.SUBMITTER.username(), Duration.ofMinutes(1));
        kafka.closeJob(jobId, sendAll(jobId));
        kafka.awaitCompleted(jobId, WAIT);

        List<MatchResult> results = kafka.results(jobId);
        assertThat(results).hasSize(PATIENTS);
        List<MatchResult> linked = results.stream().filter(r -> r.getOutcome() == Outcome.MATCHED
                || r.getOutcome() == Outcome.MATCHED_WITH_DISCREPANCY).toList();
        assertThat(linked).hasSize(DEAD).allSatisfy(r -> {
            assertThat(r.getDeathDate()).isNotNull();
            assertThat(r.getDirectCause()).isNull();
            assertThat(r.getUnderlyingCauseChapter()).isNull();
        });
        assertThat(centre.job(jobId).path("application").path("id").asText()).isEqualTo(application);
    }

    @Test
    @Order(5)
    void refusesNewJobsOnBothPathsOnceTheApplicationIsRevokedAndShowsItOnTheEarlierJob() throws Exception {
        HttpResponse<String> revoked = approver.send("POST", "/api/v1/applications/" + application + "/revoke",
                Map.of("reason", "ethics approval withdrawn"));
        assertThat(revoked.statusCode()).isEqualTo(200);

        HttpResponse<String> refused = centre.uploadCsv(requestsCsv, "?applicationId=" + application);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(ApiClient.parse(refused.body()).path("code").asText()).isEqualTo("VL-1613");
        assertThat(ApiClient.parse(centre.uploadCsv(requestsCsv, "").body()).path("code").asText()).isEqualTo("VL-1610");

        String jobId = UUID.randomUUID().toString();
        kafka.openJob(jobId, LocalStack.SUBMITTER.username(), Duration.ofMinutes(1));
        assertThat(awaitJob(jobId, j -> j.path("state").asText().equals("FAILED")).path("reasonCode").asText())
                .isEqualTo("VL-4010");

        assertThat(centre.job(approvedJob).path("application").path("status").asText()).isEqualTo("REVOKED");
        assertThat(centre.job(approvedJob).path("state").asText()).as("a job that ran stays as it ended").isEqualTo("COMPLETED");
    }

    private static List<Future<RecordMetadata>> sendAll(String jobId) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (SampleRequest p : patients) {
            sent.add(kafka.send(MatchRequest.newBuilder().setJobId(jobId).setRecordId(p.recordId()).setIdNumber(p.idNumber())
                    .setName(p.name()).setSex(p.sex()).setBirthDate(p.birthDate()).setSequence((long) sent.size()).build()));
        }
        return sent;
    }

    private static JsonNode awaitJob(String jobId, java.util.function.Predicate<JsonNode> until) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode job = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = centre.get("/api/v1/jobs/" + jobId, "application/json");
            if (response.statusCode() == 200) {
                job = ApiClient.parse(response.body());
                if (until.test(job)) {
                    return job;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("job " + jobId + " not as awaited: " + job);
    }

    private static List<JsonNode> ndjson(String body) {
        return body.lines().filter(l -> !l.isBlank()).map(ApiClient::parse).toList();
    }
}
