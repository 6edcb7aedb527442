package io.vitalink.api.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.vitalink.avro.JobProgress;

/**
 * The body POSTed to a watched job's callbackUrl when its changes feed grew: where the feed stands ({@code cursor},
 * the cursor after the latest change) and the job's counters, never patient data. The receiver reads
 * {@code GET /api/v1/jobs/{jobId}/changes?since=<the cursor it has>}.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ChangesPayload(String event, String deliveryId, String jobId, String cursor, long changes,
                             String watchUntil, long matched, long matchedWithDiscrepancy, long probable, long notFound,
                             long invalid) {

    public static final String JOB_CHANGES = "job.changes";

    static ChangesPayload of(String deliveryId, JobProgress p, String cursor) {
        return new ChangesPayload(JOB_CHANGES, deliveryId, p.getJobId(), cursor, p.getChanges(),
                p.getWatchUntil() == null ? null : p.getWatchUntil().toString(), p.getMatched(),
                p.getMatchedWithDiscrepancy(), p.getProbable(), p.getNotFound(), p.getInvalid());
    }
}
