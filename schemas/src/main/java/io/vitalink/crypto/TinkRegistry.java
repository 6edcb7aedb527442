package io.vitalink.crypto;

import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.daead.DeterministicAeadConfig;
import java.security.GeneralSecurityException;

/** Tink creates and parses keys only of registered primitives: AEAD and deterministic AEAD, once per JVM. */
final class TinkRegistry {

    static {
        try {
            AeadConfig.register();
            DeterministicAeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TinkRegistry() {
    }

    /** Runs the registration above, once, when first called. */
    static void ensure() {
    }
}
