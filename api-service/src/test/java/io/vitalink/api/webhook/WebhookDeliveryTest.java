package io.vitalink.api.webhook;

import io.vitalink.api.application.ApplicationStore;
import io.vitalink.api.testing.TestApplications;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.vitalink.api.ApiApplication;
import io.vitalink.api.job.JobOwner;
import io.vitalink.api.store.IngestBatch;
import io.vitalink.api.store.JobStore;
import io.vitalink.api.testing.FakeJobPublisher;
import io.vitalink.api.testing.Http;
import io.vitalink.api.testing.InMemoryWebhookLog;
import io.vitalink.api.testing.TestUsers;
import io.vitalink.api.user.UserService;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.serde.Codecs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks end to end in the API, against a real HTTP receiver on the loopback (allowed here by
 * {@code vitalink.webhooks.allowed-networks}): submission with a callbackUrl, a completion fed into the read
 * model as the consumer would, signed deliveries retried with backoff, attempts recorded and kept across a
 * restart of the API on the same store directory, and redelivery on request.
 */
class WebhookDeliveryTest {

    private static final String SECRET_A = "centre-a-webhook-secret-0123456789abcdef";

    @TempDir
    Path dir;

    private HttpServer receiver;
    private final List<Received> received = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Attempts answered 500 before the receiver accepts. */
    private final AtomicInteger failFirst = new AtomicInteger();
    private ApplicationContext api;

    record Received(Map<String, String> headers, byte[] body, int answered) {
    }

    /** Opened to let the receiver answer; it answers at once unless a test closes it. */
    private volatile CountDownLatch answer = new CountDownLatch(0);
    /** Counted down when a request reaches the receiver. */
    private final CountDownLatch arrived = new CountDownLatch(1);

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            arrived.countDown();
            try {
                answer.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            int status = failFirst.getAndDecrement() > 0 ? 500 : 204;
            received.add(new Received(headers, body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
        receiver.stop(0);
    }

    @Test
    void retriesUntilTheReceiverAcceptsSignsEveryAttemptAndKeepsTheAttemptsAcrossARestart() {
        // Given a receiver that fails twice, and a job submitted with its URL
        failFirst.set(2);
        Http first = startApi(Duration.ofMillis(50));
        String firstToken = first.token(TestUsers.SUBMITTER_A, TestUsers.PASSWORD);
        String url = hookUrl();
        String jobId = submit(first, firstToken, url);
        assertThat(api.getBean(FakeJobPublisher.class).owners).last()
                .isEqualTo(new JobOwner(TestUsers.CENTRE_A, TestUsers.SUBMITTER_A, url)
                        .withApplication("application-" + TestUsers.CENTRE_A, TestApplications.ALL_FIELDS));
        assertThat(api.getBean(JobStore.class).progress().get(jobId)).hasValueSatisfying(p ->
                assertThat(p.getCallbackUrl()).isEqualTo(url));
        assertThat(status(first, firstToken, jobId)).isEqualTo("WAITING");

        // When the job completes in the read model
        complete(jobId, url);

        // Then three signed attempts: 500, 500, then accepted
        await(() -> received.size() == 3 && "DELIVERED".equals(status(first, firstToken, jobId)));
        assertThat(received).extracting(Received::answered).containsExactly(500, 500, 204);
        for (int i = 0; i < 3; i++) {
            Received r = received.get(i);
            assertThat(validSignature(r, SECRET_A)).as("attempt %d signed", i + 1).isTrue();
            assertThat(WebhookSigner.verify(SECRET_A, r.headers().get("vitalink-signature"), r.body(),
                    Instant.now().getEpochSecond(), 300)).isTrue();
            assertThat(r.headers()).containsEntry("vitalink-delivery-id", WebhookDispatcher.deliveryId(jobId))
                    .containsEntry("vitalink-attempt", Integer.toString(i + 1))
                    .containsEntry("vitalink-event", "job.finished")
                    .containsEntry("content-type", "application/json");
        }
        assertThat(validSignature(received.get(0), "another-secret-of-at-least-32-characters")).isFalse();
        JsonNode payload = parse(received.get(2).body());
        assertThat(payload.path("jobId").asText()).isEqualTo(jobId);
        assertThat(payload.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(payload.path("deliveryId").asText()).isEqualTo(WebhookDispatcher.deliveryId(jobId));
        assertThat(payload.path("expected").asLong()).isEqualTo(2);
        assertThat(payload.path("processed").asLong()).isEqualTo(2);
        assertThat(payload.path("matched").asLong()).isEqualTo(1);
        assertThat(payload.path("notFound").asLong()).isEqualTo(1);
        assertThat(payload.path("completedAt").asText()).isNotEmpty();
        assertThat(fieldNames(payload)).containsExactlyInAnyOrder("event", "deliveryId", "jobId", "state", "createdAt",
                "startedAt", "completedAt", "endedAt", "reasonCode", "reason", "expected", "processed", "matched",
                "matchedWithDiscrepancy", "probable", "notFound", "invalid", "deadLettered", "skipped");
        JsonNode recorded = Http.json(first.get(callback(jobId), firstToken));
        assertAttempts(recorded, 500, 500, 204);
        assertThat(recorded.path("nextAttemptAt").isNull()).isTrue();

        // When the API restarts on the same store
        api.close();
        api = null;
        Http http = startApi(Duration.ofMillis(50));
        String token = http.token(TestUsers.SUBMITTER_A, TestUsers.PASSWORD);

        // Then the attempts are still there and nothing is sent again
        JsonNode afterRestart = Http.json(http.get(callback(jobId), token));
        assertThat(afterRestart.path("status").asText()).isEqualTo("DELIVERED");
        assertAttempts(afterRestart, 500, 500, 204);
        assertThat(afterRestart.path("attempts").get(0).path("error").asText()).isEqualTo("HTTP 500");
        sleep(300);
        assertThat(received).hasSize(3);
    }

    @Test
    void aPendingDeliveryResumesAfterARestart() {
        // Given a receiver that is down while the first API instance runs
        failFirst.set(Integer.MAX_VALUE);
        Http http = startApi(Duration.ofMillis(200));
        String token = http.token(TestUsers.SUBMITTER_A, TestUsers.PASSWORD);
        String url = hookUrl();
        String jobId = submit(http, token, url);
        complete(jobId, url);
        await(() -> Http.json(http.get(callback(jobId), token)).path("attempts").size() >= 1);

        // When the API stops with the delivery pending, the receiver recovers, and the API starts again
        api.close();
        api = null;
        int failed = received.size();
        failFirst.set(0);
        Http restarted = startApi(Duration.ofMillis(200));
        String again = restarted.token(TestUsers.SUBMITTER_A, TestUsers.PASSWORD);

        // Then the stored schedule is picked up and the attempts go on where they stopped
        await(() -> "DELIVERED".equals(status(restarted, again, jobId)));
        Integer[] expected = new Integer[failed + 1];
        java.util.Arrays.fill(expected, 500);
        expected[failed] = 204;
        assertAttempts(Http.json(restarted.get(callback(jobId), again)), expected);
        assertThat(received).hasSize(failed + 1);
        assertThat(received.get(failed).headers()).containsEntry("vitalink-attempt", Integer.toString(failed + 1));
    }

    @Test
    void redeliveryOnRequestSendsTheSameDeliveryAgainForTheOwningOrganisationOnly() {
        Http http = startApi(Duration.ofMillis(20));
        String tokenA = http.token(TestUsers.SUBMITTER_A, TestUsers.PASSWORD);
        String tokenB = http.token(TestUsers.SUBMITTER_B, TestUsers.PASSWORD);
        String auditor = http.token(TestUsers.AUDITOR, TestUsers.PASSWORD);
        String url = hookUrl();
        String jobId = submit(http, tokenA, url);

        HttpResponse<String> early = http.send("POST", callback(jobId), tokenA, null, null);
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(Http.code(early)).isEqualTo("VL-1205");

        complete(jobId, url);
        await(() -> "DELIVERED".equals(status(http, tokenA, jobId)));

        HttpResponse<String> otherOrganisation = http.send("POST", callback(jobId), tokenB, null, null);
        HttpResponse<String> byAuditor = http.send("POST", callback(jobId), auditor, null, null);
        HttpResponse<String> redelivered = http.send("POST", callback(jobId), tokenA, null, null);

        assertThat(otherOrganisation.statusCode()).isEqualTo(404);
        assertThat(Http.code(otherOrganisation)).isEqualTo("VL-1404");
        assertThat(http.get(callback(jobId), tokenB).statusCode()).isEqualTo(404);
        assertThat(byAuditor.statusCode()).isEqualTo(403);
        assertThat(http.get(callback(jobId), auditor).statusCode()).isEqualTo(200);
        assertThat(redelivered.statusCode()).isEqualTo(202);
        await(() -> received.size() == 2 && "DELIVERED".equals(status(http, tokenA, jobId)));
        assertThat(received.get(1).headers()).containsEntry("vitalink-delivery-id", WebhookDispatcher.deliveryId(jobId))
                .containsEntry("vitalink-attempt", "2");
        assertThat(received.get(1).body()).isEqualTo(received.get(0).body());
        assertAttempts(Http.json(http.get(callback(jobId), tokenA)), 204, 204);
    }

    @Test
    void givesUpWhenTheMaximumTimeHasPassedAndRecordsWhy() {
        failFirst.set(Integer.MAX_VALUE);
        Http http = startApi(Duration.ofMillis(20), Duration.ofMillis(400));
        String token = http.token(TestUsers.SUBMITTER_A, TestUsers.PASSWORD);
        String url = hookUrl();
        String jobId = submit(http, token, url);

        complete(jobId, url);

        await(() -> "FAILED".equals(status(http, token, jobId)));
        JsonNode view = Http.json(http.get(callback(jobId), token));
        assertThat(view.path("nextAttemptAt").isNull()).isTrue();
        assertThat(view.path("attempts").size()).isGreaterThanOrEqualTo(2).isEqualTo(received.size());
        JsonNode last = view.path("attempts").get(view.path("attempts").size() - 1);
        assertThat(last.path("error").asText()).isEqualTo("HTTP 500");
        assertThat(last.path("nextAttemptAt").isNull()).isTrue();
    }

    @Test
    void aJobPurgedWhileItsCallbackIsInFlightKeepsNoDeliveryAndIsNotCalledAgain() throws InterruptedException {
        // Given a receiver that holds the first attempt, then fails it
        failFirst.set(Integer.MAX_VALUE);
        answer = new CountDownLatch(1);
        Http http = startApi(Duration.ofMillis(20));
        String token = http.token(TestUsers.SUBMITTER_A, TestUsers.PASSWORD);
        String url = hookUrl();
        String jobId = submit(http, token, url);
        complete(jobId, url);
        assertThat(arrived.await(20, TimeUnit.SECONDS)).as("first attempt sent").isTrue();

        // When match-streams purges the job while that attempt is in flight, and the attempt then fails
        JobStore store = api.getBean(JobStore.class);
        store.apply(new IngestBatch().progress(jobId, null).nextOffset("job-progress", 0, 2));
        answer.countDown();

        // Then the failed attempt does not bring the delivery back, and the purged job is never called again
        sleep(500);
        assertThat(store.webhooks().get(jobId).map(String::new)).isEmpty();
        assertThat(store.progress().get(jobId)).isEmpty();
        assertThat(received).hasSize(1);
        assertThat(http.get(callback(jobId), token).statusCode()).isEqualTo(404);
    }

    @Test
    void aHostThatIsNoLongerAllowedAtDeliveryTimeIsNeverCalled() {
        Http http = startApi(Duration.ofMillis(20));
        String token = http.token(TestUsers.SUBMITTER_A, TestUsers.PASSWORD);
        String jobId = submit(http, token, hookUrl());

        // the job's URL now points at the cloud metadata address (as after DNS rebinding)
        complete(jobId, "http://169.254.169.254/latest/meta-data/");

        await(() -> "FAILED".equals(status(http, token, jobId)));
        JsonNode attempt = Http.json(http.get(callback(jobId), token)).path("attempts").get(0);
        assertThat(attempt.path("statusCode").isNull()).isTrue();
        assertThat(attempt.path("error").asText()).startsWith("VL-1202");
        assertThat(received).isEmpty();
    }

    @Test
    void aCompletionOlderThanTheRetryWindowIsNotCalledBackUntilRedeliveryIsAsked() {
        Http http = startApi(Duration.ofMillis(20));
        String token = http.token(TestUsers.SUBMITTER_A, TestUsers.PASSWORD);
        String url = hookUrl();
        String jobId = submit(http, token, url);

        complete(jobId, url, Instant.now().minus(Duration.ofHours(1))); // replayed by a new, empty read model
        sleep(300);

        assertThat(received).isEmpty();
        assertThat(status(http, token, jobId)).isEqualTo("WAITING");
        assertThat(http.send("POST", callback(jobId), token, null, null).statusCode()).isEqualTo(202);
        await(() -> "DELIVERED".equals(status(http, token, jobId)));
        assertThat(received).hasSize(1);
    }

    @Test
    void aJobWithoutCallbackUrlHasNoCallbackAndBadUrlsAreRefusedAtSubmission() {
        Http http = startApi(Duration.ofMillis(20));
        String tokenA = http.token(TestUsers.SUBMITTER_A, TestUsers.PASSWORD);
        String tokenB = http.token(TestUsers.SUBMITTER_B, TestUsers.PASSWORD);
        HttpResponse<String> plain = http.send("POST", "/api/v1/jobs", tokenA, "application/x-ndjson",
                "{\"recordId\":\"r1\"}\n");
        String jobId = Http.json(plain).path("jobId").asText();

        HttpResponse<String> none = http.send("POST", callback(jobId), tokenA, null, null);
        HttpResponse<String> metadata = http.send("POST", "/api/v1/jobs?callbackUrl=http://169.254.169.254/latest",
                tokenA, "application/x-ndjson", "{\"recordId\":\"r1\"}\n");
        HttpResponse<String> ftp = http.send("POST", "/api/v1/jobs", tokenA, "application/json",
                "{\"records\":[{\"recordId\":\"r1\"}],\"callbackUrl\":\"ftp://hooks.example.org/\"}");
        HttpResponse<String> twice = http.send("POST", "/api/v1/jobs?callbackUrl=" + hookUrl(), tokenA,
                "application/json", "{\"records\":[{\"recordId\":\"r1\"}],\"callbackUrl\":\"" + hookUrl() + "\"}");
        HttpResponse<String> noSecret = http.send("POST", "/api/v1/jobs?callbackUrl=" + hookUrl(), tokenB,
                "text/csv", "record_id\nr1\n");
        HttpResponse<String> csv = http.send("POST", "/api/v1/jobs?callbackUrl=" + hookUrl(), tokenA,
                "text/csv", "record_id\nr1\n");

        assertThat(none.statusCode()).isEqualTo(409);
        assertThat(Http.code(none)).isEqualTo("VL-1204");
        assertThat(Http.code(metadata)).isEqualTo("VL-1202");
        assertThat(metadata.statusCode()).isEqualTo(400);
        assertThat(Http.code(ftp)).isEqualTo("VL-1201");
        assertThat(Http.code(twice)).isEqualTo("VL-1201");
        assertThat(Http.code(noSecret)).isEqualTo("VL-1203");
        assertThat(csv.statusCode()).isEqualTo(202);
        assertThat(api.getBean(JobStore.class).progress().get(Http.json(csv).path("jobId").asText()))
                .hasValueSatisfying(p -> assertThat(p.getCallbackUrl()).isEqualTo(hookUrl()));
        assertThat(api.getBean(FakeJobPublisher.class).published).hasSize(2);
    }

    @Test
    void anInstanceWithDeliveryDisabledNeverCallsBackButAnswersFromTheSharedDeliveriesAndPassesRedeliveryOn() {
        // Given an instance with vitalink.webhooks.enabled=false and a job it sees complete
        Http http = startApi(Duration.ofMillis(20), Duration.ofMinutes(5), Map.of("vitalink.webhooks.enabled", false));
        String token = http.token(TestUsers.SUBMITTER_A, TestUsers.PASSWORD);
        String url = hookUrl();
        String jobId = submit(http, token, url);
        complete(jobId, url);
        sleep(300);
        assertThat(api.findBean(WebhookDispatcher.class)).isEmpty();
        assertThat(received).isEmpty();
        assertThat(status(http, token, jobId)).isEqualTo("WAITING");

        // When the owner, another instance, records a delivery in webhook-deliveries
        Instant at = Instant.now();
        WebhookDelivery delivered = new WebhookDelivery(jobId, WebhookDispatcher.deliveryId(jobId), url, TestUsers.CENTRE_A,
                WebhookDelivery.DELIVERED, "{}", at.toEpochMilli(), 0, null,
                List.of(new WebhookDelivery.Attempt(1, at.toString(), 204, null, null)), null, null);
        api.getBean(JobStore.class).apply(new IngestBatch().webhook(jobId, 0, 1, Codecs.WEBHOOK_DELIVERY.encode(
                WebhookDeliveries.toRecord(delivered, io.vitalink.avro.WebhookChange.ATTEMPTED, at))));

        // Then this instance shows it, and a redelivery asked of it is written for the owner, not made here
        assertAttempts(Http.json(http.get(callback(jobId), token)), 204);
        HttpResponse<String> redeliver = http.send("POST", callback(jobId), token, null, null);
        assertThat(redeliver.statusCode()).isEqualTo(202);
        assertThat(Http.json(redeliver).path("status").asText()).isEqualTo("PENDING");
        List<InMemoryWebhookLog.Appended> written = api.getBean(InMemoryWebhookLog.class).appended;
        assertThat(written).hasSize(1);
        assertThat(Codecs.WEBHOOK_DELIVERY.decode(written.get(0).value()).getChange())
                .isEqualTo(io.vitalink.avro.WebhookChange.REDELIVERY_REQUESTED);
        sleep(300);
        assertThat(received).isEmpty();
        assertThat(status(http, token, jobId)).isEqualTo("PENDING");
    }

    private Http startApi(Duration initialDelay) {
        return startApi(initialDelay, Duration.ofMinutes(5));
    }

    private Http startApi(Duration initialDelay, Duration maxElapsed) {
        return startApi(initialDelay, maxElapsed, Map.of());
    }

    private Http startApi(Duration initialDelay, Duration maxElapsed, Map<String, Object> more) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("vitalink.consumer.enabled", false);
        properties.put("vitalink.topics.create", false);
        properties.put("vitalink.store.dir", dir.resolve("store").toString());
        properties.put("vitalink.spool.dir", dir.resolve("spool").toString());
        properties.put("vitalink.security.jwt.secret", TestUsers.SECRET);
        properties.put("vitalink.webhooks.initial-delay", initialDelay.toMillis() + "ms");
        properties.put("vitalink.webhooks.max-delay", initialDelay.multipliedBy(4).toMillis() + "ms");
        properties.put("vitalink.webhooks.max-elapsed", maxElapsed.toMillis() + "ms");
        properties.put("vitalink.webhooks.allowed-networks", "127.0.0.0/8");
        properties.put("vitalink.webhooks.secrets." + TestUsers.CENTRE_A, SECRET_A);
        properties.putAll(more);
        api = ApiApplication.start(properties);
        TestUsers.createStandard(api.getBean(UserService.class));
        TestApplications.approveStandard(api.getBean(ApplicationStore.class));
        return new Http(URI.create(api.getBean(EmbeddedServer.class).getURL().toString()));
    }

    private String hookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private static String submit(Http http, String token, String url) {
        HttpResponse<String> submitted = http.send("POST", "/api/v1/jobs", token, "application/json",
                "{\"records\":[{\"recordId\":\"r1\"},{\"recordId\":\"r2\"}],\"callbackUrl\":\"" + url + "\"}");
        assertThat(submitted.statusCode()).isEqualTo(202);
        return Http.json(submitted).path("jobId").asText();
    }

    private void complete(String jobId, String url) {
        complete(jobId, url, Instant.now());
    }

    /** What match-streams writes to job-progress when the last record is decided, applied as the consumer does. */
    private void complete(String jobId, String url, Instant now) {
        JobProgress done = JobProgress.newBuilder().setJobId(jobId).setState(JobState.COMPLETED)
                .setExpected(2L).setProcessed(2).setMatched(1).setNotFound(1)
                .setCreatedAt(now.minusSeconds(5)).setStartedAt(now.minusSeconds(4)).setCompletedAt(now).setUpdatedAt(now)
                .setOrganisation(TestUsers.CENTRE_A).setSubmittedBy(TestUsers.SUBMITTER_A).setCallbackUrl(url)
                .build();
        api.getBean(JobStore.class).apply(new IngestBatch().progress(jobId, Codecs.JOB_PROGRESS.encode(done))
                .nextOffset("job-progress", 0, 1));
    }

    /** A receiver's check, written from docs/WEBHOOKS.md without the service's own code. */
    private static boolean validSignature(Received r, String secret) {
        String header = r.headers().get("vitalink-signature");
        String t = header.replaceAll("^t=(\\d+),v1=.*$", "$1");
        String v1 = header.replaceAll("^t=\\d+,v1=([0-9a-f]+)$", "$1");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(r.body());
            return java.security.MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1))
                    && Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t)) <= 300;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String callback(String jobId) {
        return "/api/v1/jobs/" + jobId + "/callback";
    }

    private static String status(Http http, String token, String jobId) {
        return Http.json(http.get(callback(jobId), token)).path("status").asText();
    }

    private static void assertAttempts(JsonNode view, Integer... statuses) {
        JsonNode attempts = view.path("attempts");
        assertThat(attempts.size()).isEqualTo(statuses.length);
        for (int i = 0; i < statuses.length; i++) {
            assertThat(attempts.get(i).path("number").asInt()).isEqualTo(i + 1);
            assertThat(attempts.get(i).path("statusCode").asInt()).isEqualTo(statuses[i]);
            assertThat(attempts.get(i).path("at").asText()).isNotEmpty();
        }
    }

    private static JsonNode parse(byte[] json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON", e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 20 s").isLessThan(deadline);
            sleep(25);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
