package io.vitalink.match;

import io.vitalink.avro.JobProgress;
import io.vitalink.job.JobProgressMath;
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
 * Adds each delta to its job's progress in {@link MatchTopology#JOB_PROGRESS_STORE} and forwards the new total.
 * On a wall-clock schedule it deletes jobs older than the retention and forwards a tombstone for each, which
 * removes the job from the compacted job-progress topic and, downstream, from the API's read model.
 */
final class SumProgress implements Processor<String, JobProgress, String, JobProgress> {

    private final JobRetention retention;
    private ProcessorContext<String, JobProgress> context;
    private TimestampedKeyValueStore<String, JobProgress> store;

    SumProgress(JobRetention retention) {
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<String, JobProgress> context) {
        this.context = context;
        this.store = context.getStateStore(MatchTopology.JOB_PROGRESS_STORE);
        context.schedule(retention.checkEvery(), PunctuationType.WALL_CLOCK_TIME, this::purgeExpired);
    }

    @Override
    public void process(Record<String, JobProgress> delta) {
        String jobId = delta.key();
        ValueAndTimestamp<JobProgress> total = store.get(jobId);
        JobProgress merged = JobProgressMath.merge(total == null ? JobProgressMath.empty(jobId) : total.value(), delta.value());
        store.put(jobId, ValueAndTimestamp.make(merged, delta.timestamp()));
        context.forward(delta.withValue(merged));
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
