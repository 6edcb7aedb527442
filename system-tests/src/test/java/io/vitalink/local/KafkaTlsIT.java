package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vitalink.crypto.Keysets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SslAuthenticationException;
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
 * Every service through a broker whose only client listener is SASL_SSL (SCRAM-SHA-512 inside TLS), its keystore and
 * the clients' truststore made by {@code docker/kafka/make-certs.sh}, as the compose stack makes them. Each service is
 * given nothing but the Kafka client properties file; the SCRAM and truststore passwords are not in it: Kafka's
 * DirectoryConfigProvider reads them from their files (the truststore's from the file the script wrote).
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaTlsIT {

    private static final long SEED = 13;
    private static final String USER = "vitalink-service";
    private static final String PASSWORD = "it-scram-tls-password-91c4";
    private static final String SCRAM_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule required";
    private static final Path MAKE_CERTS = Path.of("..", "docker", "kafka", "make-certs.sh").toAbsolutePath().normalize();

    @TempDir
    static Path dir;

    private static Path tls;
    private static EmbeddedKafka kafka;
    private static Path clientConfig;
    private static SecuredStack stack;
    private static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private static final Deque<AutoCloseable> running = new ArrayDeque<>();

    @BeforeAll
    static void startBrokerWithCertificatesFromTheScript() throws Exception {
        rootLogger().addAppender(logs);
        logs.start();
        tls = dir.resolve("tls");
        makeCerts(tls);
        kafka = EmbeddedKafka.startWithScramOverTls(dir.resolve("kafka"), 0, Map.of(USER, PASSWORD), tls);
        running.push(kafka);

        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("kafka-password"), PASSWORD);
        Map<String, String> keysets = Keysets.writeNew(dir.resolve("keys"));
        clientConfig = dir.resolve("kafka-client.properties");
        Files.writeString(clientConfig, """
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                config.providers=secrets
                config.providers.secrets.class=org.apache.kafka.common.config.provider.DirectoryConfigProvider
                sasl.jaas.config=%s username="%s" password="${secrets:%s:kafka-password}";
                ssl.truststore.type=PKCS12
                ssl.truststore.location=%s
                ssl.truststore.password=${secrets:%s:client.truststore.password}
                """.formatted(SCRAM_LOGIN, USER, slashes(secrets), slashes(tls.resolve("client.truststore.p12")),
                slashes(tls)));
        stack = new SecuredStack(kafka.bootstrapServers(), clientConfig, keysets, dir);
    }

    @AfterAll
    static void stopEverything() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                LoggerFactory.getLogger(KafkaTlsIT.class).warn("Could not stop cleanly", e);
            }
        }
        rootLogger().detachAppender(logs);
    }

    @Test
    @Order(1)
    void theScriptLeavesExistingMaterialAlone() throws Exception {
        byte[] keystore = Files.readAllBytes(tls.resolve("kafka.keystore.p12"));
        String password = Files.readString(tls.resolve("kafka.keystore.password"));

        String output = makeCerts(tls);

        assertThat(output).contains("exists, nothing to do");
        assertThat(Files.readAllBytes(tls.resolve("kafka.keystore.p12"))).isEqualTo(keystore);
        assertThat(Files.readString(tls.resolve("kafka.keystore.password"))).isEqualTo(password).matches("[0-9a-f]{48}");
    }

    @Test
    @Order(2)
    void refusesAPlaintextClient() {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000))) {
            // a PLAINTEXT request is no TLS handshake: the broker drops the connection, the client never gets metadata
            assertThatThrownBy(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class);
        }
    }

    @Test
    @Order(3)
    void refusesToTalkToTheBrokerWithoutTheTruststore() {
        Map<String, Object> config = new HashMap<>(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", SCRAM_LOGIN + " username=\"" + USER + "\" password=\"" + PASSWORD + "\";"));
        // the JVM's default CAs do not include the development CA: the client rejects the broker's certificate
        try (Admin admin = Admin.create(config)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(SslAuthenticationException.class);
        }
    }

    @Test
    @Order(4)
    void runsEveryServiceThroughTheTlsListenerWithOnlyThePropertiesFile() throws Exception {
        // Given the API (its topic setup creates the topics) and the matcher, each told only where the file is,
        // when the death-loader loads the registry and the API publishes a job
        SecuredStack.SampleRun run = stack.runSampleJob(running, SEED, 25, 12, 5, 1);

        // Then the API's read model sees the job complete, every counter exact
        run.assertExact(12, 5, 1);
    }

    @Test
    @Order(5)
    void logsNeitherTheScramNorTheStorePasswords() throws IOException {
        List<String> messages = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        List<String> secrets = List.of(PASSWORD, password("kafka.keystore.password"), password("client.truststore.password"),
                password("ca.password"));

        assertThat(messages).anyMatch(m -> m.contains(clientConfig.toString()) && m.contains("ssl.truststore.password"));
        assertThat(messages).noneMatch(m -> secrets.stream().anyMatch(m::contains) || m.contains("ScramLoginModule"));
    }

    /** Runs the script as the compose stack's one-shot does; its output never holds a password. */
    private static String makeCerts(Path out) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", MAKE_CERTS.toString(), out.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("make-certs.sh finished").isTrue();
        assertThat(process.exitValue()).as("make-certs.sh exit; output:%n%s", output).isZero();
        return output;
    }

    private static String password(String file) throws IOException {
        return Files.readString(tls.resolve(file), StandardCharsets.US_ASCII).strip();
    }

    private static String slashes(Path path) {
        return path.toString().replace('\\', '/');
    }

    private static ch.qos.logback.classic.Logger rootLogger() {
        return (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
