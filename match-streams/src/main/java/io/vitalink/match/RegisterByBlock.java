package io.vitalink.match;

import io.vitalink.avro.JobProgress;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.WatchedRecord;
import io.vitalink.serde.RecordCodec;
import java.time.Clock;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;

/**
 * Registers a watched job's record decided by its block's search under that block (the key here):
 * {@link RematchBlock} searches again whenever a death of the block is added, corrected or withdrawn.
 */
final class RegisterByBlock implements FixedKeyProcessor<String, Decided, Decided> {

    private final Clock clock;
    private final RecordCodec<MatchResult> results;
    private FixedKeyProcessorContext<String, Decided> context;
    private WatchRegistry watched;

    RegisterByBlock(Clock clock, RecordCodec<MatchResult> results) {
        this.clock = clock;
        this.results = results;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Decided> context) {
        this.context = context;
        KeyValueStore<String, WatchedRecord> store = context.getStateStore(MatchTopology.WATCHED_BY_BLOCK_STORE);
        TimestampedKeyValueStore<String, JobProgress> jobs = context.getStateStore(MatchTopology.JOB_STATES_STORE);
        this.watched = new WatchRegistry(store, results, new WatchedJobs(jobs), clock);
    }

    @Override
    public void process(FixedKeyRecord<String, Decided> record) {
        watched.registerIfWatched(record.key(), record.value().result(), record.value().raw());
        context.forward(record);
    }
}
