package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vitalink.crypto.Keysets;
import io.vitalink.loader.DeathLoaderCli;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Every service through a broker whose only client listener is SASL_PLAINTEXT with SCRAM-SHA-512, each given nothing
 * but the Kafka client properties file, each through its own setting: the death-loader's {@code --kafka-config},
 * match-streams' {@code VITALINK_KAFKA_CONFIG_FILE}, the API's {@code vitalink.kafka.config-file}. The password is
 * not in that file: Kafka's DirectoryConfigProvider reads it from a secrets directory, as from a mounted secret.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaSaslIT {

    private static final long SEED = 11;
    private static final String USER = "vitalink-service";
    private static final String PASSWORD = "it-scram-password-7f3a";
    private static final String SCRAM_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule required";

    @TempDir
    static Path dir;

    private static EmbeddedKafka kafka;
    private static Path clientConfig;
    private static SecuredStack stack;
    /** The keyset settings every service is given, as environment variables. */
    private static Map<String, String> keysets;
    private static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private static final Deque<AutoCloseable> running = new ArrayDeque<>();

    @BeforeAll
    static void startSecuredBroker() throws IOException {
        rootLogger().addAppender(logs);
        logs.start();
        kafka = EmbeddedKafka.startWithScram(dir.resolve("kafka"), 0, Map.of(USER, PASSWORD));
        running.push(kafka);

        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("kafka-password"), PASSWORD);
        keysets = Keysets.writeNew(dir.resolve("keys"));
        clientConfig = dir.resolve("kafka-client.properties");
        Files.writeString(clientConfig, """
                security.protocol=SASL_PLAINTEXT
                sasl.mechanism=SCRAM-SHA-512
                config.providers=secrets
                config.providers.secrets.class=org.apache.kafka.common.config.provider.DirectoryConfigProvider
                sasl.jaas.config=%s username="%s" password="${secrets:%s:kafka-password}";
                """.formatted(SCRAM_LOGIN, USER, secrets.toString().replace('\\', '/')));
        stack = new SecuredStack(kafka.bootstrapServers(), clientConfig, keysets, dir);
    }

    @AfterAll
    static void stopEverything() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                LoggerFactory.getLogger(KafkaSaslIT.class).warn("Could not stop cleanly", e);
            }
        }
        rootLogger().detachAppender(logs);
    }

    @Test
    @Order(1)
    void refusesAClientWithoutCredentials() {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000))) {
            // the listener answers nothing but the SASL handshake and drops the connection: the client never gets metadata
            assertThatThrownBy(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class);
        }
    }

    @Test
    @Order(2)
    void refusesAClientWithAWrongPassword() {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", SCRAM_LOGIN + " username=\"" + USER + "\" password=\"not-the-password\";");
        try (Admin admin = Admin.create(config)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    @Order(3)
    void refusesTheDeathLoaderWithAnUnknownUser() throws IOException {
        Path wrong = dir.resolve("wrong-client.properties");
        Files.writeString(wrong, Files.readString(clientConfig).replace("username=\"" + USER + "\"", "username=\"intruder\""));
        Path csv = dir.resolve("one-death.csv");
        SampleData.writeDeathsCsv(SampleData.deaths(SEED, 1), csv);

        StringWriter err = new StringWriter();
        int exit = stack.loaderCli(err, new StringWriter()).execute("load", "--file", csv.toString(),
                "--bootstrap-servers", kafka.bootstrapServers(), "--kafka-config", wrong.toString(), "--no-progress");

        assertThat(exit).isEqualTo(DeathLoaderCli.EXIT_LOAD_FAILED);
        assertThat(err.toString()).containsPattern("VL-310[58]").containsIgnoringCase("authentication failed");
    }

    @Test
    @Order(4)
    void runsEveryServiceThroughTheSecuredListenerWithOnlyThePropertiesFile() throws Exception {
        // Given the API (its topic setup creates the topics) and the matcher, each told only where the file is,
        // when the death-loader loads the registry and the API publishes a job
        SecuredStack.SampleRun run = stack.runSampleJob(running, SEED, 30, 20, 8, 2);

        // Then the API's read model sees the job complete, every counter exact
        run.assertExact(20, 8, 2);
    }

    @Test
    @Order(5)
    void logsWhichSecuritySettingsApplyButNeverTheirValues() {
        List<String> messages = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();

        assertThat(messages).anyMatch(m -> m.contains(clientConfig.toString())
                && m.contains("[config.providers, config.providers.secrets.class, sasl.jaas.config, sasl.mechanism, security.protocol]"));
        assertThat(messages).noneMatch(m -> m.contains(PASSWORD) || m.contains("ScramLoginModule"));
    }

    private static ch.qos.logback.classic.Logger rootLogger() {
        return (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
