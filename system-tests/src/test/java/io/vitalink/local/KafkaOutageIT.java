package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stopped under a running API and started again on its log directory and port: uploads are refused at
 * once with 503 VL-1503 and {@code Retry-After}, never left hanging on the producer's timeouts, readiness says so, and
 * both recover with the broker, without a restart of the API.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class KafkaOutageIT {

    private static final Map<String, Object> JOB = Map.of("records", List.of(
            Map.of("recordId", "r1", "idNumber", "11010519491231002X", "name", "王芳", "sex", "F", "birthDate", "1949-12-31"),
            Map.of("recordId", "r2", "idNumber", "440524188001010014", "name", "李伟", "sex", "M")));

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void uploadsAreRefusedAtOnceWhileKafkaIsDownReadinessSaysSoAndBothRecoverWithoutARestart() throws Exception {
        try (LocalStack stack = LocalStack.start(new LocalStack.Settings(dir, 0, 0, 2))) {
            stack.approveSampleApplication(); // jobs of the sample centre run under it
            ApiClient centre = stack.client(LocalStack.SUBMITTER);
            centre.login();
            assertThat(awaitReadiness(stack.api(), 200, Duration.ofSeconds(30))).isEqualTo(200);

            stack.stopBroker();

            assertThat(awaitReadiness(stack.api(), 503, Duration.ofSeconds(30))).isEqualTo(503);
            long started = System.nanoTime();
            HttpResponse<String> refused = centre.send("POST", "/api/v1/jobs", JOB);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(ApiClient.parse(refused.body()).path("code").asText()).isEqualTo("VL-1503");
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
            assertThat(took).as("answered within the check's timeout, not the producer's").isLessThan(Duration.ofSeconds(10));

            stack.startBroker();

            assertThat(awaitReadiness(stack.api(), 200, Duration.ofSeconds(90))).isEqualTo(200);
            HttpResponse<String> accepted = centre.send("POST", "/api/v1/jobs", JOB);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            String jobId = ApiClient.parse(accepted.body()).path("jobId").asText();
            assertThat(centre.awaitCompleted(jobId, Duration.ofMinutes(2)).path("processed").asLong())
                    .isEqualTo(2);
        }
    }

    /** Polls {@code /health/readiness} until it answers {@code status}; returns the last status seen. */
    private int awaitReadiness(URI api, int status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last;
        do {
            last = http.send(HttpRequest.newBuilder(api.resolve("/health/readiness")).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            if (last == status) {
                return last;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        return last;
    }
}
