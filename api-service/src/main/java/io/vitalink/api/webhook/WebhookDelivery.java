package io.vitalink.api.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.List;

/**
 * One job's webhook, as stored in the job store's {@code webhooks} column family (JSON): the frozen body, the
 * retry window and every attempt. Never holds patient data: the body is the job summary only.
 *
 * @param windowStartMillis  when the current retry window began (first attempt, or the last redelivery)
 * @param failuresInWindow   failed attempts since then: the exponent of the backoff
 * @param nextAttemptAtMillis when the next attempt is due; null once DELIVERED or FAILED
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record WebhookDelivery(String jobId, String deliveryId, String url, String organisation, String status,
                              String body, long windowStartMillis, int failuresInWindow, Long nextAttemptAtMillis,
                              List<Attempt> attempts) {

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

    WebhookDelivery restart(long nowMillis) {
        return new WebhookDelivery(jobId, deliveryId, url, organisation, PENDING, body, nowMillis, 0, nowMillis, attempts);
    }

    WebhookDelivery after(Attempt attempt, String newStatus, int failures, Long next) {
        List<Attempt> all = new ArrayList<>(attempts);
        all.add(attempt);
        if (all.size() > MAX_ATTEMPTS_KEPT) {
            all = new ArrayList<>(all.subList(all.size() - MAX_ATTEMPTS_KEPT, all.size()));
        }
        return new WebhookDelivery(jobId, deliveryId, url, organisation, newStatus, body, windowStartMillis, failures,
                next, List.copyOf(all));
    }

    int nextAttemptNumber() {
        return attempts.isEmpty() ? 1 : attempts.get(attempts.size() - 1).number() + 1;
    }
}
