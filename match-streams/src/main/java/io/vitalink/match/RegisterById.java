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
 * Registers every watched job's record with a valid ID under its sealed ID, the key of the request here and of its
 * death record: {@link RematchById} decides a record its ID decided for good (linked, or with nothing to search by
 * name) again when that death record is added, corrected or withdrawn, and forwards the change to the block of a
 * record its block's search decides. Requests pass on unchanged.
 */
final class RegisterById implements FixedKeyProcessor<String, Decided, Decided> {

    private final Clock clock;
    private final RecordCodec<MatchResult> results;
    private FixedKeyProcessorContext<String, Decided> context;
    private WatchRegistry watched;

    RegisterById(Clock clock, RecordCodec<MatchResult> results) {
        this.clock = clock;
        this.results = results;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Decided> context) {
        this.context = context;
        KeyValueStore<String, WatchedRecord> store = context.getStateStore(MatchTopology.WATCHED_BY_ID_STORE);
        TimestampedKeyValueStore<String, JobProgress> jobs = context.getStateStore(MatchTopology.JOB_STATES_STORE);
        this.watched = new WatchRegistry(store, results, new WatchedJobs(jobs), clock);
    }

    @Override
    public void process(FixedKeyRecord<String, Decided> record) {
        Decided decided = record.value();
        // a record its block's search decides is kept there; here only to hear of the death record of its ID
        watched.registerIfWatched(record.key(), decided.result(), decided.raw(), decided.block());
        context.forward(record);
    }
}
