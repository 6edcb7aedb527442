package io.vitalink.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientPropertiesTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"vitalink-api\" password=\"s3cret-pw\";";

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void appliesTheSecuritySettingsOfTheFileOverAClientConfig() throws IOException {
        Path file = file("""
                # SASL over TLS
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                sasl.jaas.config=%s
                ssl.truststore.location=/etc/vitalink/truststore.p12
                ssl.truststore.type=PKCS12
                """.formatted(JAAS));
        Map<String, Object> config = new HashMap<>(Map.of("bootstrap.servers", "kafka:9093", "security.protocol", "PLAINTEXT"));

        KafkaClientProperties.load(file, "test").applyTo(config);

        assertThat(config).containsExactlyInAnyOrderEntriesOf(Map.of(
                "bootstrap.servers", "kafka:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", JAAS,
                "ssl.truststore.location", "/etc/vitalink/truststore.p12",
                "ssl.truststore.type", "PKCS12"));
    }

    @Test
    void mergesIntoPropertiesAndIntoACopyOfAnImmutableMap() throws IOException {
        KafkaClientProperties settings = KafkaClientProperties.load(file("security.protocol=SSL\n"), "test");
        Map<String, Object> immutable = Map.of("client.id", "x");

        Properties properties = settings.applyTo(new Properties());
        Map<String, Object> merged = settings.mergedInto(immutable);

        assertThat(properties).containsEntry("security.protocol", "SSL");
        assertThat(merged).containsEntry("security.protocol", "SSL").containsEntry("client.id", "x");
        assertThat(immutable).doesNotContainKey("security.protocol");
    }

    @Test
    void refusesAMissingFileNamingItAndWhereItWasGiven() {
        Path missing = dir.resolve("nope.properties");

        assertThatThrownBy(() -> KafkaClientProperties.load(missing, "--kafka-config"))
                .isInstanceOf(KafkaClientConfigException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("--kafka-config")
                .hasMessageContaining("does not exist");
    }

    @Test
    void refusesADirectoryAsTheFile() {
        assertThatThrownBy(() -> KafkaClientProperties.load(dir, "test"))
                .isInstanceOf(KafkaClientConfigException.class)
                .hasMessageContaining("not a file");
    }

    @Test
    void refusesBootstrapServersBecauseEachServiceSetsThemItself() throws IOException {
        Path file = file("security.protocol=SSL\nbootstrap.servers=elsewhere:9092\n");

        assertThatThrownBy(() -> KafkaClientProperties.load(file, "test"))
                .isInstanceOf(KafkaClientConfigException.class)
                .hasMessageContaining("'bootstrap.servers' is not allowed");
    }

    @Test
    void refusesSettingsThatAreNotAboutSecurity() throws IOException {
        Path file = file("acks=0\n");

        assertThatThrownBy(() -> KafkaClientProperties.load(file, "test"))
                .isInstanceOf(KafkaClientConfigException.class)
                .hasMessageContaining("'acks' is not allowed");
    }

    @Test
    void refusesAMisspelledSecuritySetting() throws IOException {
        Path file = file("sasl.jass.config=" + JAAS + "\n");

        assertThatThrownBy(() -> KafkaClientProperties.load(file, "test"))
                .isInstanceOf(KafkaClientConfigException.class)
                .hasMessageContaining("'sasl.jass.config' is not a Kafka client setting")
                .hasMessageNotContaining("s3cret-pw");
    }

    @Test
    void neverShowsAValueInItsTextOrItsMessages() throws IOException {
        KafkaClientProperties settings = KafkaClientProperties.load(
                file("sasl.jaas.config=" + JAAS + "\nssl.truststore.password=trust-pw\n"), "test");

        assertThat(settings.toString())
                .contains("sasl.jaas.config", "ssl.truststore.password")
                .doesNotContain("s3cret-pw", "trust-pw");
        assertThat(settings.keys()).containsExactly("sasl.jaas.config", "ssl.truststore.password");
    }

    @Test
    void takesTheFileFromTheEnvironmentWhenNoneIsGiven() throws IOException {
        Path file = file("security.protocol=SASL_PLAINTEXT\n");

        KafkaClientProperties settings = KafkaClientProperties.resolve(null, "--kafka-config",
                Map.of(KafkaClientProperties.ENVIRONMENT_VARIABLE, file.toString()));

        assertThat(settings.source()).contains(file);
        assertThat(settings.keys()).containsExactly("security.protocol");
    }

    @Test
    void anExplicitFileWinsOverTheEnvironment() throws IOException {
        Path explicit = file("security.protocol=SSL\n");

        KafkaClientProperties settings = KafkaClientProperties.resolve(explicit.toString(), "--kafka-config",
                Map.of(KafkaClientProperties.ENVIRONMENT_VARIABLE, dir.resolve("missing").toString()));

        assertThat(settings.source()).contains(explicit);
    }

    @Test
    void noFileAnywhereMeansNoSettings() {
        KafkaClientProperties settings = KafkaClientProperties.resolve(" ", "--kafka-config",
                Map.of(KafkaClientProperties.ENVIRONMENT_VARIABLE, ""));

        assertThat(settings.isEmpty()).isTrue();
        assertThat(settings.applyTo(new HashMap<String, Object>())).isEmpty();
    }

    @Test
    void keepsConfigProviderKeysWhenAServiceFiltersForOneKindOfClient() {
        Set<String> consumerKeys = ConsumerConfig.configNames();

        assertThat(KafkaClientProperties.keepFor(consumerKeys, "config.providers")).isTrue();
        assertThat(KafkaClientProperties.keepFor(consumerKeys, "config.providers.env.class")).isTrue();
        assertThat(KafkaClientProperties.keepFor(consumerKeys, "sasl.jaas.config")).isTrue();
        assertThat(KafkaClientProperties.keepFor(consumerKeys, "acks")).isFalse();
    }

    /** A secret named in the file is resolved by the client itself, from a file beside it here, from env in production. */
    @Test
    void leavesConfigProviderReferencesForTheClientToResolve() throws IOException {
        Path secrets = dir.resolve("secrets.properties");
        Files.writeString(secrets, "jaas=" + JAAS + "\n");
        Path file = file("""
                config.providers=file
                config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider
                sasl.jaas.config=${file:%s:jaas}
                """.formatted(secrets.toString().replace("\\", "/")));

        Map<String, Object> config = KafkaClientProperties.load(file, "test")
                .mergedInto(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9093"));

        assertThat(config.get(SaslConfigs.SASL_JAAS_CONFIG)).asString().startsWith("${file:");
        assertThat(new AdminClientConfig(config).getPassword(SaslConfigs.SASL_JAAS_CONFIG).value()).isEqualTo(JAAS);
    }
}
