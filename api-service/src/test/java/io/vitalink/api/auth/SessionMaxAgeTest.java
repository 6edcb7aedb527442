package io.vitalink.api.auth;

import io.vitalink.api.testing.InMemoryApplicationStore;
import io.vitalink.api.testing.TestApplications;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vitalink.api.testing.Http;
import io.vitalink.api.testing.TestUsers;
import io.vitalink.api.user.UserService;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No token of a session outlives the session's maximum age from its login, however often it is refreshed. */
@MicronautTest
@Property(name = "vitalink.security.jwt.session-max-age", value = "2s")
class SessionMaxAgeTest {

    @Inject
    EmbeddedServer server;
    @Inject
    UserService users;
    @Inject
    InMemoryApplicationStore applicationStore;

    @Test
    void aSessionEndsAtItsMaximumAgeEvenWhenRefreshedAndTokensNeverOutliveIt() throws Exception {
        TestUsers.createStandard(users);
        TestApplications.approveStandard(applicationStore);
        Http http = new Http(URI.create(server.getURL().toString()));
        JsonNode login = Http.json(http.login(TestUsers.SUBMITTER_A, TestUsers.PASSWORD));
        assertThat(login.path("expires_in").asLong()).isLessThanOrEqualTo(2);
        assertThat(login.path("refresh_expires_in").asLong()).isLessThanOrEqualTo(2);
        JsonNode refreshed = Http.json(refresh(http, login.path("refresh_token").asText()));
        assertThat(refreshed.path("refresh_token").asText()).isNotBlank();

        Thread.sleep(2_200);

        HttpResponse refused = new HttpResponse(refresh(http, refreshed.path("refresh_token").asText()));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("VL-1115");
        assertThat(http.get("/api/v1/jobs/00000000-0000-0000-0000-000000000000", refreshed.path("access_token").asText())
                .statusCode()).isEqualTo(401);
    }

    private static java.net.http.HttpResponse<String> refresh(Http http, String token) {
        return http.send("POST", "/api/v1/token/refresh", null, "application/json", Http.json(Map.of("refresh_token", token)));
    }

    private record HttpResponse(int status, String code) {
        HttpResponse(java.net.http.HttpResponse<String> response) {
            this(response.statusCode(), Http.code(response));
        }
    }
}
