package io.vitalink.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vitalink.api.store.IngestBatch;
import io.vitalink.api.store.JobStore;
import io.vitalink.api.testing.Http;
import io.vitalink.api.testing.InMemoryApplicationStore;
import io.vitalink.api.testing.TestApplications;
import io.vitalink.api.testing.TestUsers;
import io.vitalink.api.user.UserService;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import io.vitalink.serde.RecordCodec;
import io.vitalink.topic.TopicSerdes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A job's results read page by page with an outcome filter (the console's table), over HTTP with Kafka replaced. */
@MicronautTest
class ResultsPagingTest {

    @Inject
    EmbeddedServer server;
    @Inject
    JobStore store;
    @Inject
    UserService users;
    @Inject
    InMemoryApplicationStore applicationStore;
    @Inject
    TopicSerdes serdes;

    Http http;
    String token;
    String jobId;

    @BeforeEach
    void storeAJobOfTenResults() {
        TestUsers.createStandard(users);
        TestApplications.approveStandard(applicationStore);
        http = new Http(URI.create(server.getURL().toString()));
        token = http.token(TestUsers.SUBMITTER_A, TestUsers.PASSWORD);
        jobId = UUID.randomUUID().toString();
        store.progress().putIfAbsent(JobProgress.newBuilder().setJobId(jobId).setState(JobState.COMPLETED)
                .setOrganisation(TestUsers.CENTRE_A).build());
        RecordCodec<MatchResult> sealed = serdes.codec(MatchResult.class);
        IngestBatch batch = new IngestBatch();
        for (int i = 0; i < 10; i++) {
            // r0, r3, r6, r9 matched; the rest not found
            MatchResult result = MatchResult.newBuilder().setJobId(jobId).setRecordId("r" + i).setSequence((long) i)
                    .setOutcome(i % 3 == 0 ? Outcome.MATCHED : Outcome.NOT_FOUND)
                    .setDecidedAt(Instant.parse("2026-12-07T01:00:00Z")).build();
            batch.result(result, 0, i, sealed.encode(result));
        }
        store.apply(batch);
    }

    @Test
    void pagesThroughTheResultsOfOneOutcomeInSubmissionOrder() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse<String> page = http.get(results("?outcome=MATCHED&limit=3" + (cursor == null ? "" : "&cursor=" + cursor)), token);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("ndjson"));
            page.body().lines().forEach(line -> {
                assertThat(line).contains("\"outcome\":\"MATCHED\"");
                seen.add(line.replaceAll(".*\"recordId\":\"([^\"]+)\".*", "$1"));
            });
            cursor = page.headers().firstValue(JobController.NEXT_CURSOR_HEADER).orElse(null);
            if (cursor != null) {
                assertThat(page.headers().firstValue("Link")).hasValueSatisfying(link ->
                        assertThat(link).contains("cursor=", "outcome=MATCHED", "limit=3", "rel=\"next\""));
            }
            pages++;
        } while (cursor != null);

        assertThat(seen).containsExactly("r0", "r3", "r6", "r9");
        assertThat(pages).isEqualTo(2);
    }

    @Test
    void aPageWithoutAFilterHoldsEveryOutcomeAndCsvHasItsHeader() {
        HttpResponse<String> page = http.send("GET", results("?limit=4"), token, null, null, java.util.Map.of("Accept", "text/csv"));

        assertThat(page.body().lines()).hasSize(5).first().asString().startsWith("record_id,outcome");
        assertThat(page.body()).contains("r0,MATCHED", "r1,NOT_FOUND", "r3,MATCHED").doesNotContain("r4,");
        assertThat(page.headers().firstValue(JobController.NEXT_CURSOR_HEADER)).isPresent();
    }

    @Test
    void theLastPageNamesNoCursorAndSeveralOutcomesCanBeAsked() {
        HttpResponse<String> page = http.get(results("?outcome=matched,NOT_FOUND&limit=10"), token);

        assertThat(page.body().lines()).hasSize(10);
        assertThat(page.headers().firstValue(JobController.NEXT_CURSOR_HEADER)).isEmpty();
    }

    @Test
    void refusesAnOutcomeACursorOrALimitItDoesNotKnow() {
        for (String query : new String[] {"?outcome=DEAD", "?cursor=abc", "?cursor=" + "00".repeat(12) + "&limit=0",
                "?limit=10001"}) {
            HttpResponse<String> refused = http.get(results(query), token);
            assertThat(refused.statusCode()).as(query).isEqualTo(400);
            assertThat(Http.code(refused)).as(query).isEqualTo("VL-1134");
        }
    }

    private String results(String query) {
        return "/api/v1/jobs/" + jobId + "/results" + query;
    }
}
