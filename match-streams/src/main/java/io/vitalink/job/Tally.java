package io.vitalink.job;

import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import java.time.Instant;

/**
 * What one task counted for one job since it last reported: a job's counters are summed per task first and sent
 * on as one {@link JobProgress} delta, instead of one delta per request. Plain Java; times are epoch millis, 0 when
 * unknown.
 */
public record Tally(long processed, long matched, long matchedWithDiscrepancy, long probable, long notFound,
                    long invalid, long deadLettered, long skipped, long startedAt, long updatedAt, long changes) {

    public static final Tally NONE = new Tally(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * A first decision counts as processed under its outcome; a later change of a watched record (it has a trigger)
     * moves the record from its previous outcome to its new one and counts as a change, not as processed again.
     */
    public Tally withResult(MatchResult result) {
        long at = result.getDecidedAt().toEpochMilli();
        if (result.getTrigger() != null) {
            Tally moved = count(result.getOutcome(), 1, 0, 0).count(result.getPreviousOutcome(), -1, 0, 0);
            return new Tally(moved.processed, moved.matched, moved.matchedWithDiscrepancy, moved.probable,
                    moved.notFound, moved.invalid, moved.deadLettered, moved.skipped, moved.startedAt,
                    Math.max(moved.updatedAt, at), moved.changes + 1);
        }
        return count(result.getOutcome(), 1, at, at).add(1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private Tally count(Outcome outcome, long n, long startedAt, long updatedAt) {
        return switch (outcome) {
            case MATCHED -> add(0, n, 0, 0, 0, 0, 0, 0, startedAt, updatedAt);
            case MATCHED_WITH_DISCREPANCY -> add(0, 0, n, 0, 0, 0, 0, 0, startedAt, updatedAt);
            case PROBABLE -> add(0, 0, 0, n, 0, 0, 0, 0, startedAt, updatedAt);
            case NOT_FOUND -> add(0, 0, 0, 0, n, 0, 0, 0, startedAt, updatedAt);
            case INVALID -> add(0, 0, 0, 0, 0, n, 0, 0, startedAt, updatedAt);
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
                .setDeadLettered(deadLettered).setSkipped(skipped).setChanges(changes)
                .setStartedAt(startedAt == 0 ? null : Instant.ofEpochMilli(startedAt))
                .setUpdatedAt(updatedAt == 0 ? null : Instant.ofEpochMilli(updatedAt))
                .build();
    }

    private Tally add(long processed, long matched, long matchedWithDiscrepancy, long probable, long notFound,
                      long invalid, long deadLettered, long skipped, long startedAt, long updatedAt) {
        return new Tally(this.processed + processed, this.matched + matched,
                this.matchedWithDiscrepancy + matchedWithDiscrepancy, this.probable + probable,
                this.notFound + notFound, this.invalid + invalid, this.deadLettered + deadLettered,
                this.skipped + skipped, earliest(this.startedAt, startedAt), Math.max(this.updatedAt, updatedAt), changes);
    }

    private static long earliest(long a, long b) {
        return a == 0 ? b : b == 0 ? a : Math.min(a, b);
    }
}
