package io.vitalink.match;

import io.vitalink.match.rules.Blocking;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the block index: one entry per death, keyed block|ID, the bytes of death-records as they came, removed by a
 * null; forgets the block's opened copy, and passes the change on once applied, with the death as it was before
 * (for the block's watched records).
 */
final class StoreBlockEntry implements Processor<String, byte[], String, BlockChange> {

    private KeyValueStore<String, byte[]> index;
    private OpenedBlocks opened;
    private ProcessorContext<String, BlockChange> context;

    @Override
    public void init(ProcessorContext<String, BlockChange> context) {
        this.context = context;
        this.index = context.getStateStore(MatchTopology.DEATH_BLOCK_INDEX_STORE);
        this.opened = context.getStateStore(MatchTopology.OPENED_BLOCKS_STORE);
    }

    @Override
    public void process(Record<String, byte[]> entry) {
        opened.drop(Blocking.blockOf(entry.key()));
        byte[] before = index.get(entry.key());
        if (entry.value() == null) {
            index.delete(entry.key());
        } else {
            index.put(entry.key(), entry.value());
        }
        context.forward(entry.withValue(new BlockChange(before, entry.value())));
    }
}
