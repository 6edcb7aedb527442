package io.vitalink.api.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.vitalink.avro.JobProgress;
import java.time.Instant;

/** The body POSTed to a job's callbackUrl: the job summary (id, state, counters, times), never patient data. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record WebhookPayload(String event, String deliveryId, String jobId, String state, String createdAt,
                             String startedAt, String completedAt, String endedAt, String reasonCode, String reason,
                             Long expected, long processed, long matched, long matchedWithDiscrepancy, long probable,
                             long notFound, long invalid, long deadLettered, long skipped) {

    public static final String JOB_FINISHED = "job.finished";

    static WebhookPayload of(String deliveryId, JobProgress p) {
        return new WebhookPayload(JOB_FINISHED, deliveryId, p.getJobId(), p.getState().name(), iso(p.getCreatedAt()),
                iso(p.getStartedAt()), iso(p.getCompletedAt()), iso(p.getEndedAt()), p.getReasonCode(), p.getReason(),
                p.getExpected(), p.getProcessed(), p.getMatched(), p.getMatchedWithDiscrepancy(), p.getProbable(),
                p.getNotFound(), p.getInvalid(), p.getDeadLettered(), p.getSkipped());
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
