package io.vitalink.api;

import io.vitalink.api.application.ApplicationStore;
import io.vitalink.api.testing.TestApplications;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.vitalink.api.store.JobStore;
import io.vitalink.api.testing.Http;
import io.vitalink.api.testing.TestUsers;
import io.vitalink.api.user.UserService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting the service in-process, as the local launcher does, without Kafka. */
class ApiApplicationTest {

    @TempDir
    Path dir;

    @Test
    void startsInProcessOnARandomPortAndStopsCleanly() throws Exception {
        try (ApplicationContext context = ApiApplication.start(Map.of(
                "micronaut.server.port", -1,
                "vitalink.store.dir", dir.resolve("store").toString(),
                "vitalink.consumer.enabled", false,
                "vitalink.topics.create", false))) {
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            assertThat(server.isRunning()).isTrue();
            assertThat(context.getBean(JobStore.class).directory()).isEqualTo(dir.resolve("store"));

            HttpResponse<String> notAcceptable = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/jobs/x/results"))
                            .header("Accept", "application/xml").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(notAcceptable.statusCode()).isEqualTo(406);
            assertThat(notAcceptable.body()).contains("\"code\":\"VL-1407\"");
        }
    }

    @Test
    void refusesBodyOverTheLimitWith413Problem() throws Exception {
        try (ApplicationContext context = ApiApplication.start(Map.of(
                "micronaut.server.port", -1,
                "micronaut.server.max-request-size", "1KB",
                "vitalink.consumer.enabled", false,
                "vitalink.topics.create", false))) {
            URI jobs = URI.create(context.getBean(EmbeddedServer.class).getURL() + "/api/v1/jobs");
            String body = "{\"recordId\":\"r\"}\n".repeat(200);
            TestUsers.createStandard(context.getBean(UserService.class));
            TestApplications.approveStandard(context.getBean(ApplicationStore.class));
            String token = new Http(jobs.resolve("/")).token(TestUsers.SUBMITTER_A, TestUsers.PASSWORD);

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(jobs)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.body()).contains("\"code\":\"VL-1006\"");
        }
    }
}
