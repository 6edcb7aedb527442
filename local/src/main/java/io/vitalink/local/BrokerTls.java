package io.vitalink.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The TLS material {@code docker/kafka/make-certs.sh} writes: the broker's PKCS12 keystore and a PKCS12 truststore
 * holding the development CA, each with its password in a file beside it.
 */
record BrokerTls(Path keystore, String keystorePassword, Path truststore, String truststorePassword) {

    static final String KEYSTORE = "kafka.keystore.p12";
    static final String TRUSTSTORE = "client.truststore.p12";

    static BrokerTls from(Path dir) {
        Path root = dir.toAbsolutePath();
        return new BrokerTls(root.resolve(KEYSTORE), password(root, KEYSTORE),
                root.resolve(TRUSTSTORE), password(root, TRUSTSTORE));
    }

    /** The listener's server side; the truststore lets the broker verify itself when it connects to its own listener. */
    Map<String, String> listenerConfig(String listener) {
        String prefix = "listener.name." + listener.toLowerCase(Locale.ROOT) + ".";
        return Map.of(
                prefix + "ssl.keystore.type", "PKCS12",
                prefix + "ssl.keystore.location", keystore.toString(),
                prefix + "ssl.keystore.password", keystorePassword,
                prefix + "ssl.truststore.type", "PKCS12",
                prefix + "ssl.truststore.location", truststore.toString(),
                prefix + "ssl.truststore.password", truststorePassword);
    }

    /** What a client needs to trust the broker; host names are verified (Kafka's default, {@code https}). */
    Map<String, String> clientConfig() {
        return Map.of(
                "ssl.truststore.type", "PKCS12",
                "ssl.truststore.location", truststore.toString(),
                "ssl.truststore.password", truststorePassword);
    }

    private static String password(Path dir, String store) {
        Path file = dir.resolve(store.replace(".p12", ".password"));
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " (written by docker/kafka/make-certs.sh)", e);
        }
    }

    @Override
    public String toString() {
        return "BrokerTls[keystore=" + keystore + ", truststore=" + truststore + "]"; // never the passwords
    }
}
