package io.vitalink.api.audit;

import io.vitalink.api.testing.InMemoryApplicationStore;
import io.vitalink.api.testing.TestApplications;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vitalink.api.testing.Http;
import io.vitalink.api.testing.RecordingAuditSink;
import io.vitalink.api.testing.TestUsers;
import io.vitalink.api.user.UserService;
import io.vitalink.avro.AuditEvent;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every API call lands in the audit trail, and GET /api/v1/audit finds it by time, user and page. */
@MicronautTest
class AuditTrailTest {

    @Inject
    EmbeddedServer server;
    @Inject
    UserService users;
    @Inject
    InMemoryApplicationStore applicationStore;
    @Inject
    RecordingAuditSink sink;

    Http http;
    String auditor;

    @BeforeEach
    void setUp() {
        TestUsers.createStandard(users);
        TestApplications.approveStandard(applicationStore);
        http = new Http(URI.create(server.getURL().toString()));
        auditor = http.token(TestUsers.AUDITOR, TestUsers.PASSWORD);
    }

    @Test
    void auditQueryReturnsTheCallsMadeWithWhoWhereWhatAndOutcome() throws Exception {
        Instant from = Instant.now();
        String submitter = http.token(TestUsers.SUBMITTER_A, TestUsers.PASSWORD);
        String jobId = Http.json(http.send("POST", "/api/v1/jobs", submitter, "application/x-ndjson", "{\"recordId\":\"r1\"}")).path("jobId").asText();
        http.get("/api/v1/jobs/" + jobId, submitter);
        http.get("/api/v1/jobs/" + jobId + "/results", auditor);
        String unknown = UUID.randomUUID().toString();
        http.get("/api/v1/jobs/" + unknown, submitter);
        http.get("/api/v1/jobs/" + jobId, null);
        http.login(TestUsers.SUBMITTER_B, "not my password");
        Thread.sleep(50);

        List<JsonNode> events = events(query("from=" + from + "&limit=1000", auditor));

        assertThat(events).extracting(e -> e.path("actor").asText() + " " + e.path("action").asText() + " "
                        + e.path("outcome").asText() + " " + e.path("reasonCode").asText(null) + " " + e.path("jobId").asText(null))
                .containsSubsequence(
                        "submitter-a POST /api/v1/login 200 null null",
                        "submitter-a POST /api/v1/jobs 202 null " + jobId,
                        "submitter-a GET /api/v1/jobs/{jobId} 200 null " + jobId,
                        "auditor GET /api/v1/jobs/{jobId}/results 403 VL-1103 " + jobId,
                        "submitter-a GET /api/v1/jobs/{jobId} 404 VL-1404 " + unknown,
                        "anonymous GET /api/v1/jobs/{jobId} 401 VL-1101 " + jobId,
                        "submitter-b POST /api/v1/login 401 VL-1105 null");
        JsonNode submitted = events.stream().filter(e -> e.path("action").asText().equals("POST /api/v1/jobs")).findFirst().orElseThrow();
        assertThat(submitted.path("organisation").asText()).isEqualTo(TestUsers.CENTRE_A);
        assertThat(submitted.path("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(Instant.parse(submitted.path("at").asText())).isAfterOrEqualTo(from.minusMillis(1));
        // by actor: the auditor's own login in setUp can share the millisecond of `from`
        JsonNode login = events.stream().filter(e -> e.path("action").asText().equals("POST /api/v1/login")
                && e.path("actor").asText().equals(TestUsers.SUBMITTER_A)).findFirst().orElseThrow();
        assertThat(login.path("organisation").asText()).isEqualTo(TestUsers.CENTRE_A);
    }

    @Test
    void filtersByUserAndTimeRange() throws Exception {
        TestUsers.create(users, "solo", "centre-s", "SUBMITTER");
        Instant before = Instant.now();
        Thread.sleep(5);
        String solo = http.token("solo", TestUsers.PASSWORD);
        http.get("/api/v1/jobs/" + UUID.randomUUID(), solo);
        Thread.sleep(5);
        Instant between = Instant.now();
        Thread.sleep(5);
        http.get("/api/v1/jobs/" + UUID.randomUUID(), solo);

        List<JsonNode> all = events(query("user=solo", auditor));
        List<JsonNode> early = events(query("user=solo&from=" + before + "&to=" + between, auditor));
        List<JsonNode> late = events(query("user=solo&from=" + enc(between.atOffset(java.time.ZoneOffset.ofHours(8)).toString()), auditor));

        assertThat(all).extracting(e -> e.path("action").asText())
                .containsExactly("POST /api/v1/login", "GET /api/v1/jobs/{jobId}", "GET /api/v1/jobs/{jobId}");
        assertThat(early).hasSize(2);
        assertThat(late).hasSize(1);
        assertThat(all).allSatisfy(e -> assertThat(e.path("actor").asText()).isEqualTo("solo"));
    }

    @Test
    void pagesWithACursorUntilTheLastPage() {
        TestUsers.create(users, "pager", "centre-p", "SUBMITTER");
        String pager = http.token("pager", TestUsers.PASSWORD);
        for (int i = 0; i < 4; i++) {
            http.get("/api/v1/jobs/" + UUID.randomUUID(), pager);
        }

        List<JsonNode> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = Http.json(query("user=pager&limit=2" + (cursor == null ? "" : "&cursor=" + cursor), auditor));
            page.path("events").forEach(seen::add);
            cursor = page.path("next").isNull() ? null : page.path("next").asText();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).hasSize(5); // the login and four reads
        assertThat(pages).isEqualTo(3);
        // as instants: an ISO string on a whole second ("…34Z") sorts after "…34.003Z" as text
        assertThat(seen).extracting(e -> java.time.Instant.parse(e.path("at").asText())).isSorted();
    }

    @Test
    void aFailedLoginIsRecordedUnderTheTypedNameOnlyWhenItIsAUsersSinceItMayBeAPassword() throws Exception {
        String typedIntoUsername = "hunter2-the-password-" + UUID.randomUUID();
        Instant from = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        http.login(typedIntoUsername, "whatever came next");
        http.login(TestUsers.SUBMITTER_B, "not my password");

        List<AuditEvent> logins = failedLogins(from);
        for (int wait = 0; wait < 40 && logins.size() < 2; wait++) { // recorded as the answer leaves
            Thread.sleep(50);
            logins = failedLogins(from);
        }
        assertThat(logins).extracting(AuditEvent::getActor).containsExactlyInAnyOrder(AuditAttributes.ANONYMOUS, TestUsers.SUBMITTER_B);
        assertThat(sink.snapshot()).noneSatisfy(e -> assertThat(e.toString()).contains(typedIntoUsername));
    }

    @Test
    void refusesBadQueriesWithVl1114() {
        for (String query : List.of("from=yesterday", "to=2026-13-01T00:00:00Z", "limit=0", "limit=5000", "limit=ten",
                "cursor=abc", "from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")) {
            HttpResponse<String> response = query(query, auditor);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(Http.code(response)).as(query).isEqualTo("VL-1114");
        }
    }

    private List<AuditEvent> failedLogins(Instant from) {
        return sink.snapshot().stream().filter(e -> !e.getAt().isBefore(from)
                && e.getAction().equals("POST /api/v1/login") && "VL-1105".equals(e.getReasonCode())).toList();
    }

    private HttpResponse<String> query(String query, String token) {
        return http.get("/api/v1/audit?" + query, token);
    }

    private static List<JsonNode> events(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(Http.json(response).path("events").spliterator(), false).toList();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
