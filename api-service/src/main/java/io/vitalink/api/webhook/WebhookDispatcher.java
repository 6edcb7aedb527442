package io.vitalink.api.webhook;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.serde.ObjectMapper;
import io.vitalink.api.metrics.ApiMetricNames;
import io.vitalink.api.metrics.ApiMetrics;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.store.JobStore;
import io.vitalink.api.store.StoreException;
import io.vitalink.avro.JobProgress;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers job webhooks (docs/WEBHOOKS.md). A delivery is created in the job store in the same write as the
 * progress that finishes the job; every attempt and the next due time are written back before the next one is
 * scheduled, so after a restart the pending deliveries are picked up where they stopped. At least once: a
 * receiver dedupes by {@code Vitalink-Delivery-Id}. One thread does all work, so attempts of one job never
 * overlap and records are never written concurrently.
 */
@Context
@Requires(property = "vitalink.webhooks.enabled", notEquals = "false")
public class WebhookDispatcher implements JobStore.CompletionHook, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    public static final String DELIVERY_ID_HEADER = "Vitalink-Delivery-Id";
    public static final String EVENT_HEADER = "Vitalink-Event";
    public static final String ATTEMPT_HEADER = "Vitalink-Attempt";
    private static final int MAX_ERROR_LENGTH = 200;

    private final JobStore store;
    private final WebhookSettings settings;
    private final CallbackUrlPolicy policy;
    private final ObjectMapper json;
    private final Backoff backoff;
    private final Clock clock = Clock.systemUTC();
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final ApiMetrics metrics;

    @Inject
    public WebhookDispatcher(JobStore store, WebhookSettings settings, CallbackUrlPolicy policy, ObjectMapper json,
                             ApiMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
        this.settings = settings;
        this.policy = policy;
        this.json = json;
        this.backoff = new Backoff(settings.initialDelay(), settings.maxDelay());
        // never follow a redirect: it could point anywhere, past the address checks
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "webhook-dispatcher");
            t.setDaemon(true);
            return t;
        });
        store.setCompletionHook(this);
        scheduler.execute(this::resumePending);
    }

    /** The same for every attempt, every redelivery and every API instance: receivers dedupe by it. */
    public static String deliveryId(String jobId) {
        return UUID.nameUUIDFromBytes(("vitalink-webhook:" + jobId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override
    public byte[] newDelivery(JobProgress finished) {
        long now = clock.millis();
        Instant completed = finished.getCompletedAt() != null ? finished.getCompletedAt() : finished.getUpdatedAt();
        if (completed != null && completed.toEpochMilli() + settings.maxElapsed().toMillis() < now) {
            // replaying old progress (a new, empty read model): too late to call back; POST .../callback still can
            return null;
        }
        return encode(create(finished, now));
    }

    @Override
    public void created(String jobId) {
        schedule(jobId, 0);
    }

    /** The job's delivery, when one was created. */
    public Optional<WebhookDelivery> delivery(String jobId) {
        return store.webhook(jobId).map(this::decode);
    }

    /**
     * Starts a new retry window for a finished job now, whatever happened before (DELIVERED, FAILED or PENDING).
     */
    public WebhookDelivery redeliver(JobProgress finished) {
        try {
            return scheduler.submit(() -> {
                long now = clock.millis();
                WebhookDelivery d = delivery(finished.getJobId()).orElseGet(() -> create(finished, now)).restart(now);
                save(d);
                schedule(d.jobId(), 0);
                log.info("Webhook of job {} redelivery requested", d.jobId());
                return d;
            }).get(settings.requestTimeout().plusSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot schedule the redelivery", e);
        }
    }

    private WebhookDelivery create(JobProgress finished, long now) {
        String id = deliveryId(finished.getJobId());
        String body = encodeString(WebhookPayload.of(id, finished));
        return new WebhookDelivery(finished.getJobId(), id, finished.getCallbackUrl(), finished.getOrganisation(),
                WebhookDelivery.PENDING, body, now, 0, now, List.of());
    }

    private void resumePending() {
        List<WebhookDelivery> pending = new ArrayList<>();
        try {
            store.forEachWebhook((jobId, value) -> {
                WebhookDelivery d = decode(value);
                if (WebhookDelivery.PENDING.equals(d.status())) {
                    pending.add(d);
                }
            });
        } catch (StoreException e) {
            log.warn("Cannot read pending webhooks: {}", e.getMessage());
            return;
        }
        long now = clock.millis();
        for (WebhookDelivery d : pending) {
            schedule(d.jobId(), d.nextAttemptAtMillis() == null ? 0 : Math.max(0, d.nextAttemptAtMillis() - now));
        }
        if (!pending.isEmpty()) {
            log.info("Resuming {} pending webhook deliveries", pending.size());
        }
    }

    private void schedule(String jobId, long delayMillis) {
        if (!scheduler.isShutdown()) {
            scheduler.schedule(() -> attempt(jobId), delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Runs on the dispatcher thread only. */
    private void attempt(String jobId) {
        try {
            Optional<WebhookDelivery> stored = delivery(jobId);
            if (stored.isEmpty() || !WebhookDelivery.PENDING.equals(stored.get().status())) {
                return;
            }
            WebhookDelivery d = stored.get();
            long now = clock.millis();
            if (d.nextAttemptAtMillis() != null && now < d.nextAttemptAtMillis()) {
                return; // a stale task: another is scheduled for the due time
            }
            int number = d.nextAttemptNumber();
            Result result = send(d, number);
            if (result == null) {
                return; // shutting down
            }
            String at = Instant.ofEpochMilli(now).toString();
            WebhookDelivery next;
            if (result.delivered()) {
                next = d.after(new WebhookDelivery.Attempt(number, at, result.status(), null, null),
                        WebhookDelivery.DELIVERED, d.failuresInWindow(), null);
                metrics.webhookAttempt(ApiMetricNames.DELIVERED);
                log.info("Webhook of job {} delivered on attempt {}", jobId, number);
            } else {
                int failures = d.failuresInWindow() + 1;
                long due = clock.millis() + backoff.delay(failures, ThreadLocalRandom.current()::nextDouble).toMillis();
                boolean giveUp = result.permanent() || due > d.windowStartMillis() + settings.maxElapsed().toMillis();
                next = d.after(new WebhookDelivery.Attempt(number, at, result.status(), result.error(),
                                giveUp ? null : Instant.ofEpochMilli(due).toString()),
                        giveUp ? WebhookDelivery.FAILED : WebhookDelivery.PENDING, failures, giveUp ? null : due);
                metrics.webhookAttempt(giveUp ? ApiMetricNames.FAILED : ApiMetricNames.RETRY);
                log.warn("Webhook of job {} attempt {} failed ({}){}", jobId, number, result.error(),
                        giveUp ? ": giving up" : ", next in " + Duration.ofMillis(Math.max(0, due - clock.millis())));
            }
            save(next);
            if (WebhookDelivery.PENDING.equals(next.status())) {
                schedule(jobId, Math.max(0, next.nextAttemptAtMillis() - clock.millis()));
            }
        } catch (StoreException e) {
            log.warn("Webhook of job {} not attempted: {}", jobId, e.getMessage()); // the store is closing
        } catch (RuntimeException e) {
            log.error("Webhook of job {} attempt failed unexpectedly", jobId, e);
        }
    }

    private record Result(boolean delivered, boolean permanent, Integer status, String error) {
    }

    private Result send(WebhookDelivery d, int number) {
        URI uri;
        try {
            uri = policy.parse(d.url());
            policy.addresses(uri); // resolved again now: the host may point elsewhere than at submission
        } catch (ApiException e) {
            return new Result(false, true, null, e.code().code() + " " + e.getMessage());
        }
        Optional<String> secret = settings.secret(d.organisation());
        if (secret.isEmpty()) {
            return new Result(false, true, null, "no webhook secret is configured for the organisation");
        }
        byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Vitalink-Webhooks/1")
                .header(DELIVERY_ID_HEADER, d.deliveryId())
                .header(EVENT_HEADER, WebhookPayload.JOB_FINISHED)
                .header(ATTEMPT_HEADER, Integer.toString(number))
                .header(WebhookSigner.HEADER, WebhookSigner.header(secret.get(), clock.instant().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300
                    ? new Result(true, false, status, null)
                    : new Result(false, false, status, "HTTP " + status);
        } catch (IOException e) {
            return new Result(false, false, null, shorten(e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void save(WebhookDelivery d) {
        store.putWebhook(d.jobId(), encode(d));
    }

    private byte[] encode(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String encodeString(Object value) {
        return new String(encode(value), StandardCharsets.UTF_8);
    }

    private WebhookDelivery decode(byte[] value) {
        try {
            return json.readValue(value, WebhookDelivery.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String shorten(String s) {
        return s.length() <= MAX_ERROR_LENGTH ? s : s.substring(0, MAX_ERROR_LENGTH);
    }

    @Override
    @PreDestroy
    public void close() {
        store.setCompletionHook(null);
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
