package io.vitalink.match;

import io.vitalink.avro.JobProgress;
import io.vitalink.job.JobRetention;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Passes the job-progress changes of the aggregate on, and on a wall-clock schedule deletes jobs older than the
 * retention from the aggregate's {@link MatchTopology#JOB_PROGRESS_STORE} and forwards a tombstone for each, which
 * removes the job from the compacted job-progress topic and, downstream, from the API's read model. The aggregate
 * itself never yields a null total: a null reaching {@link #process} is the store's cache echoing a purge already
 * forwarded, and is dropped.
 */
final class PurgeExpiredJobs implements Processor<String, JobProgress, String, JobProgress> {

    private final JobRetention retention;
    private ProcessorContext<String, JobProgress> context;
    private TimestampedKeyValueStore<String, JobProgress> store;

    PurgeExpiredJobs(JobRetention retention) {
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<String, JobProgress> context) {
        this.context = context;
        this.store = context.getStateStore(MatchTopology.JOB_PROGRESS_STORE);
        context.schedule(retention.checkEvery(), PunctuationType.WALL_CLOCK_TIME, this::purgeExpired);
    }

    @Override
    public void process(Record<String, JobProgress> change) {
        if (change.value() != null) {
            context.forward(change);
        }
    }

    private void purgeExpired(long wallClockMillis) {
        Instant now = Instant.ofEpochMilli(wallClockMillis);
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<JobProgress>> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, ValueAndTimestamp<JobProgress>> job = all.next();
                if (retention.expired(job.value.value(), now)) {
                    expired.add(job.key);
                }
            }
        }
        for (String jobId : expired) {
            store.delete(jobId);
            context.forward(new Record<String, JobProgress>(jobId, null, wallClockMillis));
        }
    }
}
