package io.vitalink.match;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Registers a watched job's record, once decided, under the key it has here: its sealed ID beside the registry
 * ({@link MatchTopology#WATCHED_BY_ID_STORE}), or its block beside the block index
 * ({@link MatchTopology#WATCHED_BY_BLOCK_STORE}). By ID, a record its block's search will decide is registered too,
 * pointing to its block: {@link RematchById} decides a record its ID decided again when the death record of that ID
 * changes, and forwards the change to the block of the others. Decisions pass on unchanged.
 */
final class RegisterWatched implements FixedKeyProcessor<String, Decided, Decided> {

    private final Rematching rematching;
    private final String storeName;
    private FixedKeyProcessorContext<String, Decided> context;
    private WatchRegistry watched;

    RegisterWatched(Rematching rematching, String storeName) {
        this.rematching = rematching;
        this.storeName = storeName;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Decided> context) {
        this.context = context;
        this.watched = rematching.registry(context, storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, Decided> record) {
        Decided decided = record.value();
        String block = MatchTopology.WATCHED_BY_ID_STORE.equals(storeName) ? decided.block() : null;
        watched.registerIfWatched(record.key(), decided.result(), decided.raw(), block);
        context.forward(record);
    }
}
