package io.vitalink.api.crypto;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.vitalink.crypto.FieldCipher;
import io.vitalink.crypto.Keysets;
import io.vitalink.topic.TopicSerdes;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The keysets that seal identifiers and names, from {@code vitalink.id-keyset-file} / {@code vitalink.id-keyset}
 * and {@code vitalink.field-keyset-file} / {@code vitalink.field-keyset}, or the {@code VITALINK_*} environment
 * variables of {@link Keysets}. Without them the service does not start.
 */
@Factory
public class CipherFactory {

    private static final Map<String, String> PROPERTIES = Map.of(
            Keysets.ID_KEYSET_FILE, "vitalink.id-keyset-file",
            Keysets.ID_KEYSET, "vitalink.id-keyset",
            Keysets.FIELD_KEYSET_FILE, "vitalink.field-keyset-file",
            Keysets.FIELD_KEYSET, "vitalink.field-keyset");

    @Singleton
    FieldCipher cipher(Environment environment) {
        return Keysets.cipherFrom(name -> environment.getProperty(PROPERTIES.get(name), String.class)
                .orElseGet(() -> System.getenv(name)));
    }

    @Singleton
    TopicSerdes serdes(FieldCipher cipher) {
        return new TopicSerdes(cipher);
    }
}
