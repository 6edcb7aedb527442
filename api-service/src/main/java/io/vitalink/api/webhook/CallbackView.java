package io.vitalink.api.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * The answer of GET and POST /api/v1/jobs/{jobId}/callback. status: WAITING (the job has not finished), PENDING
 * (being delivered or retried, or a redelivery asked for and not started yet), DELIVERED or FAILED (gave up).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CallbackView(String jobId, String callbackUrl, String deliveryId, String status, String nextAttemptAt,
                           List<WebhookDelivery.Attempt> attempts) {

    public static final String WAITING = "WAITING";

    static CallbackView of(WebhookDelivery d) {
        if (d.redeliveryPending()) {
            // asked for on some instance; the owner starts it at once
            return new CallbackView(d.jobId(), d.url(), d.deliveryId(), WebhookDelivery.PENDING,
                    Instant.ofEpochMilli(d.redeliveryRequestedAt()).toString(), d.attempts());
        }
        return new CallbackView(d.jobId(), d.url(), d.deliveryId(), d.status(),
                d.nextAttemptAtMillis() == null ? null : Instant.ofEpochMilli(d.nextAttemptAtMillis()).toString(),
                d.attempts());
    }

    static CallbackView waiting(String jobId, String url) {
        return new CallbackView(jobId, url, WebhookDeliveries.deliveryId(jobId), WAITING, null, List.of());
    }
}
