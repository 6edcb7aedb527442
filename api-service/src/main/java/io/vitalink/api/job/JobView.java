package io.vitalink.api.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.vitalink.avro.JobProgress;
import java.time.Instant;
import java.util.Map;

/** The answer of GET /api/v1/jobs/{jobId}; times are ISO-8601 or null. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobView(String jobId, String state, String createdAt, String startedAt, String completedAt,
                      String endedAt, String reasonCode, String reason, Long expected, long processed, long matched,
                      long matchedWithDiscrepancy, long probable, long notFound, long invalid, long deadLettered,
                      long skipped, String watchUntil, String watchEndedAt, long changes,
                      Map<String, Long> deathsByUnderlyingCauseChapter, ApplicationSummary application) {

    /**
     * The data-use application the job runs under, as it stands today: {@code status} APPROVED, EXPIRED, REVOKED, …
     * (null when this instance does not know the application), {@code validUntil} its last day.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ApplicationSummary(String id, String status, String validUntil) {
    }

    /** @param chapters the linked deaths by ICD-10 chapter of their underlying cause (Roman numeral → count) */
    public static JobView of(JobProgress p, Map<String, Long> chapters) {
        return of(p, chapters, null);
    }

    /** @param application the job's application today, or null when it names none (a job from before applications) */
    public static JobView of(JobProgress p, Map<String, Long> chapters, ApplicationSummary application) {
        return new JobView(p.getJobId(), p.getState().name(), iso(p.getCreatedAt()), iso(p.getStartedAt()),
                iso(p.getCompletedAt()), iso(p.getEndedAt()), p.getReasonCode(), p.getReason(), p.getExpected(),
                p.getProcessed(), p.getMatched(), p.getMatchedWithDiscrepancy(), p.getProbable(), p.getNotFound(),
                p.getInvalid(), p.getDeadLettered(), p.getSkipped(),
                p.getWatchUntil() == null ? null : p.getWatchUntil().toString(), iso(p.getWatchEndedAt()), p.getChanges(),
                chapters, application);
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
