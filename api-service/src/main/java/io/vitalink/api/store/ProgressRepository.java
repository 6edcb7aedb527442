package io.vitalink.api.store;

import static io.vitalink.api.store.StoreKeys.utf8;

import io.vitalink.avro.JobProgress;
import io.vitalink.job.JobStates;
import io.vitalink.serde.Codecs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The progress of every job, column family {@code progress}: jobId (UTF-8) → JobProgress bytes. Written from the
 * job-progress topic, where a tombstone purges the job, and by this instance for what only it knows (a placeholder
 * before the first record, a job it could not publish). Every write is told to the {@link Notifications}.
 */
public final class ProgressRepository {

    static final String FAMILY = "progress";

    private final StoreCore core;
    private final ColumnFamilyHandle family;
    private final Notifications notifications;

    ProgressRepository(StoreCore core, Notifications notifications) {
        this.core = core;
        this.family = core.family(FAMILY);
        this.notifications = notifications;
    }

    public Optional<JobProgress> get(String jobId) {
        return Optional.ofNullable(decoded(core.read(() -> core.get(family, utf8(jobId)))));
    }

    /** Writes {@code placeholder} unless the job already has a progress; true when written. */
    public boolean putIfAbsent(JobProgress placeholder) {
        byte[] key = utf8(placeholder.getJobId());
        byte[] value = Codecs.JOB_PROGRESS.encode(placeholder);
        return core.read(() -> {
            synchronized (core.writeMonitor()) {
                if (core.get(family, key) != null) {
                    return false;
                }
                put(key, value);
            }
            notifications.progressChanged(null, placeholder);
            return true;
        });
    }

    /**
     * Writes {@code progress} unless the job's stored progress is final already; true when written. For what only
     * this instance knows, such as a job it could not publish.
     */
    public boolean putUnlessFinal(JobProgress progress) {
        byte[] key = utf8(progress.getJobId());
        byte[] value = Codecs.JOB_PROGRESS.encode(progress);
        return core.read(() -> {
            JobProgress before;
            synchronized (core.writeMonitor()) {
                before = decoded(core.get(family, key));
                if (before != null && JobStates.isFinal(before.getState())) {
                    return false;
                }
                put(key, value);
            }
            notifications.progressChanged(before, progress);
            return true;
        });
    }

    /**
     * Every stored progress, in job id order (a full scan of the progress column family: its cost grows with the
     * number of jobs kept). Stops early when {@code action} returns false.
     */
    public void forEach(Predicate<JobProgress> action) {
        core.read(() -> {
            core.scan(family, (key, value) -> action.test(Codecs.JOB_PROGRESS.decode(value)));
            return null;
        });
    }

    /**
     * Adds the batch's progress records to {@code write}, a tombstone as a delete; returns the jobs it purges, a job
     * listed once per tombstone not followed by a new progress in the same batch.
     */
    List<String> addTo(IngestBatch batch, WriteBatch write) throws RocksDBException {
        List<String> purged = new ArrayList<>();
        for (IngestBatch.Progress p : batch.progress()) {
            if (p.value() == null) {
                write.delete(family, utf8(p.jobId()));
                purged.add(p.jobId());
            } else {
                purged.remove(p.jobId());
                write.put(family, utf8(p.jobId()), p.value());
            }
        }
        return purged;
    }

    /**
     * Every progress change of {@code batch}, in order, before as stored or as the batch left it. Call under the
     * {@link StoreCore#writeMonitor()} that also writes the batch, so that "before" is exact.
     */
    List<Notifications.Change> changes(IngestBatch batch) {
        List<Notifications.Change> changes = new ArrayList<>();
        Map<String, JobProgress> latest = new HashMap<>();
        for (IngestBatch.Progress p : batch.progress()) {
            JobProgress before = latest.containsKey(p.jobId()) ? latest.get(p.jobId())
                    : decoded(core.get(family, utf8(p.jobId())));
            JobProgress after = decoded(p.value());
            latest.put(p.jobId(), after);
            changes.add(new Notifications.Change(before, after));
        }
        return changes;
    }

    private void put(byte[] key, byte[] value) {
        try {
            core.put(family, key, value);
        } catch (RocksDBException e) {
            throw new StoreException("cannot write progress", e);
        }
    }

    private static JobProgress decoded(byte[] value) {
        return value == null ? null : Codecs.JOB_PROGRESS.decode(value);
    }
}
