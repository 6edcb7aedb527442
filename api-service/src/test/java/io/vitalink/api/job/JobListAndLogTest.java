package io.vitalink.api.job;

import io.vitalink.api.testing.InMemoryApplicationStore;
import io.vitalink.api.testing.TestApplications;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vitalink.api.store.IngestBatch;
import io.vitalink.api.store.JobStore;
import io.vitalink.api.testing.Http;
import io.vitalink.api.testing.TestUsers;
import io.vitalink.api.user.UserService;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.serde.Codecs;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/jobs (filters, paging, isolation) and GET /api/v1/jobs/{jobId}/log (roles, content). */
@MicronautTest
@Property(name = "vitalink.consumer.enabled", value = "false")
@Property(name = "vitalink.topics.create", value = "false")
class JobListAndLogTest {

    @Inject
    EmbeddedServer server;
    @Inject
    UserService users;
    @Inject
    InMemoryApplicationStore applicationStore;
    @Inject
    JobStore store;

    Http http;
    TestUsers.Tokens tokens;

    @BeforeEach
    void setUp() {
        TestUsers.createStandard(users);
        TestApplications.approveStandard(applicationStore);
        http = new Http(URI.create(server.getURL().toString()));
        tokens = TestUsers.Tokens.logIn(http);
    }

    @Test
    void logShowsCountersOwnerDurationAndEventsWithTimes() {
        String jobId = job(TestUsers.CENTRE_A, JobState.COMPLETED, Instant.parse("2026-11-23T10:00:00Z"));

        HttpResponse<String> response = http.get("/api/v1/jobs/" + jobId + "/log", tokens.submitterA());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode log = Http.json(response);
        assertThat(log.path("jobId").asText()).isEqualTo(jobId);
        assertThat(log.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(log.path("organisation").asText()).isEqualTo(TestUsers.CENTRE_A);
        assertThat(log.path("submittedBy").asText()).isEqualTo(TestUsers.SUBMITTER_A);
        assertThat(log.path("durationMs").asLong()).isEqualTo(2000);
        assertThat(log.path("expected").asLong()).isEqualTo(5);
        assertThat(log.path("processed").asLong()).isEqualTo(5);
        assertThat(log.path("matched").asLong()).isEqualTo(2);
        assertThat(log.path("notFound").asLong()).isEqualTo(1);
        assertThat(log.path("invalid").asLong()).isEqualTo(1);
        assertThat(log.path("probable").asLong()).isEqualTo(1);
        assertThat(log.path("events").toString()).isEqualTo("[{\"event\":\"ACCEPTED\",\"at\":\"2026-11-23T10:00:00Z\"},"
                + "{\"event\":\"STARTED\",\"at\":\"2026-11-23T10:00:01Z\"},{\"event\":\"COMPLETED\",\"at\":\"2026-11-23T10:00:03Z\"}]");
        assertThat(response.body()).doesNotContain("callbackUrl", "example");
    }

    @Test
    void logIsForTheOwningOrganisationAndAuditorsNotOthersNorAdmins() {
        String jobId = job(TestUsers.CENTRE_A, JobState.RUNNING, Instant.now());
        String path = "/api/v1/jobs/" + jobId + "/log";

        assertThat(http.get(path, tokens.auditor()).statusCode()).isEqualTo(200);
        assertThat(Http.json(http.get(path, tokens.auditor())).path("events").size()).isEqualTo(2);
        HttpResponse<String> other = http.get(path, tokens.submitterB());
        HttpResponse<String> missing = http.get("/api/v1/jobs/" + UUID.randomUUID() + "/log", tokens.submitterB());
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(Http.code(other)).isEqualTo("VL-1404");
        assertThat(other.body()).isEqualTo(missing.body());
        assertThat(Http.code(http.get("/api/v1/jobs/not-a-uuid/log", tokens.submitterA()))).isEqualTo("VL-1404");
        assertThat(http.get(path, tokens.admin()).statusCode()).isEqualTo(403);
        assertThat(Http.code(http.get(path, tokens.admin()))).isEqualTo("VL-1103");
        assertThat(http.get(path, null).statusCode()).isEqualTo(401);
    }

    @Test
    void listIsNewestFirstAndASubmitterSeesOnlyTheirOrganisation() {
        Instant base = Instant.parse("2001-01-01T00:00:00Z");
        String a1 = job(TestUsers.CENTRE_A, JobState.COMPLETED, base);
        String b1 = job(TestUsers.CENTRE_B, JobState.RUNNING, base.plusSeconds(1));
        String a2 = job(TestUsers.CENTRE_A, JobState.RUNNING, base.plusSeconds(2));
        String range = "from=2001-01-01T00:00:00Z&to=2001-01-02T00:00:00Z";

        assertThat(ids(http.get("/api/v1/jobs?" + range, tokens.submitterA()))).containsExactly(a2, a1);
        assertThat(ids(http.get("/api/v1/jobs?" + range, tokens.submitterB()))).containsExactly(b1);
        assertThat(ids(http.get("/api/v1/jobs?" + range, tokens.auditor()))).containsExactly(a2, b1, a1);
        assertThat(Http.code(http.get("/api/v1/jobs?" + range, tokens.admin()))).isEqualTo("VL-1103");
        assertThat(http.get("/api/v1/jobs", null).statusCode()).isEqualTo(401);
    }

    @Test
    void listFiltersByStateAndCreatedAtRange() {
        Instant base = Instant.parse("2002-01-01T00:00:00Z");
        String early = job(TestUsers.CENTRE_A, JobState.COMPLETED, base);
        String running = job(TestUsers.CENTRE_A, JobState.RUNNING, base.plusSeconds(60));
        String late = job(TestUsers.CENTRE_A, JobState.COMPLETED, base.plusSeconds(120));

        assertThat(ids(http.get("/api/v1/jobs?state=COMPLETED&from=2002-01-01T00:00:00Z&to=2002-01-02T00:00:00Z", tokens.auditor())))
                .containsExactly(late, early);
        assertThat(ids(http.get("/api/v1/jobs?state=running&from=2002-01-01T00:00:00Z&to=2002-01-02T00:00:00Z", tokens.auditor())))
                .containsExactly(running);
        // from inclusive, to exclusive; an offset is accepted
        assertThat(ids(http.get("/api/v1/jobs?from=2002-01-01T00:01:00Z&to=" + enc("2002-01-01T02:02:00+02:00"), tokens.auditor())))
                .containsExactly(running);
        JsonNode item = Http.json(http.get("/api/v1/jobs?from=2002-01-01T00:00:00Z&to=2002-01-01T00:00:01Z", tokens.submitterA()))
                .path("jobs").get(0);
        assertThat(item.path("jobId").asText()).isEqualTo(early);
        assertThat(item.path("createdAt").asText()).isEqualTo("2002-01-01T00:00:00Z");
        assertThat(item.path("matched").asLong()).isEqualTo(2);
    }

    @Test
    void pagesWithLimitAndCursorWithoutRepeatsOrGaps() {
        Instant base = Instant.parse("2003-01-01T00:00:00Z");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(0, job(TestUsers.CENTRE_A, JobState.RUNNING, base.plusSeconds(i)));
        }
        String same = job(TestUsers.CENTRE_A, JobState.RUNNING, base.plusSeconds(4)); // a tie on createdAt
        String range = "from=2003-01-01T00:00:00Z&to=2003-01-02T00:00:00Z&limit=2";

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = Http.json(http.get("/api/v1/jobs?" + range + (cursor == null ? "" : "&cursor=" + cursor), tokens.submitterA()));
            page.path("jobs").forEach(j -> seen.add(j.path("jobId").asText()));
            cursor = page.path("next").isNull() ? null : page.path("next").asText();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(6).doesNotHaveDuplicates().containsAll(created).contains(same);
        assertThat(seen.subList(2, 6)).containsExactlyElementsOf(created.subList(1, 5));
    }

    @Test
    void badQueryParametersAre400WithCode() {
        for (String query : List.of("state=DONE", "from=yesterday", "to=2026-11-23", "limit=0", "limit=1001", "limit=x",
                "from=2026-11-23T10:00:00Z&to=2026-11-23T09:00:00Z", "cursor=bm9wZQ", "cursor=%25%25")) {
            HttpResponse<String> response = http.get("/api/v1/jobs?" + query, tokens.auditor());
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(Http.code(response)).as(query).isEqualTo("VL-1130");
        }
        assertThat(http.get("/api/v1/jobs?limit=1000", tokens.auditor()).statusCode()).isEqualTo(200);
    }

    private String job(String organisation, JobState state, Instant createdAt) {
        String jobId = UUID.randomUUID().toString();
        JobProgress.Builder p = JobProgress.newBuilder().setJobId(jobId).setState(state).setCreatedAt(createdAt)
                .setOrganisation(organisation).setSubmittedBy(organisation.equals(TestUsers.CENTRE_A)
                        ? TestUsers.SUBMITTER_A : TestUsers.SUBMITTER_B)
                .setCallbackUrl("https://hooks.example/cb");
        if (state != JobState.RECEIVING) {
            p.setStartedAt(createdAt.plusSeconds(1)).setExpected(5L).setProcessed(3).setMatched(2).setNotFound(1);
        }
        if (state == JobState.COMPLETED) {
            p.setCompletedAt(createdAt.plusSeconds(3)).setProcessed(5).setInvalid(1).setProbable(1);
        }
        store.apply(new IngestBatch().progress(jobId, Codecs.JOB_PROGRESS.encode(p.build())));
        return jobId;
    }

    private static List<String> ids(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        Http.json(response).path("jobs").forEach(j -> ids.add(j.path("jobId").asText()));
        return ids;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
