package io.vitalink.api.quota;

import io.micronaut.context.annotation.Context;
import io.vitalink.api.config.LiveValue;
import io.vitalink.api.config.RuntimeSettings;
import io.vitalink.api.metrics.ApiMetrics;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.api.store.JobStore;
import io.vitalink.config.Setting;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds each organisation to its {@link QuotaSettings} (docs/API.md#quotas) while a job is taken in:
 * {@link #admit} before the body is read, {@link Upload#count} for every record, {@link Upload#reserve} before the job
 * is published. Counts come from the read model ({@link OrganisationUsage}), started with a full scan before the read
 * model consumer, like the jobs-by-state gauges; across instances they lag by the read model's lag.
 */
@Context
public class Quotas {

    private static final Logger log = LoggerFactory.getLogger(Quotas.class);

    private final QuotaSettings deployed;
    private final LiveValue<Long> recordsPerJob;
    private final LiveValue<Long> recordsPerDay;
    private final LiveValue<Long> concurrentJobs;
    private final ApiMetrics metrics;
    private final Clock clock;
    private final OrganisationUsage usage;

    @Inject
    public Quotas(JobStore store, QuotaSettings settings, RuntimeSettings runtime, ApiMetrics metrics) {
        this(store, settings, runtime, metrics, Clock.systemUTC());
    }

    public Quotas(JobStore store, QuotaSettings settings, ApiMetrics metrics) {
        this(store, settings, RuntimeSettings.NONE, metrics, Clock.systemUTC());
    }

    Quotas(JobStore store, QuotaSettings settings, RuntimeSettings runtime, ApiMetrics metrics, Clock clock) {
        this.deployed = settings;
        this.recordsPerJob = new LiveValue<>(runtime, Setting.RECORDS_PER_JOB, Long::parseLong, settings.recordsPerJob());
        this.recordsPerDay = new LiveValue<>(runtime, Setting.RECORDS_PER_DAY, Long::parseLong, settings.recordsPerDay());
        this.concurrentJobs = new LiveValue<>(runtime, Setting.CONCURRENT_JOBS, Long::parseLong, (long) settings.concurrentJobs());
        this.metrics = metrics;
        this.clock = clock;
        this.usage = new OrganisationUsage(clock);
        java.util.Map<String, java.util.function.LongSupplier> limits = new java.util.LinkedHashMap<>();
        for (Quota quota : Quota.values()) {
            limits.put(quota.tag(), () -> settings().limit(quota));
        }
        metrics.quotas(limits);
        store.notifications().addProgressListener(usage);
        store.progress().forEach(p -> {
            usage.changed(null, p);
            return true;
        });
    }

    /** The limits in force now: configured at run time (docs/OPERATIONS.md#system-configuration), else deployed. */
    QuotaSettings settings() {
        return new QuotaSettings(recordsPerJob.get(), recordsPerDay.get(), (int) Math.min(Integer.MAX_VALUE, concurrentJobs.get()),
                deployed.concurrentRetryAfter());
    }

    /**
     * Lets an upload of {@code organisation} begin, or refuses it: 429 VL-1123 when the organisation has
     * {@code concurrent-jobs} jobs not ended (counting uploads under way here), 429 VL-1122 when its records of today
     * have reached {@code records-per-day}. Close the upload when it has ended, accepted or not.
     */
    public Upload admit(String organisation) {
        if (!usage.startUpload(organisation, settings().concurrentJobs())) {
            throw refused(organisation, Quota.CONCURRENT_JOBS, new ApiException(ErrorCode.CONCURRENT_JOBS_EXCEEDED,
                    "The organisation already has " + settings().concurrentJobs()
                            + " jobs in progress (vitalink.quotas.concurrent-jobs): submit this one when one has ended")
                    .retryAfter(settings().concurrentRetryAfter()));
        }
        Upload upload = new Upload(organisation, settings().recordsPerDay() - usage.records(organisation, usage.today()));
        if (upload.allowance <= 0) {
            upload.close();
            throw dailyExceeded(organisation);
        }
        return upload;
    }

    /** One upload in progress of one organisation. */
    public final class Upload implements AutoCloseable {

        private final String organisation;
        private final long allowance;
        private boolean closed;

        private Upload(String organisation, long allowance) {
            this.organisation = organisation;
            this.allowance = allowance;
        }

        /**
         * The upload has reached {@code records} records: refused once they pass {@code records-per-job} (413 VL-1121:
         * no wait helps, the job must be split) or what is left of today's {@code records-per-day} (429 VL-1122).
         */
        public void count(long records) {
            long perJob = Math.min(settings().recordsPerJob(), settings().recordsPerDay());
            if (records > perJob) {
                throw refused(organisation, Quota.RECORDS_PER_JOB, new ApiException(ErrorCode.RECORDS_PER_JOB_EXCEEDED,
                        "The job has more than " + perJob + " records (vitalink.quotas."
                                + (perJob == settings().recordsPerJob() ? "records-per-job" : "records-per-day")
                                + "): split it into smaller jobs"));
            }
            if (records > allowance) {
                throw dailyExceeded(organisation);
            }
        }

        /** Counts the job's {@code records} on today's total, or refuses it (429 VL-1122) when they no longer fit. */
        public void reserve(String jobId, long records) {
            if (!usage.reserve(jobId, organisation, records, settings().recordsPerDay())) {
                throw dailyExceeded(organisation);
            }
        }

        /** The job reserved could not be published: its records do not count. */
        public void release(String jobId) {
            usage.release(jobId);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                usage.endUpload(organisation);
            }
        }
    }

    private ApiException dailyExceeded(String organisation) {
        return refused(organisation, Quota.RECORDS_PER_DAY, new ApiException(ErrorCode.DAILY_RECORDS_EXCEEDED,
                "The organisation's jobs of today would pass " + settings().recordsPerDay()
                        + " records (vitalink.quotas.records-per-day); the count starts again at 00:00 UTC")
                .retryAfter(untilMidnightUtc()));
    }

    private ApiException refused(String organisation, Quota quota, ApiException refusal) {
        metrics.quotaRefused(quota.tag());
        log.info("Upload of organisation {} refused: quota {} reached", organisation, quota.tag());
        return refusal;
    }

    /** Until the next 00:00 UTC, when the daily count starts again. */
    Duration untilMidnightUtc() {
        var now = clock.instant();
        var midnight = usage.today().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return Duration.between(now, midnight);
    }
}
