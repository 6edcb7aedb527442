package io.vitalink.job;

import io.vitalink.avro.JobProgress;
import io.vitalink.config.Setting;
import io.vitalink.settings.LiveSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Passes the job-progress changes of the aggregate on, and on a wall-clock schedule looks at every job in the
 * aggregate's store of job progress:
 * <ul>
 * <li>a job that is not final and has not changed for the stall timeout is FAILED with {@value #STALLED}: its
 * producer never closed it, or requests went missing, and nobody should wait for it forever;</li>
 * <li>a job older than the retention is deleted, and a tombstone removes it from the compacted job-progress topic
 * and, downstream, from the API's read model.</li>
 * </ul>
 * Both write the aggregate's cached store, whose flush later echoes the write to {@link #process}: a null echo of
 * a purge, or the very value a stall forwarded, is dropped so that each change goes out once.
 */
public final class ExpireJobs implements Processor<String, JobProgress, String, JobProgress> {

    public static final String STALLED = "VL-4005";

    private final JobRetention retention;
    private final String storeName;
    private final Map<String, JobProgress> stallEchoes = new HashMap<>();
    private ProcessorContext<String, JobProgress> context;
    private TimestampedKeyValueStore<String, JobProgress> store;
    private LiveSettings settings;

    /** @param storeName the aggregate's store of job progress, keyed by jobId */
    public ExpireJobs(JobRetention retention, String storeName) {
        this.retention = retention;
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, JobProgress> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.settings = LiveSettings.of(context);
        context.schedule(retention.checkEvery(), PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, JobProgress> change) {
        JobProgress echo = stallEchoes.remove(change.key());
        if (change.value() != null && !change.value().equals(echo)) {
            context.forward(change);
        }
    }

    private void expire(long wallClockMillis) {
        Instant now = Instant.ofEpochMilli(wallClockMillis);
        // the retention configured at run time, if any (docs/OPERATIONS.md#system-configuration)
        JobRetention retention = settings.value(Setting.JOB_RETENTION).map(Setting::durationOf)
                .map(this.retention::keeping).orElse(this.retention);
        List<String> expired = new ArrayList<>();
        List<JobProgress> stalled = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<JobProgress>> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, ValueAndTimestamp<JobProgress>> job = all.next();
                if (retention.expired(job.value.value(), now)) {
                    expired.add(job.key);
                } else if (retention.stalled(job.value.value(), now)) {
                    stalled.add(job.value.value());
                }
            }
        }
        for (JobProgress job : stalled) {
            JobProgress failed = JobProgressMath.failed(job, STALLED,
                    "Nothing arrived for " + retention.stallAfter().toString().substring(2).toLowerCase(java.util.Locale.ROOT)
                            + " before the job was complete", now);
            store.put(job.getJobId(), ValueAndTimestamp.make(failed, wallClockMillis));
            stallEchoes.put(job.getJobId(), failed);
            context.forward(new Record<>(job.getJobId(), failed, wallClockMillis));
        }
        for (String jobId : expired) {
            store.delete(jobId);
            stallEchoes.remove(jobId);
            context.forward(new Record<String, JobProgress>(jobId, null, wallClockMillis));
        }
    }
}
