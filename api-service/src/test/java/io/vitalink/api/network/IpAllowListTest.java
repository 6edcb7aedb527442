package io.vitalink.api.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.vitalink.api.ApiApplication;
import io.vitalink.api.testing.Http;
import io.vitalink.api.testing.RecordingAuditSink;
import io.vitalink.api.testing.TestUsers;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Only allow-listed addresses reach the API; health stays reachable; proxies are believed only when trusted. */
class IpAllowListTest {

    private static final String ALLOWED_ELSEWHERE = "10.0.0.0/8, 2001:db8::/32";

    @Test
    void addressOutsideTheAllowListGets403Vl1104BeforeAuthenticationAndIsAudited() {
        try (ApplicationContext api = start(ALLOWED_ELSEWHERE, "")) {
            Http http = http(api);

            HttpResponse<String> login = http.login(TestUsers.ADMIN, TestUsers.PASSWORD);
            HttpResponse<String> jobs = http.get("/api/v1/jobs/00000000-0000-0000-0000-000000000000", null);

            assertThat(login.statusCode()).isEqualTo(403);
            assertThat(login.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(Http.code(login)).isEqualTo("VL-1104");
            assertThat(Http.code(jobs)).isEqualTo("VL-1104");
            assertThat(api.getBean(RecordingAuditSink.class).snapshot()).anySatisfy(e -> {
                assertThat(e.getAction()).isEqualTo("POST /api/v1/login");
                assertThat(e.getOutcome()).isEqualTo("403");
                assertThat(e.getReasonCode()).isEqualTo("VL-1104");
                assertThat(e.getSourceIp()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
            });
        }
    }

    @Test
    void healthIsExemptForOrchestratorProbes() {
        try (ApplicationContext api = start(ALLOWED_ELSEWHERE, "")) {
            assertThat(http(api).get("/health", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void apiDocumentationIsAnonymousButNotExemptFromTheAllowList() {
        try (ApplicationContext api = start(ALLOWED_ELSEWHERE, "")) {
            HttpResponse<String> spec = http(api).get("/openapi/vitalink-api.yml", null);
            HttpResponse<String> swaggerUi = http(api).get("/swagger-ui/index.html", null);

            assertThat(spec.statusCode()).isEqualTo(403);
            assertThat(Http.code(spec)).isEqualTo("VL-1104");
            assertThat(Http.code(swaggerUi)).isEqualTo("VL-1104");
        }
    }

    @Test
    void metricsScrapeFollowsTheAllowListByDefault() {
        try (ApplicationContext api = start(ALLOWED_ELSEWHERE, "")) {
            HttpResponse<String> scrape = http(api).get("/prometheus", null);

            assertThat(scrape.statusCode()).isEqualTo(403);
            assertThat(Http.code(scrape)).isEqualTo("VL-1104");
            assertThat(api.getBean(RecordingAuditSink.class).snapshot()).anySatisfy(e -> {
                assertThat(e.getAction()).isEqualTo("GET /prometheus");
                assertThat(e.getOutcome()).isEqualTo("403");
            });
        }
    }

    @Test
    void metricsScrapeHasItsOwnAllowListWhenOneIsSet() {
        try (ApplicationContext open = start(ALLOWED_ELSEWHERE, "", "127.0.0.0/8,::1");
             ApplicationContext closed = start(null, "", ALLOWED_ELSEWHERE)) {
            assertThat(http(open).get("/prometheus", null).statusCode()).isEqualTo(200);
            assertThat(Http.code(http(open).get("/api/v1/audit", null))).isEqualTo("VL-1104");
            // the API itself stays open to the loopback, the scrape only to the Prometheus servers
            assertThat(Http.code(http(closed).get("/prometheus", null))).isEqualTo("VL-1104");
            assertThat(http(closed).login(TestUsers.ADMIN, TestUsers.PASSWORD).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void forwardedForHeaderOfAnUntrustedPeerIsIgnored() {
        try (ApplicationContext api = start(ALLOWED_ELSEWHERE, "")) {
            HttpResponse<String> spoofed = http(api).send("GET", "/api/v1/audit", null, null, null,
                    Map.of("X-Forwarded-For", "10.1.2.3"));

            assertThat(Http.code(spoofed)).isEqualTo("VL-1104");
        }
    }

    @Test
    void clientBehindATrustedProxyIsJudgedByItsForwardedAddress() {
        try (ApplicationContext api = start(ALLOWED_ELSEWHERE, "127.0.0.0/8,::1")) {
            Http http = http(api);

            HttpResponse<String> allowed = http.send("GET", "/api/v1/audit", null, null, null,
                    Map.of("X-Forwarded-For", "192.168.7.7, 10.1.2.3"));
            HttpResponse<String> refused = http.send("GET", "/api/v1/audit", null, null, null,
                    Map.of("X-Forwarded-For", "10.1.2.3, 192.168.7.7"));
            HttpResponse<String> direct = http.get("/api/v1/audit", null);

            assertThat(allowed.statusCode()).isEqualTo(401); // past the allow-list, now needs a token
            assertThat(Http.code(refused)).isEqualTo("VL-1104");
            assertThat(Http.code(direct)).isEqualTo("VL-1104");
        }
    }

    @Test
    void loopbackIsAllowedByDefault() {
        try (ApplicationContext api = start(null, "")) {
            assertThat(http(api).login(TestUsers.ADMIN, TestUsers.PASSWORD).statusCode()).isEqualTo(200);
        }
    }

    private static ApplicationContext start(String allowedIps, String trustedProxies) {
        return start(allowedIps, trustedProxies, "");
    }

    private static ApplicationContext start(String allowedIps, String trustedProxies, String metricsAllowedIps) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "micronaut.server.port", -1,
                "vitalink.consumer.enabled", false,
                "vitalink.topics.create", false,
                "vitalink.security.jwt.secret", TestUsers.SECRET,
                "vitalink.security.trusted-proxies", trustedProxies,
                "vitalink.security.metrics-allowed-ips", metricsAllowedIps,
                "vitalink.bootstrap.admin.username", TestUsers.ADMIN,
                "vitalink.bootstrap.admin.password", TestUsers.PASSWORD));
        if (allowedIps != null) {
            properties.put("vitalink.security.allowed-ips", allowedIps);
        }
        return ApiApplication.start(properties);
    }

    private static Http http(ApplicationContext api) {
        return new Http(URI.create(api.getBean(EmbeddedServer.class).getURL().toString()));
    }
}
