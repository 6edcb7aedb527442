package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.vitalink.api.ApiApplication;
import io.vitalink.api.intake.UploadSlots;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An API instance of the stack allowed one upload at a time ({@code vitalink.intake.max-in-flight=1}), on the real
 * broker: while one upload streams in, the next is refused at once with 429 VL-1124 and {@code Retry-After}; once
 * the first is accepted the slot is free again, and both the first job and the next complete.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class UploadOverloadIT {

    private static final Map<String, Object> JOB = Map.of("records", List.of(
            Map.of("recordId", "r1", "idNumber", "11010519491231002X", "name", "王芳", "sex", "F", "birthDate", "1949-12-31")));

    private static final int HEAD_ROWS = 50_000;

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void anUploadPastTheInFlightLimitIsRefusedAtOnceAndTheSlotComesBackWhenTheFirstIsAccepted() throws Exception {
        try (LocalStack stack = LocalStack.start(new LocalStack.Settings(dir, 0, 0, 2))) {
            stack.approveSampleApplication(); // jobs of the sample centre run under it
            Map<String, Object> settings = new HashMap<>(stack.apiSettings("busy", 0));
            settings.put("vitalink.intake.max-in-flight", 1);
            ApplicationContext api = ApiApplication.start(settings);
            try {
                URI base = api.getBean(EmbeddedServer.class).getURI();
                ApiClient centre = new ApiClient(base, LocalStack.SUBMITTER.username(), LocalStack.SUBMITTER.password());
                CountDownLatch release = new CountDownLatch(1);
                CompletableFuture<HttpResponse<String>> first = http.sendAsync(HttpRequest.newBuilder(base.resolve("/api/v1/jobs"))
                        .header("Content-Type", "text/csv").header("Authorization", "Bearer " + centre.login())
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> heldBody(release))).build(),
                        HttpResponse.BodyHandlers.ofString());
                UploadSlots slots = api.getBean(UploadSlots.class);
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (slots.available() > 0) {
                    assertThat(System.nanoTime()).as("the first upload took the slot").isLessThan(deadline);
                    Thread.sleep(20);
                }

                HttpResponse<String> second = centre.send("POST", "/api/v1/jobs", JOB);

                assertThat(second.statusCode()).as(second.body()).isEqualTo(429);
                assertThat(ApiClient.parse(second.body()).path("code").asText()).isEqualTo("VL-1124");
                assertThat(second.headers().firstValue("Retry-After")).hasValue("5");

                release.countDown();
                HttpResponse<String> accepted = first.get(1, TimeUnit.MINUTES);
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
                HttpResponse<String> third = centre.send("POST", "/api/v1/jobs", JOB);
                assertThat(third.statusCode()).as(third.body()).isEqualTo(202);
                for (HttpResponse<String> job : List.of(accepted, third)) {
                    String jobId = ApiClient.parse(job.body()).path("jobId").asText();
                    assertThat(centre.awaitCompleted(jobId, Duration.ofMinutes(2)).path("processed").asLong()).isPositive();
                }
            } finally {
                api.close();
            }
        }
    }

    /**
     * A CSV body of {@value #HEAD_ROWS} rows, then one more only once {@code release} is counted down: enough before
     * the wait that the server is surely reading it.
     */
    private static InputStream heldBody(CountDownLatch release) {
        StringBuilder rows = new StringBuilder("record_id\n");
        for (int i = 1; i <= HEAD_ROWS; i++) {
            rows.append('r').append(i).append('\n');
        }
        InputStream head = new ByteArrayInputStream(rows.toString().getBytes(StandardCharsets.UTF_8));
        InputStream tail = new InputStream() {
            private final ByteArrayInputStream row = new ByteArrayInputStream("last\n".getBytes(StandardCharsets.UTF_8));

            @Override
            public int read() throws IOException {
                try {
                    if (!release.await(2, TimeUnit.MINUTES)) {
                        throw new IOException("the test never released the upload");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
                return row.read();
            }
        };
        return new SequenceInputStream(head, tail);
    }
}
