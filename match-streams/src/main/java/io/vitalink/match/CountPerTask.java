package io.vitalink.match;

import io.vitalink.avro.JobProgress;
import io.vitalink.job.Tally;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sums what this task decided, dead-lettered and skipped per job, and sends each job's sum on as one delta every
 * {@code every} of wall-clock time: one record per job and task instead of one per request. The running sums live
 * in {@link MatchTopology#JOB_TALLIES_STORE} (a cached, changelogged store, written through from a map so that no
 * request reads it), so a sum not yet sent survives a crash exactly like the offsets of the requests it counts.
 *
 */
final class CountPerTask implements Processor<String, CountPerTask.Count, String, JobProgress> {

    /** One thing to count: its job, and how it changes the job's tally. */
    record Count(String jobId, UnaryOperator<Tally> change) {
    }

    private final Duration every;
    private final Map<String, Tally> tallies = new HashMap<>();
    private ProcessorContext<String, JobProgress> context;
    private KeyValueStore<String, Tally> store;

    CountPerTask(Duration every) {
        this.every = every;
    }

    @Override
    public void init(ProcessorContext<String, JobProgress> context) {
        this.context = context;
        this.store = context.getStateStore(MatchTopology.JOB_TALLIES_STORE);
        try (KeyValueIterator<String, Tally> restored = store.all()) {
            restored.forEachRemaining(entry -> tallies.put(entry.key, entry.value));
        }
        context.schedule(every, PunctuationType.WALL_CLOCK_TIME, this::report);
    }

    @Override
    public void process(Record<String, Count> record) {
        Count count = record.value();
        Tally tally = count.change().apply(tallies.getOrDefault(count.jobId(), Tally.NONE));
        tallies.put(count.jobId(), tally);
        store.put(count.jobId(), tally);
    }

    private void report(long wallClockMillis) {
        for (Map.Entry<String, Tally> job : tallies.entrySet()) {
            context.forward(new Record<>(job.getKey(), job.getValue().toDelta(job.getKey()), wallClockMillis));
            store.delete(job.getKey());
        }
        tallies.clear();
    }
}
