package io.vitalink.match;

import io.vitalink.avro.JobProgress;
import io.vitalink.watch.Watches;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Jobs' watches as this instance's copy of job-states has them. Whether a known job is watched, and until when,
 * is fixed by its OPENED, so registration remembers it per job and reads the store once per job, not per request;
 * a re-match reads the store every time, since a cancellation ends a watch.
 */
final class WatchedJobs {

    private static final int REMEMBERED = 10_000;
    private static final LocalDate NOT_WATCHED = LocalDate.MIN;

    private final TimestampedKeyValueStore<String, JobProgress> jobs;
    private final Map<String, LocalDate> until = new HashMap<>();

    WatchedJobs(TimestampedKeyValueStore<String, JobProgress> jobs) {
        this.jobs = jobs;
    }

    JobProgress job(String jobId) {
        return ValueAndTimestamp.getValueOrNull(jobs.get(jobId));
    }

    /** {@link Watches#registers}, remembered for jobs this instance knows. */
    boolean registers(String jobId, LocalDate today) {
        LocalDate last = until.get(jobId);
        if (last == null) {
            JobProgress job = job(jobId);
            if (job == null) {
                return Watches.registers(null, today);
            }
            if (until.size() >= REMEMBERED) {
                until.clear();
            }
            LocalDate watched = Watches.watchedUntil(job);
            last = watched == null ? NOT_WATCHED : watched;
            until.put(jobId, last);
        }
        return !today.isAfter(last);
    }
}
