package io.vitalink.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysetsTest {

    @TempDir
    Path dir;

    @Test
    void readsKeysetsWrittenToFiles() throws IOException {
        Map<String, String> settings = Keysets.writeNew(dir);
        FieldCipher writer = Keysets.cipherFrom(settings::get);
        FieldCipher reader = Keysets.cipherFrom(settings::get);

        assertThat(reader.openId(writer.sealId("110105194912310029"))).isEqualTo("110105194912310029");
        assertThat(reader.open(writer.seal("李四", "name"), "name")).isEqualTo("李四");
    }

    @Test
    void writesKeysetFilesReadableByTheOwnerOnly() throws IOException {
        Map<String, String> settings = Keysets.writeNew(dir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(settings.get(Keysets.ID_KEYSET_FILE)))))
                .isEqualTo("rw-------");
    }

    @Test
    void readsInlineKeysets() {
        Map<String, String> settings = Map.of(
                Keysets.ID_KEYSET, Keysets.toJson(Keysets.newIdKeyset()),
                Keysets.FIELD_KEYSET, Keysets.toJson(Keysets.newFieldKeyset()));

        FieldCipher cipher = Keysets.cipherFrom(settings::get);

        assertThat(cipher.open(cipher.seal("x", "name"), "name")).isEqualTo("x");
    }

    @Test
    void refusesToStartWithoutKeysets() {
        assertThatThrownBy(() -> Keysets.cipherFrom(name -> null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Keysets.ID_KEYSET_FILE);
    }

    @Test
    void refusesAFieldKeysetInPlaceOfAnIdKeyset() {
        Map<String, String> settings = Map.of(
                Keysets.ID_KEYSET, Keysets.toJson(Keysets.newFieldKeyset()),
                Keysets.FIELD_KEYSET, Keysets.toJson(Keysets.newFieldKeyset()));

        assertThatThrownBy(() -> Keysets.cipherFrom(settings::get)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AES-SIV");
    }

    @Test
    void refusesTextThatIsNotAKeyset() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.json"), "{\"not\": \"a keyset\"}");
        Map<String, String> settings = new HashMap<>(Keysets.writeNew(dir.resolve("ok")));
        settings.put(Keysets.ID_KEYSET_FILE, file.toString());

        assertThatThrownBy(() -> Keysets.cipherFrom(settings::get)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a Tink JSON keyset");
    }

    @Test
    void rotatedFieldKeysetSealsWithTheNewKeyAndStillOpensOldData() throws IOException {
        Map<String, String> settings = Keysets.writeNew(dir);
        String before = Keysets.cipherFrom(settings::get).seal("王五", "name");

        Keysets.rotateFieldKeyset(Path.of(settings.get(Keysets.FIELD_KEYSET_FILE)));
        FieldCipher rotated = Keysets.cipherFrom(settings::get);
        String after = rotated.seal("王五", "name");

        assertThat(rotated.open(before, "name")).isEqualTo("王五");
        assertThat(rotated.open(after, "name")).isEqualTo("王五");
        // Tink prefixes ciphertexts with the id of the key that sealed them
        assertThat(after.substring(0, 6)).isNotEqualTo(before.substring(0, 6));
    }
}
