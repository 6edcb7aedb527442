package io.vitalink.job;

import io.vitalink.avro.JobProgress;
import io.vitalink.job.JobStates;
import io.vitalink.watch.Watches;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How long a job's data is kept, when an unfinished job is given up, and how often both are looked for. A job
 * expires {@code keep} after it ended or, when it never ended, after its last update. A job that is not final
 * and has not changed for {@code stallAfter} stalled: its producer never closed it, or requests were lost.
 */
public record JobRetention(Duration keep, Duration checkEvery, Duration stallAfter) {

    public static final Duration DEFAULT_KEEP = Duration.ofDays(30);
    public static final Duration DEFAULT_CHECK_EVERY = Duration.ofHours(1);
    public static final Duration DEFAULT_STALL_AFTER = Duration.ofHours(24);

    public JobRetention {
        if (!positive(keep) || !positive(checkEvery) || !positive(stallAfter)) {
            throw new IllegalArgumentException("retention, check interval and stall timeout must be positive");
        }
    }

    public JobRetention(Duration keep, Duration checkEvery) {
        this(keep, checkEvery, DEFAULT_STALL_AFTER);
    }

    /** The same checks, keeping a job's data for {@code keep}. */
    public JobRetention keeping(Duration keep) {
        return new JobRetention(keep, checkEvery, stallAfter);
    }

    public static JobRetention defaults() {
        return new JobRetention(DEFAULT_KEEP, DEFAULT_CHECK_EVERY, DEFAULT_STALL_AFTER);
    }

    /** True when the job is not final and has not changed for {@code stallAfter} at {@code now}. */
    public boolean stalled(JobProgress progress, Instant now) {
        if (JobStates.isFinal(progress.getState())) {
            return false;
        }
        Instant since = progress.getUpdatedAt() != null ? progress.getUpdatedAt() : progress.getCreatedAt();
        return since != null && since.plus(stallAfter).isBefore(now);
    }

    /** True when the job's data is older than the retention at {@code now}; a watched job's counts from its watch's end. */
    public boolean expired(JobProgress progress, Instant now) {
        Instant since = progress.getEndedAt() != null ? progress.getEndedAt()
                : progress.getCompletedAt() != null ? progress.getCompletedAt() : progress.getUpdatedAt();
        if (since == null) {
            since = progress.getCreatedAt();
        }
        Instant watchEnd = Watches.endOf(progress);
        if (since != null && watchEnd != null && watchEnd.isAfter(since)) {
            since = watchEnd;
        }
        return since != null && since.plus(keep).isBefore(now);
    }

    /** An ISO-8601 duration ({@code P30D}, {@code PT12H}) or a number with a unit: {@code 30d}, {@code 12h}, {@code 15m}, {@code 45s}. */
    public static Duration parse(String text) {
        String value = text.trim();
        try {
            if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
                return Duration.parse(value);
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (Character.toLowerCase(value.charAt(value.length() - 1))) {
                case 'd' -> Duration.ofDays(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 's' -> Duration.ofSeconds(amount);
                default -> throw new IllegalArgumentException("unknown unit");
            };
        } catch (DateTimeParseException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a duration (use 30d, 12h or ISO-8601 such as P30D): " + text, e);
        }
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }
}
