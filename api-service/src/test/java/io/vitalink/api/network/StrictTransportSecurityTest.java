package io.vitalink.api.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.vitalink.api.ApiApplication;
import io.vitalink.api.testing.Http;
import io.vitalink.api.testing.TestUsers;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HSTS on answers that went over HTTPS, as the server or a trusted proxy ending TLS knows it; never on plain HTTP. */
class StrictTransportSecurityTest {

    private static final String STS = StrictTransportSecurityFilter.HEADER;

    @Test
    void plainHttpHasNoHstsAndAnUntrustedPeerCannotClaimHttps() {
        try (ApplicationContext api = start("")) {
            Http http = http(api);

            HttpResponse<String> plain = http.login(TestUsers.ADMIN, TestUsers.PASSWORD);
            HttpResponse<String> claimed = http.send("GET", "/api/v1/audit", null, null, null, Map.of("X-Forwarded-Proto", "https"));

            assertThat(plain.statusCode()).isEqualTo(200);
            assertThat(plain.headers().firstValue(STS)).isEmpty();
            assertThat(claimed.statusCode()).isEqualTo(401);
            assertThat(claimed.headers().firstValue(STS)).isEmpty();
        }
    }

    @Test
    void anAnswerThroughATrustedProxyThatEndedTlsHasHstsEvenARefusal() {
        try (ApplicationContext api = start("127.0.0.0/8,::1")) {
            Http http = http(api);

            HttpResponse<String> refused = http.send("GET", "/api/v1/audit", null, null, null, Map.of("X-Forwarded-Proto", "https"));
            HttpResponse<String> viaHttp = http.send("GET", "/api/v1/audit", null, null, null, Map.of("X-Forwarded-Proto", "http"));
            HttpResponse<String> direct = http.get("/api/v1/audit", null);

            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue(STS)).hasValue("max-age=31536000; includeSubDomains");
            assertThat(viaHttp.headers().firstValue(STS)).isEmpty();
            assertThat(direct.headers().firstValue(STS)).isEmpty();
        }
    }

    private static ApplicationContext start(String trustedProxies) {
        return ApiApplication.start(Map.of(
                "micronaut.server.port", -1,
                "vitalink.consumer.enabled", false,
                "vitalink.topics.create", false,
                "vitalink.security.jwt.secret", TestUsers.SECRET,
                "vitalink.security.trusted-proxies", trustedProxies,
                "vitalink.bootstrap.admin.username", TestUsers.ADMIN,
                "vitalink.bootstrap.admin.password", TestUsers.PASSWORD));
    }

    private static Http http(ApplicationContext api) {
        return new Http(URI.create(api.getBean(EmbeddedServer.class).getURL().toString()));
    }
}
