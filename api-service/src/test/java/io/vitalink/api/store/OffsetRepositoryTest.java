package io.vitalink.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Where the consumer resumes: the key layout of stores already on disk stays. */
class OffsetRepositoryTest {

    @Test
    void keysKeepTheLayoutOfStoresAlreadyOnDisk() {
        // "audit" 0x00, then partition 2
        assertThat(HexFormat.of().formatHex(OffsetRepository.key("audit", 2))).isEqualTo("617564697400" + "00000002");
    }
}
