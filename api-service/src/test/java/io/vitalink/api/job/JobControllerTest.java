package io.vitalink.api.job;

import io.vitalink.api.testing.InMemoryApplicationStore;
import io.vitalink.api.testing.TestApplications;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vitalink.api.audit.AuditLog;
import io.vitalink.api.store.IngestBatch;
import io.vitalink.api.store.JobStore;
import io.vitalink.api.testing.FakeJobPublisher;
import io.vitalink.api.testing.Http;
import io.vitalink.api.testing.RecordingAuditSink;
import io.vitalink.api.testing.TestUsers;
import io.vitalink.api.user.UserService;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import io.vitalink.serde.Codecs;
import io.vitalink.topic.TopicSerdes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP contract for a logged-in submitter, with Kafka replaced: a recording publisher and no consumer loop. */
@MicronautTest
class JobControllerTest {

    @Inject
    EmbeddedServer server;
    @Inject
    JobStore store;
    @Inject
    FakeJobPublisher publisher;
    @Inject
    UserService users;
    @Inject
    InMemoryApplicationStore applicationStore;
    @Inject
    TopicSerdes serdes;
    @Inject
    RecordingAuditSink audit;

    final HttpClient http = HttpClient.newHttpClient();
    String token;

    @BeforeEach
    void reset() {
        publisher.published.clear();
        publisher.cancelled.clear();
        publisher.failed.clear();
        publisher.fail = false;
        TestUsers.createStandard(users);
        TestApplications.approveStandard(applicationStore);
        token = new Http(URI.create(server.getURL().toString())).token(TestUsers.SUBMITTER_A, TestUsers.PASSWORD);
    }

    @Test
    void acceptsJsonJobWith202AndLocationAndShowsItAsReceiving() throws Exception {
        HttpResponse<String> response = post("application/json",
                "{\"records\":[{\"recordId\":\"r1\",\"idNumber\":\"A123456789\",\"name\":\"Chen\",\"sex\":\"M\","
                        + "\"birthDate\":\"1950-01-31\"}],\"callbackUrl\":null}");

        assertThat(response.statusCode()).isEqualTo(202);
        String jobId = response.body().replaceAll(".*\"jobId\":\"([^\"]+)\".*", "$1");
        assertThat(UUID.fromString(jobId)).isNotNull();
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/jobs/" + jobId);
        assertThat(publisher.published).containsExactly(jobId + ":1");
        assertThat(publisher.owners).last().isEqualTo(new JobOwner(TestUsers.CENTRE_A, TestUsers.SUBMITTER_A)
                .withApplication("application-" + TestUsers.CENTRE_A, TestApplications.ALL_FIELDS));

        HttpResponse<String> job = get("/api/v1/jobs/" + jobId, "application/json");
        assertThat(job.statusCode()).isEqualTo(200);
        assertThat(job.body()).contains("\"state\":\"RECEIVING\"", "\"jobId\":\"" + jobId + "\"",
                "\"startedAt\":null", "\"expected\":null", "\"processed\":0");
    }

    @Test
    void acceptsNdjsonAndCsvUploads() throws Exception {
        assertThat(post("application/x-ndjson", "{\"recordId\":\"r1\"}\n{\"recordId\":\"r2\"}\n").statusCode())
                .isEqualTo(202);
        assertThat(post("text/csv; charset=utf-8", "record_id,name\nr1,\"Lin, Wei\"\n").statusCode()).isEqualTo(202);
        assertThat(publisher.published).hasSize(2);
    }

    @Test
    void refusesInvalidRecordWith400LineAndFieldAndPublishesNothing() throws Exception {
        HttpResponse<String> response = post("text/csv", "record_id,birth_date\nr1,1950-01-01\nr2,1950-13-01\n");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"code\":\"VL-1002\"", "\"line\":3", "\"field\":\"birth_date\"",
                "\"status\":400", "\"type\":", "\"title\":", "\"detail\":");
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void refusesEmptyJobAndMalformedJson() throws Exception {
        assertThat(post("application/json", "{\"records\":[]}").body()).contains("\"code\":\"VL-1004\"");
        HttpResponse<String> malformed = post("application/json", "{\"records\":[");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("\"code\":\"VL-1001\"");
    }

    @Test
    void refusesUnsupportedMediaTypeWith415Problem() throws Exception {
        HttpResponse<String> response = post("application/xml", "<records/>");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).contains("\"code\":\"VL-1005\"");
    }

    @Test
    void answers503ProblemWhenKafkaFails() throws Exception {
        publisher.fail = true;
        HttpResponse<String> response = post("application/x-ndjson", "{\"recordId\":\"r1\"}");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"code\":\"VL-1503\"");
        JobProgress failed = only(jobs -> jobs.getState() == JobState.FAILED && jobs.getCreatedAt() != null
                && jobs.getCreatedAt().isAfter(Instant.now().minusSeconds(60)) && "VL-1503".equals(jobs.getReasonCode()));
        assertThat(failed.getOrganisation()).isEqualTo(TestUsers.CENTRE_A);
        assertThat(failed.getEndedAt()).isNotNull();
        assertThat(publisher.failed).containsExactly(failed.getJobId() + ":VL-1503");
    }

    @Test
    void cancelsARunningJobOfTheOwnOrganisationWith202() throws Exception {
        String jobId = putJob(JobState.RUNNING, TestUsers.CENTRE_A);

        HttpResponse<String> response = delete("/api/v1/jobs/" + jobId);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/jobs/" + jobId);
        assertThat(response.body()).contains("\"jobId\":\"" + jobId + "\"", "\"state\":\"RUNNING\"");
        assertThat(publisher.cancelled).containsExactly(jobId + ":Cancelled by " + TestUsers.SUBMITTER_A);
    }

    @Test
    void cancellingACancelledJobAgainChangesNothing() throws Exception {
        String jobId = putJob(JobState.CANCELLED, TestUsers.CENTRE_A);

        HttpResponse<String> response = delete("/api/v1/jobs/" + jobId);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"state\":\"CANCELLED\"");
        assertThat(publisher.cancelled).isEmpty();
    }

    @Test
    void refusesToCancelAJobThatEndedOtherwiseWith409() throws Exception {
        for (JobState ended : List.of(JobState.COMPLETED, JobState.FAILED)) {
            String jobId = putJob(ended, TestUsers.CENTRE_A);

            HttpResponse<String> response = delete("/api/v1/jobs/" + jobId);

            assertThat(response.statusCode()).as(ended.name()).isEqualTo(409);
            assertThat(response.body()).contains("\"code\":\"VL-1131\"", ended.name());
        }
        assertThat(publisher.cancelled).isEmpty();
    }

    @Test
    void anotherOrganisationsJobCannotBeCancelledNorSeen() throws Exception {
        String jobId = putJob(JobState.RUNNING, TestUsers.CENTRE_B);

        HttpResponse<String> response = delete("/api/v1/jobs/" + jobId);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"code\":\"VL-1404\"");
        assertThat(publisher.cancelled).isEmpty();
    }

    @Test
    void answers503WhenTheCancellationCannotBePublished() throws Exception {
        String jobId = putJob(JobState.RECEIVING, TestUsers.CENTRE_A);
        publisher.fail = true;

        HttpResponse<String> response = delete("/api/v1/jobs/" + jobId);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"code\":\"VL-1503\"");
    }

    @Test
    void showsWhyAJobStoppedAndWhatWasSkipped() throws Exception {
        String jobId = UUID.randomUUID().toString();
        store.progress().putIfAbsent(JobProgress.newBuilder().setJobId(jobId).setState(JobState.CANCELLED)
                .setOrganisation(TestUsers.CENTRE_A).setReason("Cancelled by submitter-a").setSkipped(7)
                .setEndedAt(Instant.parse("2026-11-23T10:00:00Z")).build());

        HttpResponse<String> job = get("/api/v1/jobs/" + jobId, "application/json");

        assertThat(job.body()).contains("\"state\":\"CANCELLED\"", "\"reason\":\"Cancelled by submitter-a\"",
                "\"skipped\":7", "\"endedAt\":\"2026-11-23T10:00:00Z\"", "\"reasonCode\":null");
    }

    @Test
    void unknownJobIs404ProblemWithCode() throws Exception {
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid")) {
            HttpResponse<String> job = get("/api/v1/jobs/" + id, "application/json");
            assertThat(job.statusCode()).isEqualTo(404);
            assertThat(job.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(job.body()).contains("\"code\":\"VL-1404\"");

            HttpResponse<String> results = get("/api/v1/jobs/" + id + "/results", null);
            assertThat(results.statusCode()).isEqualTo(404);
            assertThat(results.body()).contains("\"code\":\"VL-1404\"");
        }
    }

    @Test
    void unknownRouteAndWrongMethodAreProblems() throws Exception {
        HttpResponse<String> route = get("/api/v1/nothing", "application/json");
        assertThat(route.statusCode()).isEqualTo(404);
        assertThat(route.body()).contains("\"code\":\"VL-1405\"");

        HttpResponse<String> method = http.send(HttpRequest.newBuilder(uri("/api/v1/jobs")).header("Authorization", "Bearer " + token)
                .method("DELETE", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(method.body()).contains("\"code\":\"VL-1406\"");
    }

    @Test
    void streamsResultsAsNdjsonByDefaultAndCsvOnRequestWithJobState() throws Exception {
        String jobId = UUID.randomUUID().toString();
        store.apply(new IngestBatch()
                .progress(jobId, Codecs.JOB_PROGRESS.encode(JobProgress.newBuilder().setJobId(jobId).setOrganisation(TestUsers.CENTRE_A)
                        .setState(JobState.RUNNING).setExpected(3L).setProcessed(2).setMatched(1).setNotFound(1)
                        .setCreatedAt(Instant.parse("2026-01-02T03:04:05Z")).build()))
                .result(jobId, 0, 10, serdes.codec(MatchResult.class).encode(MatchResult.newBuilder().setJobId(jobId)
                        .setRecordId("r1").setOutcome(Outcome.MATCHED).setDeathDate(LocalDate.of(2020, 5, 6))
                        .setDeathPlace("Taipei, Da'an").setDirectCause("Lung cancer").setDirectCauseIcd10("C34.9")
                        .setMatchRule("ID_EXACT").setScore(1.0).setNameSimilarity(1.0).setLinkedId("11010519491231002X")
                        .setDecidedAt(Instant.now()).build()))
                .result(jobId, 0, 11, serdes.codec(MatchResult.class).encode(MatchResult.newBuilder().setJobId(jobId)
                        .setRecordId("r2").setOutcome(Outcome.NOT_FOUND).setDecidedAt(Instant.now()).build()))
                .result(jobId, 0, 12, serdes.codec(MatchResult.class).encode(MatchResult.newBuilder().setJobId(jobId)
                        .setRecordId("r3").setOutcome(Outcome.MATCHED_WITH_DISCREPANCY).setDeathDate(LocalDate.of(2021, 1, 2))
                        .setMatchRule("ID_EXACT").setScore(0.8).setDiscrepancies(java.util.List.of("NAME", "SEX"))
                        .setNameSimilarity(0.7).setLinkedId("440524188001010014")
                        .setDecidedAt(Instant.now()).build())));

        HttpResponse<String> ndjson = get("/api/v1/jobs/" + jobId + "/results", null);
        assertThat(ndjson.statusCode()).isEqualTo(200);
        assertThat(ndjson.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/x-ndjson"));
        assertThat(ndjson.headers().firstValue("Vitalink-Job-State")).hasValue("RUNNING");
        assertThat(ndjson.body().split("\n")).containsExactly(
                "{\"recordId\":\"r1\",\"outcome\":\"MATCHED\",\"deathDate\":\"2020-05-06\",\"deathPlace\":\"Taipei, Da'an\","
                        + "\"directCause\":\"Lung cancer\",\"directCauseIcd10\":\"C34.9\",\"reasonCode\":null,"
                        + "\"matchRule\":\"ID_EXACT\",\"score\":1.0,\"nameSimilarity\":1.0,"
                        + "\"linkedIdNumber\":\"11010519491231002X\",\"discrepancies\":[],\"underlyingCause\":null,\"underlyingCauseIcd10\":null,\"underlyingCauseChapter\":null,\"review\":null}",
                "{\"recordId\":\"r2\",\"outcome\":\"NOT_FOUND\",\"deathDate\":null,\"deathPlace\":null,"
                        + "\"directCause\":null,\"directCauseIcd10\":null,\"reasonCode\":null,"
                        + "\"matchRule\":null,\"score\":null,\"nameSimilarity\":null,\"linkedIdNumber\":null,"
                        + "\"discrepancies\":[],\"underlyingCause\":null,\"underlyingCauseIcd10\":null,\"underlyingCauseChapter\":null,\"review\":null}",
                "{\"recordId\":\"r3\",\"outcome\":\"MATCHED_WITH_DISCREPANCY\",\"deathDate\":\"2021-01-02\",\"deathPlace\":null,"
                        + "\"directCause\":null,\"directCauseIcd10\":null,\"reasonCode\":null,"
                        + "\"matchRule\":\"ID_EXACT\",\"score\":0.8,\"nameSimilarity\":0.7,"
                        + "\"linkedIdNumber\":\"440524188001010014\",\"discrepancies\":[\"NAME\",\"SEX\"],\"underlyingCause\":null,\"underlyingCauseIcd10\":null,\"underlyingCauseChapter\":null,\"review\":null}");

        HttpResponse<String> csv = get("/api/v1/jobs/" + jobId + "/results", "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.body().split("\r\n")).containsExactly(
                "record_id,outcome,death_date,death_place,direct_cause,direct_cause_icd10,reason_code,match_rule,score,discrepancies,"
                        + "name_similarity,linked_id_number,underlying_cause,underlying_cause_icd10,underlying_cause_chapter,"
                        + "review_decision,review_note,reviewer,reviewed_at",
                "r1,MATCHED,2020-05-06,\"Taipei, Da'an\",Lung cancer,C34.9,,ID_EXACT,1.0,,1.0,11010519491231002X,,,,,,,",
                "r2,NOT_FOUND,,,,,,,,,,,,,,,,,",
                "r3,MATCHED_WITH_DISCREPANCY,2021-01-02,,,,,ID_EXACT,0.8,NAME;SEX,0.7,440524188001010014,,,,,,,");
        HttpResponse<String> unknownDetail = get("/api/v1/jobs/" + jobId + "/results?detail=everything", "text/csv");
        assertThat(unknownDetail.statusCode()).isEqualTo(400);
        assertThat(unknownDetail.body()).contains("VL-1133");

        HttpResponse<String> job = get("/api/v1/jobs/" + jobId, "application/json");
        assertThat(job.body()).contains("\"createdAt\":\"2026-01-02T03:04:05Z\"", "\"expected\":3", "\"matched\":1");
    }

    @Test
    void aResultsDownloadIsRecordedBeforeItStartsAndRefusedWhileTheAuditTrailCannotBeWritten() throws Exception {
        String jobId = putJob(JobState.COMPLETED, TestUsers.CENTRE_A);
        store.apply(new IngestBatch().result(jobId, 0, 1, serdes.codec(MatchResult.class).encode(MatchResult.newBuilder()
                .setJobId(jobId).setRecordId("r1").setOutcome(Outcome.NOT_FOUND).setDecidedAt(Instant.now()).build())));

        assertThat(get("/api/v1/jobs/" + jobId + "/results", "text/csv").statusCode()).isEqualTo(200);
        assertThat(audit.snapshot()).anySatisfy(e -> {
            assertThat(e.getAction()).isEqualTo(AuditLog.RESULTS_EXPORTED);
            assertThat(e.getJobId()).isEqualTo(jobId);
            assertThat(e.getActor()).isEqualTo(TestUsers.SUBMITTER_A);
            assertThat(e.getDetail()).isEqualTo("format=csv");
        });

        audit.failing = true;
        try {
            HttpResponse<String> refused = get("/api/v1/jobs/" + jobId + "/results", null);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("\"code\":\"VL-1119\"").doesNotContain("r1");
        } finally {
            audit.failing = false;
        }
    }

    @Test
    void jobWithoutResultsYetGivesEmptyBody() throws Exception {
        String jobId = UUID.randomUUID().toString();
        store.progress().putIfAbsent(JobProgress.newBuilder().setJobId(jobId).setState(JobState.RECEIVING)
                .setOrganisation(TestUsers.CENTRE_A).build());

        HttpResponse<String> csv = get("/api/v1/jobs/" + jobId + "/results", "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).isEqualTo(
                "record_id,outcome,death_date,death_place,direct_cause,direct_cause_icd10,reason_code,match_rule,score,discrepancies,"
                        + "name_similarity,linked_id_number,underlying_cause,underlying_cause_icd10,underlying_cause_chapter,"
                        + "review_decision,review_note,reviewer,reviewed_at\r\n");
        assertThat(get("/api/v1/jobs/" + jobId + "/results", null).body()).isEmpty();
    }

    private String putJob(JobState state, String organisation) {
        String jobId = UUID.randomUUID().toString();
        store.progress().putIfAbsent(JobProgress.newBuilder().setJobId(jobId).setState(state).setOrganisation(organisation).build());
        return jobId;
    }

    private JobProgress only(java.util.function.Predicate<JobProgress> matching) {
        List<JobProgress> found = new java.util.ArrayList<>();
        store.progress().forEach(p -> {
            if (matching.test(p)) {
                found.add(p);
            }
            return true;
        });
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String contentType, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri("/api/v1/jobs")).header("Content-Type", contentType)
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(server.getURL() + path);
    }
}
