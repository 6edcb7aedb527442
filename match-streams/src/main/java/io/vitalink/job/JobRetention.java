package io.vitalink.job;

import io.vitalink.avro.JobProgress;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How long a job's data is kept, and how often expired jobs are looked for. A job expires {@code keep} after it
 * completed or, when it never completed, after its last update.
 */
public record JobRetention(Duration keep, Duration checkEvery) {

    public static final Duration DEFAULT_KEEP = Duration.ofDays(30);
    public static final Duration DEFAULT_CHECK_EVERY = Duration.ofHours(1);

    public JobRetention {
        if (keep.isNegative() || keep.isZero() || checkEvery.isNegative() || checkEvery.isZero()) {
            throw new IllegalArgumentException("retention and check interval must be positive");
        }
    }

    public static JobRetention defaults() {
        return new JobRetention(DEFAULT_KEEP, DEFAULT_CHECK_EVERY);
    }

    /** True when the job's data is older than the retention at {@code now}. */
    public boolean expired(JobProgress progress, Instant now) {
        Instant since = progress.getCompletedAt() != null ? progress.getCompletedAt() : progress.getUpdatedAt();
        if (since == null) {
            since = progress.getCreatedAt();
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
}
