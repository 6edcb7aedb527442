package io.vitalink.api.quota;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * {@code vitalink.quotas.*} (docs/API.md#quotas): per organisation, the records of one job, the records of all its
 * jobs submitted in one UTC day, and its jobs not yet ended; and the {@code Retry-After} answered when the last is
 * reached. Every limit must be positive: a registry that wants none sets a number it never reaches.
 */
@Singleton
public class QuotaSettings {

    private final long recordsPerJob;
    private final long recordsPerDay;
    private final int concurrentJobs;
    private final Duration concurrentRetryAfter;

    @Inject
    public QuotaSettings(@Value("${vitalink.quotas.records-per-job:5000000}") long recordsPerJob,
                         @Value("${vitalink.quotas.records-per-day:20000000}") long recordsPerDay,
                         @Value("${vitalink.quotas.concurrent-jobs:4}") int concurrentJobs,
                         @Value("${vitalink.quotas.concurrent-retry-after:60s}") Duration concurrentRetryAfter) {
        if (recordsPerJob < 1 || recordsPerDay < 1 || concurrentJobs < 1) {
            throw new IllegalArgumentException(
                    "vitalink.quotas: records-per-job, records-per-day and concurrent-jobs must be at least 1");
        }
        if (concurrentRetryAfter.isNegative() || concurrentRetryAfter.isZero()) {
            throw new IllegalArgumentException("vitalink.quotas.concurrent-retry-after must be positive");
        }
        this.recordsPerJob = recordsPerJob;
        this.recordsPerDay = recordsPerDay;
        this.concurrentJobs = concurrentJobs;
        this.concurrentRetryAfter = concurrentRetryAfter;
    }

    /** Limits no test or tool reaches: for code constructed outside the application context. */
    public static QuotaSettings unlimited() {
        return new QuotaSettings(Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE, Duration.ofMinutes(1));
    }

    public long recordsPerJob() {
        return recordsPerJob;
    }

    public long recordsPerDay() {
        return recordsPerDay;
    }

    public int concurrentJobs() {
        return concurrentJobs;
    }

    public Duration concurrentRetryAfter() {
        return concurrentRetryAfter;
    }

    /** The configured value of {@code quota}. */
    public long limit(Quota quota) {
        return switch (quota) {
            case RECORDS_PER_JOB -> recordsPerJob;
            case RECORDS_PER_DAY -> recordsPerDay;
            case CONCURRENT_JOBS -> concurrentJobs;
        };
    }
}
