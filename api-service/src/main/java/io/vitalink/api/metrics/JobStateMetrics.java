package io.vitalink.api.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micronaut.context.annotation.Context;
import io.vitalink.api.joblog.JobLifecycle;
import io.vitalink.api.store.JobStore;
import io.vitalink.api.store.ProgressListener;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.job.JobStates;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Jobs per state in the read model ({@link ApiMetricNames#JOBS}), and the duration of every job the read model
 * sees end ({@link ApiMetricNames#JOB_DURATION}). The counts are read once with a full scan when the service starts,
 * before the read model consumer (which waits for every {@link ProgressListener}), then kept by every
 * change of a job's progress: a scrape costs five reads of a number, whatever the number of jobs kept.
 */
@Context
public class JobStateMetrics implements ProgressListener {

    private final Map<JobState, AtomicLong> counts = new EnumMap<>(JobState.class);
    private final ApiMetrics metrics;

    public JobStateMetrics(JobStore store, ApiMetrics metrics) {
        this.metrics = metrics;
        for (JobState state : JobState.values()) {
            AtomicLong count = new AtomicLong();
            counts.put(state, count);
            Gauge.builder(ApiMetricNames.JOBS, count, AtomicLong::get).tag("state", state.name())
                    .description("Jobs in this instance's read model, by state").register(metrics.registry());
        }
        store.notifications().addProgressListener(this);
        store.progress().forEach(p -> {
            counts.get(p.getState()).incrementAndGet();
            return true;
        });
    }

    @Override
    public void changed(JobProgress before, JobProgress after) {
        if (before != null) {
            counts.get(before.getState()).decrementAndGet();
        }
        if (after != null) {
            counts.get(after.getState()).incrementAndGet();
        }
        for (JobLifecycle.Event event : JobLifecycle.events(before, after)) {
            if (JobStates.isFinal(event.reached())) {
                Duration duration = durationSinceSubmission(after);
                if (duration != null) {
                    metrics.jobEnded(event.reached(), duration);
                }
            }
        }
    }

    /** Jobs in {@code state} now. */
    public long count(JobState state) {
        return counts.get(state).get();
    }

    /** From submission (or, without it, the start) to the end; null when either is unknown. */
    static Duration durationSinceSubmission(JobProgress p) {
        Instant start = p.getCreatedAt() != null ? p.getCreatedAt() : p.getStartedAt();
        Instant end = p.getCompletedAt() != null ? p.getCompletedAt() : p.getEndedAt();
        if (start == null || end == null) {
            return null;
        }
        return end.isBefore(start) ? Duration.ZERO : Duration.between(start, end);
    }
}
