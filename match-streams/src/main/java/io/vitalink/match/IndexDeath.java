package io.vitalink.match;

import io.vitalink.avro.DeathRecord;
import io.vitalink.crypto.FieldCipher;
import io.vitalink.crypto.UnopenableException;
import io.vitalink.match.rules.Blocking;
import io.vitalink.serde.Codecs;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns changes of the death-records table into changes of the block index: remembers each ID's
 * block so that a corrected birth date or sex, or a withdrawal, removes the entry from its old block.
 * Deaths come and go as the bytes of death-records, keyed by their sealed ID: only the leading fields are decoded
 * (birth date and sex, which make the block, are clear), and the ID is opened only for a death that lacks one of
 * them, to read them from a resident ID. A death that cannot be decoded leaves the index.
 */
final class IndexDeath implements Processor<String, byte[], String, byte[]> {

    private final FieldCipher cipher;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, String> blockById;

    IndexDeath(FieldCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.blockById = context.getStateStore(MatchTopology.DEATH_BLOCKS_BY_ID_STORE);
    }

    @Override
    public void process(Record<String, byte[]> change) {
        String sealedId = change.key();
        String oldBlock = blockById.get(sealedId);
        DeathRecord death = SealedDeaths.decodeOrAbsent(Codecs.DEATH_FOR_BLOCKING, change.value());
        String newBlock = death == null ? null : blockOf(sealedId, death);
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
