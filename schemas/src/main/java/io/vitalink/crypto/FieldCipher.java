package io.vitalink.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Encrypts personal fields before they leave the process and decrypts them on the way in. Identifiers use
 * deterministic AEAD (AES-SIV): equal IDs give equal ciphertexts, so a sealed ID still works as a Kafka key,
 * a join key and a store key. Everything else uses AEAD (AES-GCM) with a fresh nonce, bound to the field name
 * as associated data. Ciphertexts travel as unpadded URL-safe Base64 text in the schemas' string fields.
 */
public final class FieldCipher {

    /** Associated data of every sealed identifier: one context, so a key and an {@code idNumber} compare equal. */
    static final byte[] ID_CONTEXT = "vitalink:id".getBytes(StandardCharsets.UTF_8);

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    static {
        TinkRegistry.ensure();
    }

    private final DeterministicAead ids;
    private final Aead fields;

    private FieldCipher(DeterministicAead ids, Aead fields) {
        this.ids = ids;
        this.fields = fields;
    }

    /**
     * @param idKeys an AES-SIV keyset (its primary key seals, every key opens)
     * @param fieldKeys an AES-GCM keyset (its primary key seals, every key opens)
     */
    public static FieldCipher of(KeysetHandle idKeys, KeysetHandle fieldKeys) {
        try {
            return new FieldCipher(idKeys.getPrimitive(RegistryConfiguration.get(), DeterministicAead.class),
                    fieldKeys.getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the ID keyset must be AES-SIV and the field keyset AES-GCM: " + e.getMessage(), e);
        }
    }

    /** A cipher with fresh keys, for tests and throw-away local runs. */
    public static FieldCipher ephemeral() {
        return of(Keysets.newIdKeyset(), Keysets.newFieldKeyset());
    }

    /** The sealed form of a normalised identifier: always the same for the same ID and keyset. Null stays null. */
    public String sealId(String id) {
        if (id == null) {
            return null;
        }
        try {
            return ENCODER.encodeToString(ids.encryptDeterministically(id.getBytes(StandardCharsets.UTF_8), ID_CONTEXT));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal an identifier", e);
        }
    }

    /** @throws UnopenableException when the text is not an identifier sealed with one of this keyset's keys */
    public String openId(String sealed) {
        if (sealed == null) {
            return null;
        }
        try {
            return new String(ids.decryptDeterministically(decode(sealed, "identifier"), ID_CONTEXT), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new UnopenableException("cannot open a sealed identifier (unknown key or tampered)", e);
        }
    }

    /** Seals a personal field with a fresh nonce; {@code field} names it and must be given again to open it. */
    public String seal(String clear, String field) {
        if (clear == null) {
            return null;
        }
        try {
            return ENCODER.encodeToString(fields.encrypt(clear.getBytes(StandardCharsets.UTF_8), context(field)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal field " + field, e);
        }
    }

    /** @throws UnopenableException when the text was not sealed for {@code field} with one of this keyset's keys */
    public String open(String sealed, String field) {
        if (sealed == null) {
            return null;
        }
        try {
            return new String(fields.decrypt(decode(sealed, field), context(field)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new UnopenableException("cannot open field " + field + " (unknown key or tampered)", e);
        }
    }

    /** Seals a whole blob (e.g. an encoded record in a work store) with one AEAD operation. */
    public byte[] sealBytes(byte[] clear, String context) {
        try {
            return fields.encrypt(clear, context(context));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal " + context, e);
        }
    }

    /** @throws UnopenableException when the blob was not sealed for {@code context} with one of this keyset's keys */
    public byte[] openBytes(byte[] sealed, String context) {
        try {
            return fields.decrypt(sealed, context(context));
        } catch (GeneralSecurityException e) {
            throw new UnopenableException("cannot open " + context + " (unknown key or tampered)", e);
        }
    }

    private static byte[] context(String field) {
        return ("vitalink:" + field).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] decode(String sealed, String what) {
        try {
            return DECODER.decode(sealed);
        } catch (IllegalArgumentException e) {
            // never echo the text: it may be a clear value sent by mistake
            throw new UnopenableException(what + " is not sealed (not Base64 ciphertext)", e);
        }
    }
}
