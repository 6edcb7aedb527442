package io.vitalink.job;

import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.avro.MatchResult;
import java.time.Instant;

/**
 * What one task counted for one job since it last reported: a job's counters are summed per task first and sent
 * on as one {@link JobProgress} delta, instead of one delta per request. Plain Java; times are epoch millis, 0 when
 * unknown.
 */
public record Tally(long processed, long matched, long matchedWithDiscrepancy, long probable, long notFound,
                    long invalid, long deadLettered, long skipped, long startedAt, long updatedAt) {

    public static final Tally NONE = new Tally(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public Tally withResult(MatchResult result) {
        long at = result.getDecidedAt().toEpochMilli();
        return switch (result.getOutcome()) {
            case MATCHED -> add(1, 1, 0, 0, 0, 0, 0, 0, at, at);
            case MATCHED_WITH_DISCREPANCY -> add(1, 0, 1, 0, 0, 0, 0, 0, at, at);
            case PROBABLE -> add(1, 0, 0, 1, 0, 0, 0, 0, at, at);
            case NOT_FOUND -> add(1, 0, 0, 0, 1, 0, 0, 0, at, at);
            case INVALID -> add(1, 0, 0, 0, 0, 1, 0, 0, at, at);
        };
    }

    public Tally withDeadLetter(Instant at) {
        return add(1, 0, 0, 0, 0, 0, 1, 0, at.toEpochMilli(), at.toEpochMilli());
    }

    /** A request that arrived after its job had stopped: counted, not processed, and not a start. */
    public Tally withSkipped(Instant at) {
        return add(0, 0, 0, 0, 0, 0, 0, 1, 0, at.toEpochMilli());
    }

    /** The delta {@link JobProgressMath#merge} adds to the job's progress. */
    public JobProgress toDelta(String jobId) {
        return JobProgress.newBuilder().setState(JobState.RECEIVING)
                .setJobId(jobId)
                .setProcessed(processed).setMatched(matched).setMatchedWithDiscrepancy(matchedWithDiscrepancy)
                .setProbable(probable).setNotFound(notFound).setInvalid(invalid)
                .setDeadLettered(deadLettered).setSkipped(skipped)
                .setStartedAt(startedAt == 0 ? null : Instant.ofEpochMilli(startedAt))
                .setUpdatedAt(updatedAt == 0 ? null : Instant.ofEpochMilli(updatedAt))
                .build();
    }

    private Tally add(long processed, long matched, long matchedWithDiscrepancy, long probable, long notFound,
                      long invalid, long deadLettered, long skipped, long startedAt, long updatedAt) {
        return new Tally(this.processed + processed, this.matched + matched,
                this.matchedWithDiscrepancy + matchedWithDiscrepancy, this.probable + probable,
                this.notFound + notFound, this.invalid + invalid, this.deadLettered + deadLettered,
                this.skipped + skipped, earliest(this.startedAt, startedAt), Math.max(this.updatedAt, updatedAt));
    }

    private static long earliest(long a, long b) {
        return a == 0 ? b : b == 0 ? a : Math.min(a, b);
    }
}
