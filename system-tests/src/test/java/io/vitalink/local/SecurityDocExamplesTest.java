package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.kafka.KafkaClientProperties;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/** The Kafka client files shown in docs/SECURITY.md are accepted by Vitalink and by a Kafka client as printed. */
class SecurityDocExamplesTest {

    private static final Path SECURITY = Path.of("..").toAbsolutePath().normalize().resolve("docs/SECURITY.md");
    private static final Pattern PROPERTIES_BLOCK = Pattern.compile("```properties\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyKafkaClientExampleIsAcceptedAsPrinted() throws IOException {
        List<Properties> examples = kafkaSectionExamples();

        assertThat(examples).hasSize(2);
        for (Properties example : examples) {
            KafkaClientProperties settings = KafkaClientProperties.of(example, "docs/SECURITY.md");
            Map<String, Object> config = settings.mergedInto(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka-1.cdc.example:9093",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, "org.apache.kafka.common.serialization.StringSerializer",
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "org.apache.kafka.common.serialization.ByteArraySerializer"));

            ProducerConfig parsed = new ProducerConfig(config);

            assertThat(parsed.getString("security.protocol")).isIn("SASL_SSL", "SSL");
            assertThat(parsed.getString("ssl.truststore.location")).startsWith("/etc/vitalink/kafka/");
        }
    }

    private static List<Properties> kafkaSectionExamples() throws IOException {
        String doc = Files.readString(SECURITY);
        int start = doc.indexOf("## Kafka: TLS and SASL");
        int end = doc.indexOf("\n## ", start + 1);
        Matcher blocks = PROPERTIES_BLOCK.matcher(doc.substring(start, end < 0 ? doc.length() : end));
        List<Properties> examples = new ArrayList<>();
        while (blocks.find()) {
            Properties properties = new Properties();
            properties.load(new StringReader(blocks.group(1)));
            examples.add(properties);
        }
        return examples;
    }
}
