package io.vitalink.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.SecurityConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transport-security settings shared by every Kafka client of a service, read from a standard Kafka client
 * properties file (the kind {@code kafka-console-consumer.sh --command-config} takes) and merged into each client's
 * configuration with {@link #applyTo}.
 *
 * <p>The file may hold only {@code security.protocol}, {@code security.providers}, {@code sasl.*}, {@code ssl.*} and
 * {@code config.providers*}. Everything else (bootstrap servers, group ids, acks, ...) stays in each service's own
 * settings, so the file cannot change what a service relies on, and applying it last is always safe. Secrets can
 * stay out of the file through Kafka's config providers, e.g. {@code config.providers=env} and
 * {@code ${env:KAFKA_PASSWORD}}: clients resolve them, this class passes them through untouched.
 *
 * <p>Values are never logged or shown by {@link #toString()}: they hold passwords and JAAS configurations.
 */
public final class KafkaClientProperties {

    /** The environment variable every service reads when it is not given a file explicitly. */
    public static final String ENVIRONMENT_VARIABLE = "VITALINK_KAFKA_CONFIG_FILE";

    private static final Logger log = LoggerFactory.getLogger(KafkaClientProperties.class);
    private static final String CONFIG_PROVIDERS = AbstractConfig.CONFIG_PROVIDERS_CONFIG;
    private static final KafkaClientProperties NONE = new KafkaClientProperties(Map.of(), null);

    private final Map<String, String> values;
    private final Path source;

    private KafkaClientProperties(Map<String, String> values, Path source) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.source = source;
    }

    /** No extra settings: clients connect as configured elsewhere (PLAINTEXT unless told otherwise). */
    public static KafkaClientProperties none() {
        return NONE;
    }

    /**
     * The file named by {@code explicitFile} if that is not blank, else the one named by
     * {@value #ENVIRONMENT_VARIABLE} in {@code environment}, else {@link #none()}.
     *
     * @param origin how the explicit file was given, for messages, e.g. {@code --kafka-config}
     */
    public static KafkaClientProperties resolve(String explicitFile, String origin, Map<String, String> environment) {
        if (explicitFile != null && !explicitFile.isBlank()) {
            return load(Path.of(explicitFile.strip()), origin);
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return load(Path.of(fromEnvironment.strip()), ENVIRONMENT_VARIABLE);
        }
        return NONE;
    }

    /**
     * Reads and checks {@code file}.
     *
     * @param origin how the file was given, for messages, e.g. {@value #ENVIRONMENT_VARIABLE}
     * @throws KafkaClientConfigException when the file is missing or unreadable, or holds a key that is not a
     *     client security setting
     */
    public static KafkaClientProperties load(Path file, String origin) {
        Objects.requireNonNull(file, "file");
        String where = "Kafka client properties file " + file + " (" + origin + ")";
        if (!Files.isRegularFile(file)) {
            throw new KafkaClientConfigException(where + " does not exist or is not a file");
        }
        if (!Files.isReadable(file)) {
            throw new KafkaClientConfigException(where + " is not readable");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            // the message of a malformed-escape error is about syntax, never a value
            throw new KafkaClientConfigException(where + " cannot be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
        KafkaClientProperties loaded = of(properties, where);
        KafkaClientProperties withSource = new KafkaClientProperties(loaded.values, file);
        log.info("Kafka client settings from {} ({}): {}", file, origin, withSource.keys());
        return withSource;
    }

    /**
     * Checks {@code properties} as {@link #load} does a file's content.
     *
     * @param where names the source in messages
     */
    public static KafkaClientProperties of(Map<?, ?> properties, String where) {
        Map<String, String> values = new HashMap<>();
        properties.forEach((k, v) -> {
            String key = k.toString();
            if (!isSecurityKey(key)) {
                throw new KafkaClientConfigException(where + ": '" + key + "' is not allowed; the file holds only "
                        + "security.protocol, sasl.*, ssl.* and config.providers* settings, the rest (bootstrap servers "
                        + "included) stays in each service's own configuration");
            }
            if (!isKnownClientKey(key)) {
                throw new KafkaClientConfigException(where + ": '" + key + "' is not a Kafka client setting");
            }
            values.put(key, v.toString());
        });
        return new KafkaClientProperties(values, null);
    }

    /** Puts every setting into {@code config}, replacing what was there under the same keys; returns {@code config}. */
    public <M extends Map<? super String, ? super String>> M applyTo(M config) {
        config.putAll(values);
        return config;
    }

    /** A copy of {@code config} with every setting put in; for immutable maps such as {@code Map.of(...)}. */
    public Map<String, Object> mergedInto(Map<String, ?> config) {
        return applyTo(new HashMap<String, Object>(config));
    }

    /** The keys, sorted; safe to log. */
    public Set<String> keys() {
        return values.keySet();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The file these settings came from; empty for {@link #none()} and {@link #of}. */
    public Optional<Path> source() {
        return Optional.ofNullable(source);
    }

    /**
     * Whether a client of the kind whose {@code configNames()} are given should keep {@code key} when a service
     * filters a shared configuration down to what that client knows. The {@code config.providers.<name>.class}
     * keys are in no {@code configNames()}, yet a client without them cannot resolve {@code ${provider:...}}.
     */
    public static boolean keepFor(Set<String> configNames, String key) {
        return configNames.contains(key) || key.startsWith(CONFIG_PROVIDERS + ".");
    }

    /** Names the keys only: the values may be secrets. */
    @Override
    public String toString() {
        return "KafkaClientProperties" + (source == null ? "" : "[" + source + "]") + keys();
    }

    private static boolean isSecurityKey(String key) {
        return key.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)
                || key.equals(SecurityConfig.SECURITY_PROVIDERS_CONFIG)
                || key.startsWith("sasl.")
                || key.startsWith("ssl.")
                || key.equals(CONFIG_PROVIDERS)
                || key.startsWith(CONFIG_PROVIDERS + ".");
    }

    /** Catches typos such as {@code sasl.jass.config} here rather than as a warning in some client's log. */
    private static boolean isKnownClientKey(String key) {
        return KnownKeys.ALL.contains(key) || key.startsWith(CONFIG_PROVIDERS + ".");
    }

    private static final class KnownKeys {
        static final Set<String> ALL = union();

        private static Set<String> union() {
            Set<String> all = new HashSet<>(AdminClientConfig.configNames());
            all.addAll(ProducerConfig.configNames());
            all.addAll(ConsumerConfig.configNames());
            return Set.copyOf(all);
        }
    }
}
