package io.vitalink.watch;

import io.vitalink.avro.JobProgress;
import io.vitalink.job.JobStates;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Whether a job's records are watched: kept registered and matched again when a death record they link to, or
 * could link to, is added, corrected or withdrawn. A job is watched from its OPENED (which names the last day)
 * until that day is over, a CANCELLED ends the watch, it FAILED, or retention removes it. Plain Java.
 */
public final class Watches {

    /** How long a record of a job this instance does not know yet is kept: its OPENED may still be on its way. */
    public static final Duration UNKNOWN_JOB_GRACE = Duration.ofDays(1);

    /** What to do with a registered record when a death record changes, or when the registry is swept. */
    public enum Status {
        /** Match it again and tell its job of a change. */
        ACTIVE,
        /** Keep it, tell nothing: its job is not known here yet. */
        PENDING,
        /** Forget it: its job is gone, was never watched, or its watch is over. */
        ENDED
    }

    private Watches() {
    }

    /** The last day a job is watched, or null when it is not (any more). */
    public static LocalDate watchedUntil(JobProgress job) {
        if (job == null || job.getWatchUntil() == null || job.getWatchEndedAt() != null || JobStates.isStopped(job.getState())) {
            return null;
        }
        return job.getWatchUntil();
    }

    /**
     * Whether a record of {@code job} is registered when it is first decided: its job is watched today, or not known
     * to this instance yet (the job's progress follows its OPENED by up to a commit; the record is dropped later if
     * the job turns out not to be watched).
     */
    public static boolean registers(JobProgress job, LocalDate today) {
        if (job == null) {
            return true;
        }
        LocalDate until = watchedUntil(job);
        return until != null && !today.isAfter(until);
    }

    public static Status status(JobProgress job, Instant registeredAt, Instant now, LocalDate today) {
        if (job == null) {
            return registeredAt.plus(UNKNOWN_JOB_GRACE).isAfter(now) ? Status.PENDING : Status.ENDED;
        }
        LocalDate until = watchedUntil(job);
        return until != null && !today.isAfter(until) ? Status.ACTIVE : Status.ENDED;
    }

    /** When a watch ends at the latest, for retention: the start of the day after its last day, UTC. */
    public static Instant endOf(JobProgress job) {
        if (job.getWatchUntil() == null) {
            return null;
        }
        if (job.getWatchEndedAt() != null) {
            return job.getWatchEndedAt();
        }
        return job.getWatchUntil().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
