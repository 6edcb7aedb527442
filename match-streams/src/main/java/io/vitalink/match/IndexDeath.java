package io.vitalink.match;

import io.vitalink.avro.DeathRecord;
import io.vitalink.crypto.FieldCipher;
import io.vitalink.crypto.UnopenableException;
import io.vitalink.match.rules.Blocking;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns changes of the death-records table into changes of the block index: remembers each ID's
 * block so that a corrected birth date or sex, or a withdrawal, removes the entry from its old block.
 * Deaths come and go sealed, keyed by their sealed ID (only birth date and sex, which make the block, are clear);
 * the ID is opened only for a death that lacks one of them, to read them from a resident ID.
 */
final class IndexDeath implements Processor<String, DeathRecord, String, DeathRecord> {

    private final FieldCipher cipher;
    private ProcessorContext<String, DeathRecord> context;
    private KeyValueStore<String, String> blockById;

    IndexDeath(FieldCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public void init(ProcessorContext<String, DeathRecord> context) {
        this.context = context;
        this.blockById = context.getStateStore(MatchTopology.DEATH_BLOCKS_BY_ID_STORE);
    }

    @Override
    public void process(Record<String, DeathRecord> change) {
        String sealedId = change.key();
        String oldBlock = blockById.get(sealedId);
        String newBlock = change.value() == null ? null : blockOf(sealedId, change.value());
        if (oldBlock != null && !oldBlock.equals(newBlock)) {
            context.forward(change.withKey(Blocking.indexKey(oldBlock, sealedId)).withValue(null));
        }
        if (newBlock == null) {
            blockById.delete(sealedId);
            return;
        }
        blockById.put(sealedId, newBlock);
        context.forward(change.withKey(Blocking.indexKey(newBlock, sealedId)));
    }

    private String blockOf(String sealedId, DeathRecord death) {
        if (!Blocking.needsId(death)) {
            return Blocking.ofDeath(null, death);
        }
        try {
            return Blocking.ofDeath(cipher.openId(sealedId), death);
        } catch (UnopenableException e) {
            SealedDeaths.warn(e);
            return null;
        }
    }
}
