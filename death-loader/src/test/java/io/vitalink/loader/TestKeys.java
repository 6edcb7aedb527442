package io.vitalink.loader;

import com.google.crypto.tink.KeysetHandle;
import io.vitalink.crypto.FieldCipher;
import io.vitalink.crypto.Keysets;
import io.vitalink.topic.TopicSerdes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;

/** One set of throw-away keys for the loader's tests. */
final class TestKeys {

    static final KeysetHandle ID_KEYS = Keysets.newIdKeyset();
    static final KeysetHandle FIELD_KEYS = Keysets.newFieldKeyset();
    static final FieldCipher CIPHER = FieldCipher.of(ID_KEYS, FIELD_KEYS);
    static final TopicSerdes SERDES = new TopicSerdes(CIPHER);

    private TestKeys() {
    }

    /** IDs in the order the loader publishes them: by sealed ID, the order of the topic's keys. */
    static String[] inKeyOrder(String... ids) {
        return Arrays.stream(ids).sorted(Comparator.comparing(CIPHER::sealId)).toArray(String[]::new);
    }

    /** Writes the keysets into {@code dir}; returns the command-line options naming them. */
    static String[] options(Path dir) {
        try {
            Path id = Files.writeString(dir.resolve("id-keyset.json"), Keysets.toJson(ID_KEYS));
            Path field = Files.writeString(dir.resolve("field-keyset.json"), Keysets.toJson(FIELD_KEYS));
            return new String[] {"--id-keyset", id.toString(), "--field-keyset", field.toString()};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
