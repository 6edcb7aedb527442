package io.vitalink.match;

import io.vitalink.avro.DeathRecord;
import io.vitalink.crypto.RecordProtection;
import io.vitalink.crypto.UnopenableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens deaths that the table and the block index keep sealed. A death that this deployment's keys cannot open
 * (written with other keysets) is treated as absent, as a death record that cannot be decoded always was,
 * rather than stopping the stream thread on every retry.
 */
final class SealedDeaths {

    private static final Logger log = LoggerFactory.getLogger(SealedDeaths.class);

    private SealedDeaths() {
    }

    /** The opened death, or null when there is none or it cannot be opened. */
    static DeathRecord openOrAbsent(RecordProtection protection, DeathRecord sealed) {
        try {
            return protection.open(sealed);
        } catch (UnopenableException e) {
            warn(e);
            return null;
        }
    }

    static void warn(UnopenableException e) {
        // never the key or a value: both are personal data, sealed or not
        log.warn("A death record cannot be opened with this deployment's keysets and is treated as absent: {}", e.getMessage());
    }
}
