package io.vitalink.local;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.vitalink.api.ApiApplication;
import io.vitalink.crypto.FieldCipher;
import io.vitalink.crypto.Keysets;
import io.vitalink.api.auth.Caller;
import io.vitalink.api.auth.Roles;
import io.vitalink.api.user.NewUser;
import io.vitalink.api.user.UserService;
import io.vitalink.job.JobRetention;
import io.vitalink.loader.DeathLoader;
import io.vitalink.loader.LoadOptions;
import io.vitalink.loader.LoadSummary;
import io.vitalink.streams.MatchStreamsApp;
import io.vitalink.streams.RegistryLag;
import io.vitalink.streams.StreamsSettings;
import io.vitalink.topic.TopicProvisioner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every part of Vitalink in one JVM on a real single-node KRaft broker: the embedded default behind
 * {@code run-local.sh}, and the stack the end-to-end tests run against. The API speaks plain HTTP on the
 * loopback only, with a token signing secret kept in the data directory and five sample users whose
 * passwords are printed: development only.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    /** The bootstrap administrator. */
    public static final Credentials ADMIN = new Credentials("admin", "local-admin-password", "vitalink");
    /** A cancer centre's service account: submits jobs and reads them. */
    public static final Credentials SUBMITTER = new Credentials("centre-a", "local-submitter-password", "centre-a");
    /** The sample centre also has its own Kafka topics, for the direct Kafka path (docs/KAFKA-CONTRACT.md). */
    public static final String CENTRE = SUBMITTER.organisation();
    /** Reads every job's status and the audit trail. */
    public static final Credentials AUDITOR = new Credentials("auditor", "local-auditor-password", "cdc");
    /** Judges the sample centre's uncertain links (PROBABLE, MATCHED_WITH_DISCREPANCY): the clerical review. */
    public static final Credentials REVIEWER = new Credentials("reviewer", "local-reviewer-password", CENTRE);
    /** The registry holder's staff: approves organisations' data-use applications (申请审批). */
    public static final Credentials APPROVER = new Credentials("approver", "local-approver-password", "cdc");

    /**
     * Where things live and which ports they take; port 0 picks a free one. {@code jobRetention} is given to
     * match-streams (retention, check interval and stall timeout) and the API alike, and its {@code keep} is the
     * {@code retention.ms} of the job data topics the stack creates (docs/KAFKA-CONTRACT.md#retention).
     * {@code managementPort} is match-streams' (/prometheus, /health/*).
     */
    public record Settings(Path dataDir, int kafkaPort, int apiPort, int partitions, JobRetention jobRetention,
                           int managementPort) {

        /**
         * With the services' defaults: jobs kept 30 days, failed after 24 hours without change, checked hourly;
         * match-streams' management port free.
         */
        public Settings(Path dataDir, int kafkaPort, int apiPort, int partitions) {
            this(dataDir, kafkaPort, apiPort, partitions, JobRetention.defaults(), 0);
        }

        public Settings withJobRetention(JobRetention retention) {
            return new Settings(dataDir, kafkaPort, apiPort, partitions, retention, managementPort);
        }

        public Settings withManagementPort(int port) {
            return new Settings(dataDir, kafkaPort, apiPort, partitions, jobRetention, port);
        }
    }

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final Settings settings;
    private final Map<String, String> keysets;
    private final FieldCipher cipher;
    private EmbeddedKafka kafka;
    private final URI api;
    private final ApiInstance primary;
    private final URI matcherManagement;

    private LocalStack(Settings settings) {
        this.settings = settings;
        try {
            keysets = keysets(settings.dataDir().resolve("keys"));
            cipher = Keysets.cipherFrom(keysets::get);
            kafka = EmbeddedKafka.start(settings.dataDir().resolve("kafka"), settings.kafkaPort());
            running.push(() -> kafka.close()); // the broker of the moment: startBroker may have replaced it
            try (Admin admin = Admin.create(adminConfig())) {
                new TopicProvisioner(settings.partitions(), (short) 1, settings.jobRetention().keep())
                        .ensureTopics(admin, List.of(CENTRE));
            }
            MatchStreamsApp matcher = started(MatchStreamsApp.start(
                    streamsSettings(settings.dataDir().resolve("streams"), settings.managementPort())));
            matcher.awaitRunning(Duration.ofSeconds(90));
            matcherManagement = URI.create("http://127.0.0.1:" + matcher.managementPort());
            ApplicationContext apiContext = ApiApplication.start(apiProperties(settings.apiPort(), "api-store", "api-spool"));
            primary = started(new ApiInstance(apiContext.getBean(EmbeddedServer.class).getURI(), apiContext));
            createSampleUsers(apiContext.getBean(UserService.class));
            api = primary.api();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while starting", e);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot create the local keysets", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public static LocalStack start(Settings settings) {
        return new LocalStack(settings);
    }

    /**
     * The settings of one more API instance of this stack ({@link #startApiReplica} in this JVM, or an API process of
     * its own): {@code name} names its store and spool directories; the broker, keysets, secrets and users are the
     * stack's. {@code port} 0 picks a free one.
     */
    public Map<String, Object> apiSettings(String name, int port) {
        return apiProperties(port, "api-store-" + name, "api-spool-" + name);
    }

    /** The API's settings: its store and spool in the data directory, the stack's broker, keysets and secrets. */
    private Map<String, Object> apiProperties(int port, String storeDir, String spoolDir) {
        return Map.ofEntries(
                Map.entry("micronaut.server.port", port == 0 ? -1 : port),
                Map.entry("kafka.bootstrap.servers", kafka.bootstrapServers()),
                Map.entry("vitalink.kafka.config-file", kafka.clientConfigFile().toString()),
                Map.entry("vitalink.store.dir", settings.dataDir().resolve(storeDir).toString()),
                Map.entry("vitalink.spool.dir", settings.dataDir().resolve(spoolDir).toString()),
                Map.entry("vitalink.topics.create", false),
                Map.entry("vitalink.jobs.retention", settings.jobRetention().keep().toString()),
                Map.entry("vitalink.id-keyset-file", keysets.get(Keysets.ID_KEYSET_FILE)),
                Map.entry("vitalink.field-keyset-file", keysets.get(Keysets.FIELD_KEYSET_FILE)),
                Map.entry("vitalink.security.jwt.secret", jwtSecret(settings.dataDir())),
                // webhooks (docs/WEBHOOKS.md): the sample centre may call back receivers on this machine
                Map.entry("vitalink.webhooks.secrets." + SUBMITTER.organisation(), webhookSecret(settings.dataDir())),
                Map.entry("vitalink.webhooks.allowed-networks", List.of("127.0.0.0/8", "::1")),
                Map.entry("vitalink.security.allowed-ips", "127.0.0.0/8,::1"),
                Map.entry("vitalink.bootstrap.admin.username", ADMIN.username()),
                Map.entry("vitalink.bootstrap.admin.password", ADMIN.password()),
                Map.entry("vitalink.bootstrap.admin.organisation", ADMIN.organisation()));
    }

    /** An API instance of this stack: its own store, spool and port; the same broker, keys and users as the others. */
    public record ApiInstance(URI api, ApplicationContext context) implements AutoCloseable {

        /** A client of this instance logged in as {@code user}. */
        public ApiClient client(Credentials user) {
            return new ApiClient(api, user.username(), user.password());
        }

        /** Stops this instance only; the stack stops it too when it is still running. */
        @Override
        public void close() {
            if (context.isRunning()) {
                context.close();
            }
        }
    }

    /**
     * Starts another API instance beside the first, as a second replica behind a load balancer would run (webhook
     * delivery is then shared between the two, docs/WEBHOOKS.md). {@code name} names its store and spool directories;
     * it is stopped before the first instance when the stack closes.
     */
    public ApiInstance startApiReplica(String name) {
        ApplicationContext context = ApiApplication.start(apiSettings(name, 0));
        return started(new ApiInstance(context.getBean(EmbeddedServer.class).getURI(), context));
    }

    /**
     * The keysets of the data directory, created on first start: fine for a laptop, never for real data (a
     * deployment gets its keysets from a secret store, see docs/SECURITY.md). Kept with the data they seal.
     */
    private static Map<String, String> keysets(Path dir) throws IOException {
        Map<String, String> settings = Keysets.settingsFor(dir);
        if (settings.values().stream().allMatch(file -> Files.exists(Path.of(file)))) {
            return settings;
        }
        log.warn("Creating development keysets in {}: for local use only", dir);
        return Keysets.writeNew(dir);
    }

    /**
     * Starts one more match-streams instance of the same application, with its own state directory, as a second
     * pod would: the instances share the partitions. The caller closes it; closing leaves the group.
     */
    public MatchStreamsApp startAnotherMatcher(String name) {
        return MatchStreamsApp.start(streamsSettings(settings.dataDir().resolve("streams-" + name), 0));
    }

    /** Stops the broker, as an outage would; the services run on. {@link #startBroker} brings it back. */
    public void stopBroker() {
        kafka.close();
    }

    /** Starts the broker again on its log directory and port, after {@link #stopBroker}. */
    public void startBroker() {
        String servers = kafka.bootstrapServers();
        int port = Integer.parseInt(servers.substring(servers.lastIndexOf(':') + 1));
        kafka = EmbeddedKafka.start(settings.dataDir().resolve("kafka"), port);
    }

    /** Seals and opens with this stack's keysets, e.g. to read a topic as its consumers do. */
    public FieldCipher cipher() {
        return cipher;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The API's base address, e.g. {@code http://localhost:8080}. */
    public URI api() {
        return api;
    }

    /** The API instance the stack starts with, the one {@link #api()} names. */
    public ApiInstance apiInstance() {
        return primary;
    }

    /** match-streams' management address: {@code /prometheus}, {@code /health/liveness}, {@code /health/readiness}. */
    public URI matcherManagement() {
        return matcherManagement;
    }

    /** A client of the API logged in as {@code user}. */
    public ApiClient client(Credentials user) {
        return new ApiClient(api, user.username(), user.password());
    }

    /** Loads a death-registry CSV with the death-loader, as the CLI would. */
    public LoadSummary loadDeaths(Path csv, String batchLabel) {
        Map<String, Object> producer = DeathLoader.producerConfig(kafka.clientProperties().mergedInto(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers())));
        return new DeathLoader(producer, cipher, Clock.systemUTC())
                .load(csv, LoadOptions.defaults().withBatchLabel(batchLabel).withProgress(false));
    }

    /** Withdraws the deaths a delete file names (a CSV with an {@code id_number} column), as the CLI's --delete-file would. */
    public LoadSummary withdrawDeaths(Path deleteFile, String batchLabel) {
        Map<String, Object> producer = DeathLoader.producerConfig(kafka.clientProperties().mergedInto(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers())));
        return new DeathLoader(producer, cipher, Clock.systemUTC())
                .load(null, LoadOptions.defaults().withBatchLabel(batchLabel).withProgress(false).withDeleteFile(deleteFile));
    }

    /**
     * Waits until the matcher has taken every loaded death into its table and its probable-search index, so that a
     * job submitted next is matched against the whole registry.
     */
    public void awaitRegistryIndexed(Duration timeout) {
        try (Admin admin = Admin.create(adminConfig())) {
            RegistryLag.await(admin, StreamsSettings.defaults().getProperty(StreamsConfig.APPLICATION_ID_CONFIG), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the registry", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the matcher did not take in the registry: " + e.getMessage(), e);
        }
    }

    /** Created once; kept when they exist, so a password changed through the API stays changed. */
    private static void createSampleUsers(UserService users) {
        Caller launcher = Caller.system("local-stack");
        users.createIfAbsent(launcher, new NewUser(SUBMITTER.username(), "Centre A (sample service account)",
                SUBMITTER.organisation(), List.of(Roles.SUBMITTER), true, SUBMITTER.password()));
        users.createIfAbsent(launcher, new NewUser(AUDITOR.username(), "Sample auditor", AUDITOR.organisation(),
                List.of(Roles.AUDITOR), true, AUDITOR.password()));
        users.createIfAbsent(launcher, new NewUser(REVIEWER.username(), "Centre A (sample reviewer)", REVIEWER.organisation(),
                List.of(Roles.REVIEWER), true, REVIEWER.password()));
        users.createIfAbsent(launcher, new NewUser(APPROVER.username(), "Sample approver of the registry holder",
                APPROVER.organisation(), List.of(Roles.APPROVER), true, APPROVER.password()));
    }

    /**
     * Makes sure {@code submitter}'s organisation has an approved data-use application (申请审批) of every field group,
     * as a centre and the registry holder would through the API: the submitter files it, the sample APPROVER approves
     * it. Kept when one is already active (a restart on the same data). Jobs of that organisation may run from then on.
     *
     * @return the application's id
     */
    public String approveApplication(Credentials submitter) {
        return SampleApplication.ensureApproved(client(submitter), client(APPROVER), SampleApplication.EVERY_FIELD);
    }

    /** As {@link #approveApplication(Credentials)}, for the sample centre. */
    public String approveSampleApplication() {
        return approveApplication(SUBMITTER);
    }

    /**
     * The API's token signing secret: random, made on first start and kept in the data directory (readable by the
     * owner only) so that tokens survive a restart of the local stack.
     */
    static String jwtSecret(Path dataDir) {
        return secret(dataDir, "api-jwt-secret");
    }

    /** The sample centre's webhook signing secret, kept like {@link #jwtSecret(Path)}. */
    static String webhookSecret(Path dataDir) {
        return secret(dataDir, "api-webhook-secret-" + SUBMITTER.organisation());
    }

    private static String secret(Path dataDir, String name) {
        Path file = dataDir.resolve(name);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                byte[] random = new byte[48];
                new SecureRandom().nextBytes(random);
                Files.writeString(file, Base64.getEncoder().encodeToString(random), StandardCharsets.US_ASCII);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the data directory's own permissions apply
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the API's secret in " + file, e);
        }
    }

    private Properties streamsSettings(Path stateDir, int managementPort) {
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        overrides.put(StreamsSettings.KAFKA_CONFIG_FILE, kafka.clientConfigFile().toString());
        overrides.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        overrides.put(StreamsSettings.PARTITIONS, String.valueOf(settings.partitions()));
        overrides.put(StreamsSettings.CREATE_TOPICS, "false");
        overrides.put(StreamsSettings.CENTRES, CENTRE);
        overrides.put(StreamsSettings.JOBS_RETENTION, settings.jobRetention().keep().toString());
        overrides.put(StreamsSettings.JOBS_RETENTION_CHECK_INTERVAL, settings.jobRetention().checkEvery().toString());
        overrides.put(StreamsSettings.JOBS_STALL_TIMEOUT, settings.jobRetention().stallAfter().toString());
        overrides.put(StreamsSettings.ID_KEYSET_FILE, keysets.get(Keysets.ID_KEYSET_FILE));
        overrides.put(StreamsSettings.FIELD_KEYSET_FILE, keysets.get(Keysets.FIELD_KEYSET_FILE));
        // like the API: the loopback only
        overrides.put(StreamsSettings.MANAGEMENT_ADDRESS, "127.0.0.1");
        overrides.put(StreamsSettings.MANAGEMENT_PORT, String.valueOf(managementPort));
        return StreamsSettings.load(null, Map.of(), overrides);
    }

    /** Every client gets the broker's own settings explicitly, never a VITALINK_KAFKA_CONFIG_FILE meant for another cluster. */
    private Map<String, Object> adminConfig() {
        return kafka.clientProperties().mergedInto(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private <T extends AutoCloseable> T started(T component) {
        running.push(component);
        return component;
    }

    /** Stops the API, then the matcher, then the broker. */
    @Override
    public void close() {
        while (!running.isEmpty()) {
            AutoCloseable component = running.pop();
            try {
                component.close();
            } catch (Exception e) {
                log.warn("Could not stop {} cleanly", component.getClass().getSimpleName(), e);
            }
        }
    }
}
