package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import io.vitalink.api.ApiApplication;
import io.vitalink.api.intake.RawRecord;
import io.vitalink.api.intake.RecordValidator;
import io.vitalink.api.intake.Spool;
import io.vitalink.api.job.JobOwner;
import io.vitalink.api.job.JobPublisher;
import io.vitalink.api.store.JobStore;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.avro.MatchRequest;
import io.vitalink.crypto.Keysets;
import io.vitalink.kafka.KafkaClientProperties;
import io.vitalink.loader.DeathLoader;
import io.vitalink.loader.DeathLoaderCli;
import io.vitalink.streams.MatchStreamsApp;
import io.vitalink.streams.RegistryLag;
import io.vitalink.streams.StreamsSettings;
import io.vitalink.topic.TopicSerdes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.StreamsConfig;
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
import picocli.CommandLine;

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
        int exit = loaderCli(err).execute("load", "--file", csv.toString(), "--bootstrap-servers", kafka.bootstrapServers(),
                "--kafka-config", wrong.toString(), "--no-progress");

        assertThat(exit).isEqualTo(DeathLoaderCli.EXIT_LOAD_FAILED);
        assertThat(err.toString()).containsPattern("VL-310[58]").containsIgnoringCase("authentication failed");
    }

    @Test
    @Order(4)
    void runsEveryServiceThroughTheSecuredListenerWithOnlyThePropertiesFile() throws Exception {
        List<SampleDeath> deaths = SampleData.deaths(SEED, 30);
        List<SampleRequest> requests = SampleData.requests(SEED, deaths, 20, 8, 2);

        // Given the API (its topic setup creates the topics) and the matcher, each told only where the file is
        ApplicationContext api = ApiApplication.start(Map.of(
                "micronaut.server.port", -1,
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "vitalink.kafka.config-file", clientConfig.toString(),
                "vitalink.store.dir", dir.resolve("api-store").toString(),
                "vitalink.spool.dir", dir.resolve("api-spool").toString(),
                "vitalink.id-keyset-file", keysets.get(Keysets.ID_KEYSET_FILE),
                "vitalink.field-keyset-file", keysets.get(Keysets.FIELD_KEYSET_FILE),
                "vitalink.security.jwt.secret", "sasl-it-signing-secret-of-at-least-32-bytes"));
        running.push(api);
        Properties streamsOverrides = new Properties();
        streamsOverrides.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("streams").toString());
        Properties streamsSettings = StreamsSettings.load(null, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "VITALINK_KAFKA_CONFIG_FILE", clientConfig.toString(),
                "VITALINK_MANAGEMENT_PORT", "0",
                Keysets.ID_KEYSET_FILE, keysets.get(Keysets.ID_KEYSET_FILE),
                Keysets.FIELD_KEYSET_FILE, keysets.get(Keysets.FIELD_KEYSET_FILE)), streamsOverrides);
        MatchStreamsApp matcher = MatchStreamsApp.start(streamsSettings);
        running.push(matcher);
        matcher.awaitRunning(Duration.ofSeconds(90));

        // When the death-loader loads the registry and the API publishes a job
        Path csv = dir.resolve("deaths.csv");
        SampleData.writeDeathsCsv(deaths, csv);
        StringWriter loaderOut = new StringWriter();
        int exit = loaderCli(new StringWriter(), loaderOut).execute("load", "--file", csv.toString(),
                "--bootstrap-servers", kafka.bootstrapServers(), "--kafka-config", clientConfig.toString(), "--no-progress");
        assertThat(exit).isZero();
        assertThat(loaderOut.toString()).startsWith("read 30, loaded 30, updated 0, unchanged 0, rejected 0");
        try (Admin admin = Admin.create(KafkaClientProperties.load(clientConfig, "test")
                .mergedInto(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers())))) {
            RegistryLag.await(admin, streamsSettings.getProperty(StreamsConfig.APPLICATION_ID_CONFIG), Duration.ofSeconds(90));
        }
        String jobId = UUID.randomUUID().toString();
        publishThroughTheApi(api, jobId, requests);

        // Then the API's read model sees the job complete, every counter exact
        JobProgress job = awaitCompleted(api.getBean(JobStore.class), jobId, Duration.ofSeconds(90));
        assertThat(job.getExpected()).isEqualTo(20);
        assertThat(job.getProcessed()).isEqualTo(20);
        assertThat(job.getMatched()).isEqualTo(8);
        assertThat(job.getInvalid()).isEqualTo(2);
        assertThat(job.getNotFound()).isEqualTo(10);
        assertThat(job.getMatchedWithDiscrepancy() + job.getProbable() + job.getDeadLettered()).isZero();
        assertThat(api.getBean(JobStore.class).countResults(jobId)).isEqualTo(20);
    }

    @Test
    @Order(5)
    void logsWhichSecuritySettingsApplyButNeverTheirValues() {
        List<String> messages = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();

        assertThat(messages).anyMatch(m -> m.contains(clientConfig.toString())
                && m.contains("[config.providers, config.providers.secrets.class, sasl.jaas.config, sasl.mechanism, security.protocol]"));
        assertThat(messages).noneMatch(m -> m.contains(PASSWORD) || m.contains("ScramLoginModule"));
    }

    /** The API's Kafka side as its job service drives it: validated requests in a spool, then the publisher. */
    private static void publishThroughTheApi(ApplicationContext api, String jobId, List<SampleRequest> requests)
            throws IOException {
        TopicSerdes serdes = api.getBean(TopicSerdes.class);
        try (Spool spool = Spool.create(dir.resolve("test-spool"), serdes.codec(MatchRequest.class),
                request -> serdes.requestKey(request, java.time.LocalDate.now()))) {
            long line = 1;
            for (SampleRequest r : requests) {
                line++;
                RawRecord raw = new RawRecord(line, r.recordId(), r.idNumber(), r.name(), r.sex(),
                        Objects.toString(r.birthDate(), null), null);
                spool.add(RecordValidator.toRequest(jobId, raw, true), line, true);
            }
            spool.finish();
            api.getBean(JobPublisher.class).publish(jobId, new JobOwner("centre-a", "sasl-it"), spool);
        }
    }

    private static JobProgress awaitCompleted(JobStore store, String jobId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<JobProgress> progress = store.progress(jobId);
        while (progress.map(p -> p.getState() != JobState.COMPLETED).orElse(true)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + jobId + " not COMPLETED after " + timeout + ": " + progress.orElse(null));
            }
            TimeUnit.MILLISECONDS.sleep(200);
            progress = store.progress(jobId);
        }
        return progress.orElseThrow();
    }

    private static CommandLine loaderCli(StringWriter err) {
        return loaderCli(err, new StringWriter());
    }

    /** The death-loader's command line as {@code main} builds it, with an environment holding only the keysets. */
    private static CommandLine loaderCli(StringWriter err, StringWriter out) {
        CommandLine cli = DeathLoaderCli.commandLine((config, cipher) -> new DeathLoader(config, cipher, Clock.systemUTC()),
                keysets);
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(out, true));
        return cli;
    }

    private static ch.qos.logback.classic.Logger rootLogger() {
        return (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
