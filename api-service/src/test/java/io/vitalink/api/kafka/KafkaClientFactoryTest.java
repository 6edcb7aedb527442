package io.vitalink.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.vitalink.api.ApiApplication;
import io.vitalink.kafka.KafkaClientConfigException;
import io.vitalink.kafka.KafkaClientProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API's Kafka security file, given as a Micronaut property, without a broker. */
class KafkaClientFactoryTest {

    @TempDir
    Path dir;

    private static Map<String, Object> withoutKafka(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "micronaut.server.port", -1,
                "vitalink.consumer.enabled", false,
                "vitalink.topics.create", false));
        properties.putAll(extra);
        return properties;
    }

    @Test
    void givesItsClientsTheSettingsOfTheConfiguredFile() throws IOException {
        Path file = dir.resolve("kafka-client.properties");
        Files.writeString(file, "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n");

        try (ApplicationContext context = ApiApplication.start(withoutKafka(Map.of(
                KafkaClientFactory.CONFIG_FILE, file.toString(),
                "vitalink.store.dir", dir.resolve("store").toString())))) {
            KafkaClientProperties security = context.getBean(KafkaClientProperties.class);

            assertThat(security.source()).contains(file);
            assertThat(security.keys()).containsExactly("sasl.mechanism", "security.protocol");
        }
    }

    @Test
    void refusesToStartWhenTheConfiguredFileIsMissing() {
        Path missing = dir.resolve("missing.properties");

        assertThatThrownBy(() -> ApiApplication.start(withoutKafka(Map.of(
                KafkaClientFactory.CONFIG_FILE, missing.toString(),
                "vitalink.store.dir", dir.resolve("store").toString()))))
                .rootCause()
                .isInstanceOf(KafkaClientConfigException.class)
                .asInstanceOf(InstanceOfAssertFactories.THROWABLE)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining(KafkaClientFactory.CONFIG_FILE);
    }
}
