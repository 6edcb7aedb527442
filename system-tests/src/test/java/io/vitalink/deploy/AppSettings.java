package io.vitalink.deploy;

import io.vitalink.crypto.Keysets;
import io.vitalink.kafka.KafkaClientProperties;
import io.vitalink.streams.StreamsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Which environment variables each service reads, taken from the services themselves rather than from a list kept
 * beside the deployment files: a variable set in a Dockerfile, the compose file or the chart that no service reads
 * is a typo or a leftover, and fails the deployment tests.
 */
final class AppSettings {

    /** The JVM launcher's own options variable; every image sets it. */
    static final String JAVA_OPTIONS = "JDK_JAVA_OPTIONS";
    /** Read by match-streams' management server (the metrics work of issue 6 implements it). */
    static final String MANAGEMENT_PORT_ENV = "VITALINK_MANAGEMENT_PORT";
    static final String MANAGEMENT_PORT_KEY = "vitalink.management.port";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):");
    private static final Set<String> KEYSET_VARIABLES = Set.of(Keysets.ID_KEYSET_FILE, Keysets.ID_KEYSET,
            Keysets.FIELD_KEYSET_FILE, Keysets.FIELD_KEYSET, KafkaClientProperties.ENVIRONMENT_VARIABLE);

    private AppSettings() {
    }

    /**
     * api-service: a {@code ${NAME:…}} placeholder of its application.yml, a variable Micronaut maps onto one of the
     * keys there ({@code VITALINK_TOPICS_PARTITIONS} → {@code vitalink.topics.partitions}), or a keyset / Kafka file
     * variable its code reads directly.
     */
    static boolean apiReads(String name) {
        return name.equals(JAVA_OPTIONS) || KEYSET_VARIABLES.contains(name) || ApiYaml.NAMES.contains(name);
    }

    /** death-loader: only the keysets and the Kafka file come from the environment; the rest are options. */
    static boolean loaderReads(String name) {
        return name.equals(JAVA_OPTIONS) || KEYSET_VARIABLES.contains(name);
    }

    /**
     * match-streams maps every {@code KAFKA_*} and {@code VITALINK_*} variable to a setting
     * ({@link StreamsSettings#load}); a variable is read when the setting it becomes is a Kafka Streams, consumer
     * or producer setting, or one of match-streams' own.
     */
    static boolean matchStreamsReads(String name) {
        if (name.equals(JAVA_OPTIONS) || KEYSET_VARIABLES.contains(name)) {
            return true;
        }
        Properties mapped = StreamsSettings.load(null, Map.of(name, "x"), new Properties());
        Properties defaults = StreamsSettings.load(null, Map.of(), new Properties());
        Set<String> added = new HashSet<>(mapped.stringPropertyNames());
        added.removeAll(defaults.stringPropertyNames());
        String key = added.isEmpty() ? changedKey(mapped, defaults) : added.iterator().next();
        if (key == null) {
            return false;
        }
        if (name.startsWith("KAFKA_")) {
            return StreamsConfig.configDef().names().contains(key) || ConsumerConfig.configNames().contains(key)
                    || ProducerConfig.configNames().contains(key);
        }
        return name.startsWith("VITALINK_") && (streamsOwnKeys().contains(key) || key.equals(MANAGEMENT_PORT_KEY));
    }

    private static String changedKey(Properties mapped, Properties defaults) {
        return mapped.stringPropertyNames().stream().filter(k -> "x".equals(mapped.getProperty(k))
                && !"x".equals(defaults.getProperty(k))).findFirst().orElse(null);
    }

    /** The {@code vitalink.*} keys StreamsSettings names as constants. */
    static Set<String> streamsOwnKeys() {
        Set<String> keys = new HashSet<>();
        for (Field field : StreamsSettings.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    String value = (String) field.get(null);
                    if (value.startsWith("vitalink.")) {
                        keys.add(value);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return keys;
    }

    /** The variables api-service's application.yml names or maps, read once. */
    private static final class ApiYaml {
        static final Set<String> NAMES = load();

        private static Set<String> load() {
            Path file = DeployFiles.ROOT.resolve("api-service/src/main/resources/application.yml");
            try {
                String text = Files.readString(file);
                Set<String> names = new HashSet<>();
                Matcher m = PLACEHOLDER.matcher(text);
                while (m.find()) {
                    names.add(m.group(1));
                }
                flatten("", DeployFiles.yamlFile(file), names);
                return Set.copyOf(names);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Micronaut's rule for environment variables: upper case, '.' and '-' become '_'. */
        private static void flatten(String prefix, Map<String, Object> node, Set<String> names) {
            node.forEach((key, value) -> {
                String path = prefix.isEmpty() ? key : prefix + "." + key;
                names.add(path.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
                if (value instanceof Map<?, ?>) {
                    flatten(path, DeployFiles.map(value), names);
                }
            });
        }
    }
}
