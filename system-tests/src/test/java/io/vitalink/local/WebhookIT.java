package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks on the real broker: the callbackUrl travels on OPENED through match-streams into the job's progress,
 * the API calls a real receiver on this machine when the matcher completes the job, retrying until it accepts,
 * and the recorded attempts are still there after the whole stack restarts on the same data directory. With two API
 * instances, the job is called back once in total, by the instance that owns it, and both show the same attempts.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WebhookIT {

    @TempDir
    Path dataDir;

    private HttpServer receiver;
    private final List<byte[]> bodies = Collections.synchronizedList(new ArrayList<>());
    private final List<String> signatures = Collections.synchronizedList(new ArrayList<>());
    /** The Vitalink-Attempt and Vitalink-Delivery-Id headers of every request, and what the receiver answered. */
    private final List<String> attemptNumbers = Collections.synchronizedList(new ArrayList<>());
    private final List<String> deliveryIds = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> answers = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failFirst = new AtomicInteger(2);

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            bodies.add(exchange.getRequestBody().readAllBytes());
            signatures.add(exchange.getRequestHeaders().getFirst("Vitalink-Signature"));
            attemptNumbers.add(exchange.getRequestHeaders().getFirst("Vitalink-Attempt"));
            deliveryIds.add(exchange.getRequestHeaders().getFirst("Vitalink-Delivery-Id"));
            int answer = failFirst.getAndDecrement() > 0 ? 500 : 200;
            answers.add(answer);
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void theMatchersCompletionIsCalledBackSignedAfterTwoFailuresAndTheAttemptsSurviveARestart() throws Exception {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        LocalStack.Settings settings = new LocalStack.Settings(dataDir, 0, 0, 3);
        String jobId;
        try (LocalStack stack = LocalStack.start(settings)) {
            stack.approveSampleApplication(); // jobs of the sample centre run under it
            // Given a job with a callbackUrl, matched by the real matcher
            ApiClient api = stack.client(LocalStack.SUBMITTER);
            jobId = api.submitJson("""
                    {"records":[{"recordId":"r1","idNumber":"440524188001010014"},{"recordId":"r2","idNumber":"12345"}],
                     "callbackUrl":"%s"}""".formatted(url));
            api.awaitCompleted(jobId, Duration.ofMinutes(2));

            // Then the receiver is called until it accepts, every attempt signed with the centre's secret
            String id = jobId;
            await(() -> bodies.size() == 3 && "DELIVERED".equals(callback(api, id).path("status").asText()));
            String secret = LocalStack.webhookSecret(dataDir);
            for (int i = 0; i < 3; i++) {
                assertThat(signed(secret, signatures.get(i), bodies.get(i))).as("attempt %d", i + 1).isTrue();
            }
            JsonNode payload = ApiClient.parse(new String(bodies.get(2), StandardCharsets.UTF_8));
            assertThat(payload.path("jobId").asText()).isEqualTo(jobId);
            assertThat(payload.path("state").asText()).isEqualTo("COMPLETED");
            assertThat(payload.path("processed").asLong()).isEqualTo(2);
            assertThat(payload.path("notFound").asLong() + payload.path("invalid").asLong()).isEqualTo(2);
            assertStatuses(callback(api, jobId), 500, 500, 200);
        }

        // When the whole stack restarts on the same data directory
        try (LocalStack stack = LocalStack.start(settings)) {
            stack.approveSampleApplication(); // jobs of the sample centre run under it
            ApiClient api = stack.client(LocalStack.SUBMITTER);

            // Then the attempts are still recorded and the job is not called back again
            JsonNode view = callback(api, jobId);
            assertThat(view.path("status").asText()).isEqualTo("DELIVERED");
            assertStatuses(view, 500, 500, 200);
            Thread.sleep(2_000);
            assertThat(bodies).hasSize(3);
        }
    }

    @Test
    void twoApiInstancesCallTheJobBackOnceInTotalShowTheSameAttemptsAndHandItOverWhenTheOwnerStops() throws Exception {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        try (LocalStack stack = LocalStack.start(new LocalStack.Settings(dataDir, 0, 0, 3))) {
            stack.approveSampleApplication(); // jobs of the sample centre run under it
            // Given two API instances on one broker, each with its own read model, as two replicas would run
            LocalStack.ApiInstance second = stack.startApiReplica("second");
            List<LocalStack.ApiInstance> instances = List.of(stack.apiInstance(), second);
            ApiClient first = stack.client(LocalStack.SUBMITTER);
            ApiClient other = second.client(LocalStack.SUBMITTER);

            // When a job with a callbackUrl completes, and the receiver fails the first two attempts
            String jobId = first.submitJson("""
                    {"records":[{"recordId":"r1","idNumber":"440524188001010014"}],"callbackUrl":"%s"}""".formatted(url));
            first.awaitCompleted(jobId, Duration.ofMinutes(2));

            // Then it is accepted once in total, after two failures, and both instances show the same attempts
            await(() -> "DELIVERED".equals(callback(first, jobId).path("status").asText())
                    && "DELIVERED".equals(callback(other, jobId).path("status").asText()));
            Thread.sleep(2_000);
            assertThat(answers).containsExactly(500, 500, 200);
            assertThat(attemptNumbers).containsExactly("1", "2", "3");
            assertThat(deliveryIds).hasSize(3).containsOnly(callback(first, jobId).path("deliveryId").asText());
            assertStatuses(callback(other, jobId), 500, 500, 200);
            assertThat(callback(other, jobId)).isEqualTo(callback(first, jobId));
            // the group may still be settling the second instance's join (the broker delays a first rebalance 3 s)
            await(() -> instances.stream().filter(i -> owns(i, jobId)).count() == 1);
            List<LocalStack.ApiInstance> owners = instances.stream().filter(i -> owns(i, jobId)).toList();
            assertThat(owners).hasSize(1);

            // When redelivery is asked of each instance in turn (one of them does not own the job)
            for (ApiClient client : List.of(first, other)) {
                int before = answers.size();
                assertThat(client.send("POST", "/api/v1/jobs/" + jobId + "/callback", null).statusCode()).isEqualTo(202);
                await(() -> answers.size() == before + 1 && sameAttempts(first, other, jobId, before + 1));
            }

            // Then the owner sends it once per request, numbered on from the shared record
            assertThat(attemptNumbers).containsExactly("1", "2", "3", "4", "5");

            // When the owner stops, and redelivery is asked of the instance left
            LocalStack.ApiInstance owner = owners.get(0);
            LocalStack.ApiInstance survivor = owner == second ? stack.apiInstance() : second;
            ApiClient left = survivor.client(LocalStack.SUBMITTER);
            owner.close();
            assertThat(left.send("POST", "/api/v1/jobs/" + jobId + "/callback", null).statusCode()).isEqualTo(202);

            // Then the instance left takes the job over from the shared record and sends it as attempt 6
            await(() -> answers.size() == 6 && "DELIVERED".equals(callback(left, jobId).path("status").asText()));
            assertThat(owns(survivor, jobId)).isTrue();
            assertThat(attemptNumbers).containsExactly("1", "2", "3", "4", "5", "6");
            assertStatuses(callback(left, jobId), 500, 500, 200, 200, 200, 200);
        }
    }

    private static boolean owns(LocalStack.ApiInstance instance, String jobId) {
        return instance.context().isRunning()
                && instance.context().getBean(io.vitalink.api.webhook.WebhookDispatcher.class).owns(jobId);
    }

    private static boolean sameAttempts(ApiClient a, ApiClient b, String jobId, int attempts) {
        JsonNode one = callback(a, jobId);
        return "DELIVERED".equals(one.path("status").asText()) && one.path("attempts").size() == attempts
                && one.equals(callback(b, jobId));
    }

    private static JsonNode callback(ApiClient api, String jobId) {
        return ApiClient.parse(api.get("/api/v1/jobs/" + jobId + "/callback", "application/json").body());
    }

    private static void assertStatuses(JsonNode view, int... statuses) {
        JsonNode attempts = view.path("attempts");
        assertThat(attempts.size()).isEqualTo(statuses.length);
        for (int i = 0; i < statuses.length; i++) {
            assertThat(attempts.get(i).path("statusCode").asInt()).isEqualTo(statuses[i]);
        }
    }

    /** The receiver's check from docs/WEBHOOKS.md. */
    private static boolean signed(String secret, String header, byte[] body) throws GeneralSecurityException {
        String t = header.replaceAll("^t=(\\d+),v1=.*$", "$1");
        String v1 = header.replaceAll("^t=\\d+,v1=([0-9a-f]+)$", "$1");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(mac.doFinal(body), HexFormat.of().parseHex(v1))
                && Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t)) <= 300;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 60 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
