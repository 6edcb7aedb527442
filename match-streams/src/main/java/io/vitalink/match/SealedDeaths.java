package io.vitalink.match;

import io.vitalink.avro.DeathRecord;
import io.vitalink.crypto.RecordProtection;
import io.vitalink.crypto.UnopenableException;
import io.vitalink.serde.Codecs;
import io.vitalink.serde.RecordProjection;
import io.vitalink.serde.UndecodableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and opens deaths that the table and the block index keep as the bytes of death-records. A death that
 * cannot be decoded, or that this deployment's keys cannot open (written with other keysets), is treated as absent
 * rather than stopping the stream thread on every retry.
 */
final class SealedDeaths {

    private static final Logger log = LoggerFactory.getLogger(SealedDeaths.class);

    private SealedDeaths() {
    }

    /** The whole death opened, or null when there is none or it cannot be read or opened. */
    static DeathRecord openOrAbsent(RecordProtection protection, byte[] sealed) {
        DeathRecord death = decodeOrAbsent(Codecs.DEATH_RECORD::decode, sealed);
        if (death == null) {
            return null;
        }
        try {
            return protection.open(death);
        } catch (UnopenableException e) {
            warn(e);
            return null;
        }
    }

    /** The death as {@code reader} reads it, still sealed, or null when there is none or its bytes are not a death. */
    static DeathRecord decodeOrAbsent(RecordProjection<DeathRecord> reader, byte[] sealed) {
        if (sealed == null) {
            return null;
        }
        try {
            return reader.decode(sealed);
        } catch (UndecodableException e) {
            // the message names the schema problem only, never a value
            log.warn("A death record cannot be decoded and is treated as absent: {}", e.getMessage());
            return null;
        }
    }

    static void warn(UnopenableException e) {
        // never the key or a value: both are personal data, sealed or not
        log.warn("A death record cannot be opened with this deployment's keysets and is treated as absent: {}", e.getMessage());
    }
}
