package io.vitalink.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vitalink.kafka.KafkaClientConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsSettingsTest {

    @Test
    void defaultsToExactlyOnceAndExplicitNaming() {
        Properties defaults = StreamsSettings.defaults();

        assertThat(defaults.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(defaults.getProperty(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG)).isEqualTo("true");
    }

    @Test
    void runsTwoThreadsCommittingOnceASecondUnlessTheEnvironmentSaysOtherwise() {
        Properties defaults = StreamsSettings.defaults();
        assertThat(defaults.getProperty(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo("2");
        assertThat(defaults.getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("1000");

        Properties fromEnvironment = StreamsSettings.load(null, java.util.Map.of("KAFKA_NUM_STREAM_THREADS", "1",
                "KAFKA_COMMIT_INTERVAL_MS", "100"), new Properties());
        assertThat(fromEnvironment.getProperty(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo("1");
        assertThat(fromEnvironment.getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("100");
    }

    @Test
    void producesInBatchesOfAQuarterMebibyteCompressedWithLz4UnlessTheEnvironmentSaysOtherwise() {
        Properties defaults = StreamsSettings.defaults();
        assertThat(defaults.getProperty("producer.batch.size")).isEqualTo("262144");
        assertThat(defaults.getProperty("producer.compression.type")).isEqualTo("lz4");

        Properties fromEnvironment = StreamsSettings.load(null, java.util.Map.of("KAFKA_PRODUCER_BATCH_SIZE", "16384",
                "KAFKA_PRODUCER_COMPRESSION_TYPE", "none"), new Properties());
        assertThat(fromEnvironment.getProperty("producer.batch.size")).isEqualTo("16384");
        assertThat(fromEnvironment.getProperty("producer.compression.type")).isEqualTo("none");
    }

    @Test
    void laterSourcesWinOverEarlierOnes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("match.properties");
        Files.writeString(file, "bootstrap.servers=from-file:9092\nnum.stream.threads=3\nvitalink.topics.partitions=12\n");
        Properties overrides = new Properties();
        overrides.put("num.stream.threads", "4");

        Properties settings = StreamsSettings.load(file,
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "from-env:9092", "VITALINK_TOPICS_REPLICATION_FACTOR", "3", "HOME", "/root",
                        "VITALINK_MATCH_PROBABLE_THRESHOLD", "0.95"),
                overrides);

        assertThat(settings.getProperty("bootstrap.servers")).isEqualTo("from-env:9092");
        assertThat(settings.getProperty("num.stream.threads")).isEqualTo("4");
        assertThat(settings.getProperty(StreamsSettings.PARTITIONS)).isEqualTo("12");
        assertThat(settings.getProperty(StreamsSettings.REPLICATION_FACTOR)).isEqualTo("3");
        assertThat(settings.getProperty(StreamsSettings.PROBABLE_THRESHOLD)).isEqualTo("0.95");
        assertThat(StreamsSettings.probableMatcher(settings)).isNotNull();
        assertThat(settings).doesNotContainKey("home");
    }

    @Test
    void appliesTheKafkaSecurityFileNamedByTheEnvironmentToWhatKafkaSees(@TempDir Path dir) throws IOException {
        Path security = dir.resolve("kafka-client.properties");
        Files.writeString(security, "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n");

        Properties kafka = StreamsSettings.kafkaOnly(StreamsSettings.load(null,
                Map.of("VITALINK_KAFKA_CONFIG_FILE", security.toString(), "KAFKA_BOOTSTRAP_SERVERS", "kafka:9093"),
                new Properties()));

        assertThat(kafka)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("bootstrap.servers", "kafka:9093")
                .doesNotContainKey(StreamsSettings.KAFKA_CONFIG_FILE);
    }

    @Test
    void failsFastWhenTheKafkaSecurityFileIsMissing(@TempDir Path dir) {
        Properties overrides = new Properties();
        overrides.put(StreamsSettings.KAFKA_CONFIG_FILE, dir.resolve("missing.properties").toString());

        assertThatThrownBy(() -> StreamsSettings.load(null, Map.of(), overrides))
                .isInstanceOf(KafkaClientConfigException.class)
                .hasMessageContaining("missing.properties")
                .hasMessageContaining(StreamsSettings.KAFKA_CONFIG_FILE);
    }

    @Test
    void hidesVitalinkKeysFromKafka() {
        assertThat(StreamsSettings.kafkaOnly(StreamsSettings.defaults()).stringPropertyNames())
                .isNotEmpty()
                .noneMatch(key -> key.startsWith("vitalink."));
    }

    @Test
    void keepsJobDataThirtyDaysUnlessTheEnvironmentSaysOtherwise() {
        assertThat(StreamsSettings.retention(StreamsSettings.defaults()).keep()).isEqualTo(java.time.Duration.ofDays(30));

        Properties settings = StreamsSettings.load(null,
                Map.of("VITALINK_JOBS_RETENTION", "7d", "VITALINK_JOBS_RETENTION_CHECK_INTERVAL", "PT10M"), new Properties());

        assertThat(StreamsSettings.retention(settings).keep()).isEqualTo(java.time.Duration.ofDays(7));
        assertThat(StreamsSettings.retention(settings).checkEvery()).isEqualTo(java.time.Duration.ofMinutes(10));
    }

    @Test
    void namesTheRetentionSettingWhenItsValueIsNotADuration() {
        Properties settings = StreamsSettings.load(null, Map.of("VITALINK_JOBS_RETENTION", "a month"), new Properties());

        assertThatThrownBy(() -> StreamsSettings.retention(settings))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(StreamsSettings.JOBS_RETENTION);
    }
}
