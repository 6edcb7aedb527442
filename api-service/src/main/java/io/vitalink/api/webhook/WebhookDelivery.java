package io.vitalink.api.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.List;

/**
 * One job's webhook: the frozen body, the retry window, every attempt and the redeliveries asked for. Its shared
 * form is a {@code io.vitalink.avro.WebhookDelivery} on the webhook-deliveries topic ({@link WebhookDeliveries});
 * this JSON form is how an older version kept it in the job store. Never holds patient data: the body is the job
 * summary only.
 *
 * @param windowStartMillis  when the current retry window began (first attempt, or the last redelivery)
 * @param failuresInWindow   failed attempts since then: the exponent of the backoff
 * @param nextAttemptAtMillis when the next attempt is due; null once DELIVERED or FAILED
 * @param redeliveryRequestedAt the latest redelivery asked for (epoch ms), or null
 * @param redeliveryStartedFor  the {@code redeliveryRequestedAt} the owner last started a new window for, or null
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record WebhookDelivery(String jobId, String deliveryId, String url, String organisation, String status,
                              String body, long windowStartMillis, int failuresInWindow, Long nextAttemptAtMillis,
                              List<Attempt> attempts, Long redeliveryRequestedAt, Long redeliveryStartedFor) {

    public WebhookDelivery {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";
    /** At most this many attempts are kept (the latest). */
    static final int MAX_ATTEMPTS_KEPT = 100;

    /**
     * @param statusCode the receiver's HTTP status, or null when there was no answer
     * @param error      why the attempt failed (never the body), or null when it succeeded
     * @param nextAttemptAt when the next attempt is due after this one, or null
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Attempt(int number, String at, Integer statusCode, String error, String nextAttemptAt) {
    }

    /** A new retry window from now, answering the pending redelivery request if there is one. */
    WebhookDelivery restart(long nowMillis) {
        return new WebhookDelivery(jobId, deliveryId, url, organisation, PENDING, body, nowMillis, 0, nowMillis, attempts,
                redeliveryRequestedAt, redeliveryRequestedAt);
    }

    WebhookDelivery after(Attempt attempt, String newStatus, int failures, Long next) {
        List<Attempt> all = new ArrayList<>(attempts);
        all.add(attempt);
        if (all.size() > MAX_ATTEMPTS_KEPT) {
            all = new ArrayList<>(all.subList(all.size() - MAX_ATTEMPTS_KEPT, all.size()));
        }
        return new WebhookDelivery(jobId, deliveryId, url, organisation, newStatus, body, windowStartMillis, failures,
                next, List.copyOf(all), redeliveryRequestedAt, redeliveryStartedFor);
    }

    WebhookDelivery withRedeliveryRequestedAt(long requestedAt) {
        return new WebhookDelivery(jobId, deliveryId, url, organisation, status, body, windowStartMillis,
                failuresInWindow, nextAttemptAtMillis, attempts, requestedAt, redeliveryStartedFor);
    }

    /** A redelivery was asked for that the owner has not started yet. */
    boolean redeliveryPending() {
        return redeliveryRequestedAt != null
                && (redeliveryStartedFor == null || redeliveryRequestedAt > redeliveryStartedFor);
    }

    /** Whether the owner has something to do: an attempt to make or a redelivery to start. */
    boolean needsWork() {
        return PENDING.equals(status) || redeliveryPending();
    }

    /** When the owner should next look at it: now for a pending redelivery, else the next attempt's due time. */
    long dueMillis() {
        return redeliveryPending() || nextAttemptAtMillis == null ? 0 : nextAttemptAtMillis;
    }

    int nextAttemptNumber() {
        return attempts.isEmpty() ? 1 : attempts.get(attempts.size() - 1).number() + 1;
    }
}
