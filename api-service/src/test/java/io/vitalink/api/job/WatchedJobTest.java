package io.vitalink.api.job;

import io.vitalink.api.testing.InMemoryApplicationStore;
import io.vitalink.api.testing.TestApplications;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vitalink.api.store.IngestBatch;
import io.vitalink.api.store.JobStore;
import io.vitalink.api.testing.FakeJobPublisher;
import io.vitalink.api.testing.Http;
import io.vitalink.api.testing.TestUsers;
import io.vitalink.api.user.UserService;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import io.vitalink.avro.ResultTrigger;
import io.vitalink.serde.RecordCodec;
import io.vitalink.topic.TopicSerdes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Submitting a watched cohort, ending its watch, and reading its changes feed over HTTP, with Kafka replaced. */
@MicronautTest
class WatchedJobTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static final String CSV = "record_id,id_number\nr1,440524188001010014\n";

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

    final HttpClient http = HttpClient.newHttpClient();
    String token;

    @BeforeEach
    void reset() {
        publisher.owners.clear();
        publisher.cancelled.clear();
        publisher.fail = false;
        TestUsers.createStandard(users);
        TestApplications.approveStandard(applicationStore);
        token = new Http(URI.create(server.getURL().toString())).token(TestUsers.SUBMITTER_A, TestUsers.PASSWORD);
    }

    @Test
    void aCsvJobIsWatchedUntilTheDayItsQueryNamesAndShowsIt() throws Exception {
        LocalDate until = TODAY.plusYears(5);
        HttpResponse<String> response = post("?watchUntil=" + until, "text/csv", CSV);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(publisher.owners).last().extracting(JobOwner::watchUntil).isEqualTo(until);
        String jobId = response.body().replaceAll(".*\"jobId\":\"([^\"]+)\".*", "$1");
        assertThat(get("/api/v1/jobs/" + jobId, "application/json").body())
                .contains("\"watchUntil\":\"" + until + "\"", "\"watchEndedAt\":null", "\"changes\":0");
    }

    @Test
    void aJsonJobNamesItsWatchInTheEnvelope() throws Exception {
        LocalDate until = TODAY.plusYears(1);
        HttpResponse<String> response = post("", "application/json",
                "{\"records\":[{\"recordId\":\"r1\"}],\"watch\":{\"until\":\"" + until + "\"}}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(publisher.owners).last().extracting(JobOwner::watchUntil).isEqualTo(until);
    }

    @Test
    void refusesAWatchThatIsNoDateIsOverIsTooLongOrIsNamedTwice() throws Exception {
        assertThat(post("?watchUntil=soon", "text/csv", CSV).body()).contains("\"code\":\"VL-1140\"");
        assertThat(post("?watchUntil=" + TODAY.minusDays(1), "text/csv", CSV).body()).contains("\"code\":\"VL-1140\"");
        assertThat(post("?watchUntil=" + TODAY.plusYears(11), "text/csv", CSV).body()).contains("\"code\":\"VL-1140\"");
        HttpResponse<String> twice = post("?watchUntil=" + TODAY.plusYears(1), "application/json",
                "{\"records\":[{\"recordId\":\"r1\"}],\"watch\":{\"until\":\"" + TODAY.plusYears(2) + "\"}}");
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(twice.body()).contains("\"code\":\"VL-1140\"");
        assertThat(post("", "application/json", "{\"records\":[{\"recordId\":\"r1\"}],\"watch\":\"2031-12-31\"}").body())
                .contains("\"code\":\"VL-1001\"");
        assertThat(publisher.owners).isEmpty();
    }

    @Test
    void deletingACompletedWatchedJobEndsItsWatch() throws Exception {
        String jobId = putJob(TODAY.plusYears(1));

        HttpResponse<String> response = delete("/api/v1/jobs/" + jobId);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(publisher.cancelled).containsExactly(jobId + ":Watch ended by " + TestUsers.SUBMITTER_A);
    }

    @Test
    void readsTheChangesFeedPageByPageFromACursor() throws Exception {
        String jobId = putJob(TODAY.plusYears(1));
        RecordCodec<MatchResult> sealed = serdes.codec(MatchResult.class);
        IngestBatch batch = new IngestBatch();
        for (int i = 0; i < 3; i++) {
            MatchResult first = result(jobId, "r" + i, Outcome.NOT_FOUND, null);
            batch.result(first, 0, i, sealed.encode(first));
        }
        for (int i = 0; i < 3; i++) {
            MatchResult late = result(jobId, "r" + i, Outcome.MATCHED, ResultTrigger.NEW_DEATH_RECORD);
            batch.result(late, 0, 10 + i, sealed.encode(late));
        }
        store.apply(batch);

        HttpResponse<String> page = get("/api/v1/jobs/" + jobId + "/changes?limit=2", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body().lines()).hasSize(2).allSatisfy(line -> assertThat(line)
                .contains("\"trigger\":\"NEW_DEATH_RECORD\"", "\"previousOutcome\":\"NOT_FOUND\"", "\"outcome\":\"MATCHED\"",
                        "\"directCause\":\"肺恶性肿瘤\""));
        String next = page.headers().firstValue(JobController.NEXT_CURSOR_HEADER).orElseThrow();
        assertThat(page.headers().firstValue("Link")).hasValueSatisfying(link -> assertThat(link).contains("since=" + next));

        HttpResponse<String> rest = get("/api/v1/jobs/" + jobId + "/changes?since=" + next, "text/csv");
        assertThat(rest.body().lines()).hasSize(2);
        assertThat(rest.body()).startsWith("cursor,trigger,previous_outcome,decided_at,record_id,outcome").contains(",r2,MATCHED,");
        assertThat(rest.headers().firstValue("Link")).isEmpty();
        String last = rest.headers().firstValue(JobController.NEXT_CURSOR_HEADER).orElseThrow();

        HttpResponse<String> none = get("/api/v1/jobs/" + jobId + "/changes?since=" + last, null);
        assertThat(none.body()).isEmpty();
        assertThat(none.headers().firstValue(JobController.NEXT_CURSOR_HEADER)).hasValue(last);
        assertThat(get("/api/v1/jobs/" + jobId + "/results", null).body().lines())
                .hasSize(3).allSatisfy(line -> assertThat(line).contains("\"outcome\":\"MATCHED\""));
    }

    @Test
    void refusesACursorOrLimitItDoesNotKnow() throws Exception {
        String jobId = putJob(TODAY.plusYears(1));

        assertThat(get("/api/v1/jobs/" + jobId + "/changes?since=abc", null).body()).contains("\"code\":\"VL-1132\"");
        assertThat(get("/api/v1/jobs/" + jobId + "/changes?limit=0", null).body()).contains("\"code\":\"VL-1132\"");
        assertThat(get("/api/v1/jobs/" + UUID.randomUUID() + "/changes", null).statusCode()).isEqualTo(404);
    }

    private static MatchResult result(String jobId, String recordId, Outcome outcome, ResultTrigger trigger) {
        MatchResult.Builder result = MatchResult.newBuilder().setJobId(jobId).setRecordId(recordId).setOutcome(outcome)
                .setSequence(Long.parseLong(recordId.substring(1))).setTrigger(trigger)
                .setDecidedAt(Instant.parse("2026-12-07T01:00:00Z"));
        if (trigger != null) {
            result.setPreviousOutcome(Outcome.NOT_FOUND).setDirectCause("肺恶性肿瘤").setDeathDate(LocalDate.of(2026, 11, 30));
        }
        return result.build();
    }

    private String putJob(LocalDate watchUntil) {
        String jobId = UUID.randomUUID().toString();
        store.progress().putIfAbsent(JobProgress.newBuilder().setJobId(jobId).setState(JobState.COMPLETED)
                .setOrganisation(TestUsers.CENTRE_A).setWatchUntil(watchUntil).build());
        return jobId;
    }

    private HttpResponse<String> post(String query, String contentType, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri("/api/v1/jobs" + query)).header("Content-Type", contentType)
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
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
