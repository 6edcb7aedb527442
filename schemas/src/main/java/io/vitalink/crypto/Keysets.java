package io.vitalink.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.daead.PredefinedDeterministicAeadParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.function.Function;

/**
 * Where keysets come from: Tink JSON keysets, each given as a file ({@code VITALINK_ID_KEYSET_FILE},
 * {@code VITALINK_FIELD_KEYSET_FILE}) or inline ({@code VITALINK_ID_KEYSET}, {@code VITALINK_FIELD_KEYSET}),
 * e.g. from a Kubernetes secret. A service without both keysets refuses to start.
 */
public final class Keysets {

    public static final String ID_KEYSET_FILE = "VITALINK_ID_KEYSET_FILE";
    public static final String ID_KEYSET = "VITALINK_ID_KEYSET";
    public static final String FIELD_KEYSET_FILE = "VITALINK_FIELD_KEYSET_FILE";
    public static final String FIELD_KEYSET = "VITALINK_FIELD_KEYSET";

    static {
        TinkRegistry.ensure();
    }

    private Keysets() {
    }

    /** Reads both keysets through {@code settings} (e.g. {@code System::getenv}). */
    public static FieldCipher cipherFrom(Function<String, String> settings) {
        return FieldCipher.of(load(settings, ID_KEYSET_FILE, ID_KEYSET), load(settings, FIELD_KEYSET_FILE, FIELD_KEYSET));
    }

    /** The four settings pointing at keysets written by {@link #writeNew(Path)} into {@code dir}. */
    public static Map<String, String> settingsFor(Path dir) {
        return Map.of(ID_KEYSET_FILE, dir.resolve("id-keyset.json").toString(),
                FIELD_KEYSET_FILE, dir.resolve("field-keyset.json").toString());
    }

    /** Writes a new ID keyset and a new field keyset into {@code dir}, readable by the owner only. */
    public static Map<String, String> writeNew(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> settings = settingsFor(dir);
        write(Path.of(settings.get(ID_KEYSET_FILE)), newIdKeyset());
        write(Path.of(settings.get(FIELD_KEYSET_FILE)), newFieldKeyset());
        return settings;
    }

    /** Adds a new AES-GCM key as primary: new data is sealed with it, older data still opens with the old keys. */
    public static void rotateFieldKeyset(Path file) throws IOException {
        try {
            KeysetHandle current = parse(Files.readString(file), file.toString());
            KeysetHandle rotated = KeysetHandle.newBuilder(current)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId().makePrimary())
                    .build();
            write(file, rotated);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + ": cannot rotate: " + e.getMessage(), e);
        }
    }

    public static KeysetHandle newIdKeyset() {
        try {
            return KeysetHandle.generateNew(PredefinedDeterministicAeadParameters.AES256_SIV);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeysetHandle newFieldKeyset() {
        try {
            return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String toJson(KeysetHandle keyset) {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeysetHandle load(Function<String, String> settings, String fileSetting, String inlineSetting) {
        String file = settings.apply(fileSetting);
        String inline = settings.apply(inlineSetting);
        if (file != null && !file.isBlank()) {
            try {
                return parse(Files.readString(Path.of(file), StandardCharsets.UTF_8), fileSetting + "=" + file);
            } catch (IOException e) {
                throw new IllegalStateException(fileSetting + "=" + file + ": cannot read the keyset: " + e.getMessage(), e);
            }
        }
        if (inline != null && !inline.isBlank()) {
            return parse(inline, inlineSetting);
        }
        throw new IllegalStateException("No keyset: set " + fileSetting + " (a Tink JSON keyset file) or " + inlineSetting
                + " (the JSON itself); see docs/SECURITY.md");
    }

    private static KeysetHandle parse(String json, String source) {
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            // the message of a parse failure may quote key material: do not pass it on
            throw new IllegalStateException(source + ": not a Tink JSON keyset", null);
        }
    }

    private static void write(Path file, KeysetHandle keyset) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temp);
        }
        Files.writeString(temp, toJson(keyset), StandardCharsets.UTF_8);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
