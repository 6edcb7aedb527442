package io.vitalink.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vitalink.api.audit.AuditLog;
import io.vitalink.api.testing.Http;
import io.vitalink.api.testing.InMemoryConfigStore;
import io.vitalink.api.testing.RecordingAuditSink;
import io.vitalink.api.testing.TestUsers;
import io.vitalink.api.user.UserService;
import io.vitalink.avro.AuditEvent;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET/PUT /api/v1/config and its history: checked, versioned, audited, in force at once. */
@MicronautTest
class ConfigControllerTest {

    @Inject
    EmbeddedServer server;
    @Inject
    UserService users;
    @Inject
    RecordingAuditSink audit;
    @Inject
    InMemoryConfigStore store;

    Http http;
    TestUsers.Tokens tokens;

    @BeforeEach
    void setUp() {
        TestUsers.createStandard(users);
        http = new Http(URI.create(server.getURL().toString()));
        tokens = TestUsers.Tokens.logIn(http);
    }

    @AfterEach
    void reset() {
        store.clear();
    }

    private HttpResponse<String> put(String token, Object body) {
        return http.send("PUT", "/api/v1/config", token, "application/json", Http.json(body));
    }

    private static JsonNode setting(JsonNode view, String key) {
        for (JsonNode s : view.path("settings")) {
            if (s.path("key").asText().equals(key)) {
                return s;
            }
        }
        throw new AssertionError("no setting " + key + " in " + view);
    }

    @Test
    void showsEverySettingWithTheDeploymentsValueBeforeAnyChange() {
        JsonNode view = Http.json(http.get("/api/v1/config", tokens.admin()));

        assertThat(view.path("version").asLong()).isZero();
        assertThat(view.path("settings")).hasSize(io.vitalink.config.Setting.values().length);
        assertThat(setting(view, "quotas.concurrentJobs").path("value").asText()).isEqualTo("100000");
        assertThat(setting(view, "quotas.concurrentJobs").path("configured").asBoolean()).isFalse();
        assertThat(setting(view, "matching.probableThreshold").hasNonNull("value")).as("match-streams decides").isFalse();
        assertThat(view.toString()).doesNotContain("secret");
    }

    @Test
    void anAdminsChangeIsAVersionWithWhoWhenAndFromWhatAndIsAuditedBeforeItTakesEffect() {
        HttpResponse<String> changed = put(tokens.admin(), Map.of("version", 0,
                "settings", Map.of("matching.probableThreshold", 0.93, "quotas.concurrentJobs", "6")));

        assertThat(changed.statusCode()).isEqualTo(200);
        JsonNode view = Http.json(changed);
        assertThat(view.path("version").asLong()).isEqualTo(1);
        assertThat(view.path("changedBy").asText()).isEqualTo(TestUsers.ADMIN);
        assertThat(setting(view, "matching.probableThreshold").path("value").asText()).isEqualTo("0.93");
        assertThat(setting(view, "quotas.concurrentJobs").path("configured").asBoolean()).isTrue();
        assertThat(audit.snapshot()).filteredOn(e -> AuditLog.CONFIG_CHANGED.equals(e.getAction()))
                .singleElement().extracting(AuditEvent::getDetail).asString()
                .contains("version=1").contains("matching.probableThreshold: (deployment) -> 0.93")
                .contains("quotas.concurrentJobs: (deployment) -> 6");

        java.util.HashMap<String, Object> reset = new java.util.HashMap<>();
        reset.put("quotas.concurrentJobs", null);
        reset.put("matching.probableThreshold", "0.95");
        assertThat(put(tokens.admin(), Map.of("version", 1, "settings", reset)).statusCode()).isEqualTo(200);
        JsonNode history = Http.json(http.get("/api/v1/config/history", tokens.admin()));
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("version").asLong()).isEqualTo(2);
        assertThat(history.get(0).path("changes").toString())
                .contains("{\"key\":\"matching.probableThreshold\",\"from\":\"0.93\",\"to\":\"0.95\"}")
                .contains("{\"key\":\"quotas.concurrentJobs\",\"from\":\"6\"}");
        assertThat(setting(Http.json(http.get("/api/v1/config", tokens.admin())), "quotas.concurrentJobs").path("value").asText())
                .isEqualTo("100000");
    }

    @Test
    void refusesAChangeMadeOnAnOlderVersionAndInvalidValuesWithTheirCodes() {
        assertThat(put(tokens.admin(), Map.of("version", 0, "settings", Map.of("quotas.recordsPerJob", 10))).statusCode()).isEqualTo(200);

        HttpResponse<String> stale = put(tokens.admin(), Map.of("version", 0, "settings", Map.of("quotas.recordsPerJob", 20)));
        HttpResponse<String> outOfRange = put(tokens.admin(), Map.of("version", 1, "settings", Map.of("matching.probableThreshold", 1.5)));
        HttpResponse<String> unknown = put(tokens.admin(), Map.of("version", 1, "settings", Map.of("vitalink.security.jwt.secret", "x")));
        HttpResponse<String> badCidr = put(tokens.admin(), Map.of("version", 1,
                "settings", Map.of("security.allowedIps", java.util.List.of("127.0.0.1", "not-an-address"))));
        HttpResponse<String> noVersion = put(tokens.admin(), Map.of("settings", Map.of("quotas.recordsPerJob", 20)));

        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(Http.code(stale)).isEqualTo("VL-1641");
        assertThat(stale.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        for (HttpResponse<String> invalid : java.util.List.of(outOfRange, unknown, badCidr, noVersion)) {
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(Http.code(invalid)).isEqualTo("VL-1640");
        }
        assertThat(Http.json(outOfRange).path("detail").asText()).contains("matching.probableThreshold must be in (0, 1]");
        assertThat(store.history()).hasSize(1);
    }

    @Test
    void onlyAnAdminReadsOrChangesTheConfiguration() {
        for (String token : java.util.List.of(tokens.submitterA(), tokens.auditor())) {
            assertThat(http.get("/api/v1/config", token).statusCode()).isEqualTo(403);
            assertThat(http.get("/api/v1/config/history", token).statusCode()).isEqualTo(403);
            assertThat(put(token, Map.of("version", 0, "settings", Map.of("quotas.recordsPerJob", 10))).statusCode()).isEqualTo(403);
        }
        assertThat(http.get("/api/v1/config", null).statusCode()).isEqualTo(401);
        assertThat(store.history()).isEmpty();
    }

    @Test
    void anAllowListChangeAppliesToTheNextRequest() {
        assertThat(put(tokens.admin(), Map.of("version", 0, "settings", Map.of("security.allowedIps", "10.0.0.0/8"))).statusCode())
                .isEqualTo(200);

        HttpResponse<String> refused = http.get("/api/v1/config", tokens.admin());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Http.code(refused)).isEqualTo("VL-1104");
    }
}
