package io.vitalink.api.network;

import io.vitalink.api.testing.InMemoryApplicationStore;
import io.vitalink.api.testing.TestApplications;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vitalink.api.testing.Http;
import io.vitalink.api.testing.TestUsers;
import io.vitalink.api.user.UserService;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every route but the job submission takes a small body only; oversized ones get 413 VL-1006 and leave the API well. */
@MicronautTest
class BodyLimitFilterTest {

    @Inject
    EmbeddedServer server;
    @Inject
    UserService users;
    @Inject
    InMemoryApplicationStore applicationStore;

    Http http;
    final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() {
        TestUsers.createStandard(users);
        TestApplications.approveStandard(applicationStore);
        http = new Http(URI.create(server.getURL().toString()));
    }

    @Test
    void aLoginOf100KiBIsRefusedWith413AndTheNextLoginWorks() throws Exception {
        String oversized = "{\"username\":\"" + TestUsers.ADMIN + "\",\"password\":\"" + "p".repeat(100 * 1024) + "\"}";

        HttpResponse<String> refused = client.send(post("/api/v1/login", HttpRequest.BodyPublishers.ofString(oversized)),
                HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("\"code\":\"VL-1006\"").doesNotContain("ppp");
        assertThat(http.login(TestUsers.ADMIN, TestUsers.PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void aChunkedBodyOfUnknownLengthIsRefusedOnSmallRoutes() throws Exception {
        String token = http.token(TestUsers.ADMIN, TestUsers.PASSWORD);
        byte[] body = "{\"username\":\"chunked\",\"organisation\":\"centre-a\",\"roles\":[\"SUBMITTER\"]}"
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/users"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("\"code\":\"VL-1006\"");
    }

    @Test
    void aJobSubmissionLargerThanTheSmallLimitIsAccepted() {
        String token = http.token(TestUsers.SUBMITTER_A, TestUsers.PASSWORD);
        StringBuilder csv = new StringBuilder("record_id,name\n");
        for (int i = 0; csv.length() < 100 * 1024; i++) {
            csv.append("r").append(i).append(",name\n");
        }

        assertThat(http.send("POST", "/api/v1/jobs", token, "text/csv", csv.toString()).statusCode()).isEqualTo(202);
    }

    private HttpRequest post(String path, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(URI.create(server.getURL() + path)).header("Content-Type", "application/json")
                .POST(body).build();
    }
}
