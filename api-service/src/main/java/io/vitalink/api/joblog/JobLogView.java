package io.vitalink.api.joblog;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.vitalink.avro.JobProgress;
import java.time.Instant;
import java.util.List;

/**
 * The answer of GET /api/v1/jobs/{jobId}/log: the fields of the job log lines, as they stand now, and the
 * lifecycle events the job went through with their times (ISO-8601, null when unknown).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobLogView(String jobId, String state, String organisation, String submittedBy, String createdAt,
                         String startedAt, String completedAt, String endedAt, String reasonCode, String reason,
                         Long durationMs, Long expected, long processed, long matched, long matchedWithDiscrepancy,
                         long probable, long notFound, long invalid, long deadLettered, long skipped,
                         List<EventView> events) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record EventView(String event, String at) {
    }

    public static JobLogView of(JobProgress p) {
        List<EventView> events = JobLifecycle.history(p).stream()
                .map(e -> new EventView(e.name(), iso(e.at(p)))).toList();
        return new JobLogView(p.getJobId(), p.getState().name(), p.getOrganisation(), p.getSubmittedBy(),
                iso(p.getCreatedAt()), iso(p.getStartedAt()), iso(p.getCompletedAt()), iso(p.getEndedAt()),
                p.getReasonCode(), p.getReason(), JobLifecycle.durationMs(p), p.getExpected(), p.getProcessed(),
                p.getMatched(), p.getMatchedWithDiscrepancy(), p.getProbable(), p.getNotFound(), p.getInvalid(),
                p.getDeadLettered(), p.getSkipped(), events);
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
