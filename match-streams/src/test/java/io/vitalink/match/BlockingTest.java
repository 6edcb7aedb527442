package io.vitalink.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.crypto.FieldCipher;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class BlockingTest {

    private static final String ID = "11010519491231002X";
    private final Serde<String> serde = Blocking.indexKeySerde(FieldCipher.ephemeral());

    @Test
    void sealsTheIdOfAnIndexKeyAndKeepsTheBlockAsItsPrefix() {
        String key = Blocking.indexKey("19491231|M", ID);

        byte[] bytes = serde.serializer().serialize("t", key);

        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).startsWith(Blocking.prefix("19491231|M")).doesNotContain(ID);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(key);
    }

    @Test
    void sealsEqualIdsEquallySoThatAnEntryCanBeReplaced() {
        String key = Blocking.indexKey("19491231|M", ID);

        assertThat(serde.serializer().serialize("t", key)).isEqualTo(serde.serializer().serialize("t", key));
    }

    @Test
    void leavesABarePrefixUnchanged() {
        String prefix = Blocking.prefix("19491231|M");

        assertThat(new String(serde.serializer().serialize("t", prefix), StandardCharsets.UTF_8)).isEqualTo(prefix);
    }

    @Test
    void takesTheBlockOfAnIndexKey() {
        assertThat(Blocking.blockOf(Blocking.indexKey("19491231|F", "PASSPORT:E1234567"))).isEqualTo("19491231|F");
    }
}
