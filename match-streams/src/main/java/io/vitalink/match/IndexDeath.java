package io.vitalink.match;

import io.vitalink.avro.DeathRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns changes of the death-records table into changes of the block index: remembers each ID's
 * block so that a corrected birth date or sex, or a withdrawal, removes the entry from its old block.
 * Deaths come and go on sealed (only birth date and sex, which make the block, are clear) and stay sealed in
 * the index until {@link FindProbable} opens what it needs.
 */
final class IndexDeath implements Processor<String, DeathRecord, String, DeathRecord> {

    private ProcessorContext<String, DeathRecord> context;
    private KeyValueStore<String, String> blockById;

    @Override
    public void init(ProcessorContext<String, DeathRecord> context) {
        this.context = context;
        this.blockById = context.getStateStore(MatchTopology.DEATH_BLOCKS_BY_ID_STORE);
    }

    @Override
    public void process(Record<String, DeathRecord> change) {
        String id = change.key();
        String oldBlock = blockById.get(id);
        String newBlock = change.value() == null ? null : Blocking.ofDeath(id, change.value());
        if (oldBlock != null && !oldBlock.equals(newBlock)) {
            context.forward(change.withKey(Blocking.indexKey(oldBlock, id)).withValue(null));
        }
        if (newBlock == null) {
            blockById.delete(id);
            return;
        }
        blockById.put(id, newBlock);
        context.forward(change.withKey(Blocking.indexKey(newBlock, id)));
    }
}
