package io.vitalink.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import io.vitalink.kafka.KafkaClientProperties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka 4.3 broker in KRaft mode (one process acting as broker and controller) running inside
 * this JVM. Not a mock and not the test kit: storage is formatted with {@link StorageTool}, then a
 * {@link KafkaRaftServer} is started exactly as {@code kafka.Kafka} would start it.
 *
 * <p>The quorum is static ({@code controller.quorum.voters}): the controller endpoint lives in the configuration,
 * not in the formatted storage, so a restart on the same data directory may use different ports.
 *
 * <p>The client listener is PLAINTEXT, or with {@link #startWithScram} SASL_PLAINTEXT accepting SCRAM-SHA-512 users
 * only, or with {@link #startWithScramOverTls} the same inside TLS (SASL_SSL). Either way {@link #clientConfigFile()}
 * holds what a client needs, in the format of {@code VITALINK_KAFKA_CONFIG_FILE}.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int NODE_ID = 1;
    private static final String HOST = "localhost";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** Written by the formatter into every formatted log directory. */
    private static final String META_PROPERTIES = "meta.properties";
    private static final String SCRAM = "SCRAM-SHA-512";
    /** The broker's own SCRAM identity: it connects to its listener itself, e.g. to write transaction markers. */
    private static final String BROKER_USER = "embedded-broker";
    private static final String BROKER_SECRET = "broker-scram.secret";
    private static final String CLIENT_PROPERTIES = "client.properties";
    /** Names and passwords go unquoted into the formatter's --add-scram argument and into a JAAS line. */
    private static final Pattern SCRAM_TOKEN = Pattern.compile("[A-Za-z0-9._-]+");

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path dataDir;
    private final KafkaClientProperties clientProperties;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, Path dataDir,
                          KafkaClientProperties clientProperties) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
        this.clientProperties = clientProperties;
    }

    /**
     * Formats {@code dataDir} unless it already holds formatted storage, starts the broker and returns once an
     * admin client can list topics.
     *
     * @param port the client (PLAINTEXT) port, or 0 for a free one; the controller always gets its own free port
     * @throws IllegalStateException if formatting fails or the broker is not ready within 60 s
     */
    public static EmbeddedKafka start(Path dataDir, int port) {
        return start(dataDir, port, Map.of(), null, null);
    }

    /**
     * As {@link #start}, with a SASL_PLAINTEXT client listener that accepts only the SCRAM-SHA-512 {@code users}
     * (name → password; letters, digits, {@code . _ -}). Users are written when the storage is formatted: a restart
     * on formatted storage keeps the users it was formatted with.
     *
     * @throws IllegalStateException also when {@code dataDir} holds storage formatted without SCRAM
     */
    public static EmbeddedKafka startWithScram(Path dataDir, int port, Map<String, String> users) {
        return start(dataDir, port, checked(users), null, null);
    }

    /**
     * As {@link #startWithScram}, the listener SASL_SSL: TLS with the broker keystore {@code docker/kafka/make-certs.sh}
     * wrote into {@code tlsDir} (its certificate names {@code localhost}), SCRAM-SHA-512 inside. The broker connects to
     * its own listener over TLS too, trusting the CA of {@code tlsDir}; {@link #clientConfigFile()} does the same.
     */
    public static EmbeddedKafka startWithScramOverTls(Path dataDir, int port, Map<String, String> users, Path tlsDir) {
        return start(dataDir, port, checked(users), null, BrokerTls.from(tlsDir));
    }

    /**
     * As {@link #startWithScram}, with Kafka's standard KRaft authorizer: a user may do only what an ACL allows it,
     * except the {@code superUsers} (and the broker itself), who may do everything.
     */
    public static EmbeddedKafka startWithAcls(Path dataDir, int port, Map<String, String> users, Set<String> superUsers) {
        superUsers.forEach(user -> {
            if (!users.containsKey(user)) {
                throw new IllegalArgumentException("super user " + user + " is not one of the SCRAM users");
            }
        });
        return start(dataDir, port, checked(users), Set.copyOf(superUsers), null);
    }

    private static Map<String, String> checked(Map<String, String> users) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("a SCRAM listener needs at least one user");
        }
        users.forEach((name, password) -> {
            if (!SCRAM_TOKEN.matcher(name).matches() || !SCRAM_TOKEN.matcher(password).matches() || name.equals(BROKER_USER)) {
                throw new IllegalArgumentException("SCRAM user " + name + ": name and password must match "
                        + SCRAM_TOKEN + ", and the name must not be " + BROKER_USER);
            }
        });
        return users;
    }

    /**
     * @param superUsers null for no authorizer
     * @param tls null for a listener without TLS
     */
    private static EmbeddedKafka start(Path dataDir, int port, Map<String, String> scramUsers, Set<String> superUsers,
                                       BrokerTls tls) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        long started = System.nanoTime();
        Path root = dataDir.toAbsolutePath();
        Path logDir = root.resolve("kraft-logs");
        int brokerPort = port == 0 ? freePort() : port;
        int controllerPort = freePort();
        while (controllerPort == brokerPort) {
            controllerPort = freePort();
        }
        KafkaClientProperties client;
        Map<String, String> config;
        try {
            Files.createDirectories(logDir);
            boolean formatted = Files.exists(logDir.resolve(META_PROPERTIES));
            String brokerPassword = scramUsers.isEmpty() ? null : brokerPassword(root, formatted);
            config = config(logDir, brokerPort, controllerPort, brokerPassword, tls);
            if (superUsers != null) {
                config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
                // the controller listener is PLAINTEXT on the loopback: the broker reaches its controller as ANONYMOUS
                config.put("super.users", Stream.concat(Stream.of(BROKER_USER, "ANONYMOUS"), superUsers.stream().sorted())
                        .map(user -> "User:" + user).collect(Collectors.joining(";")));
            }
            Path propertiesFile = root.resolve("server.properties");
            writeProperties(config, propertiesFile);
            if (formatted) {
                LOG.info("Reusing formatted Kafka storage in {}", logDir);
            } else {
                format(propertiesFile, scramUsers, brokerPassword);
            }
            client = KafkaClientProperties.load(writeClientProperties(root, brokerPassword, tls), "embedded broker");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare Kafka storage in " + root, e);
        }

        Properties props = new Properties();
        props.putAll(config);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        String bootstrap = HOST + ":" + brokerPort;
        EmbeddedKafka kafka = new EmbeddedKafka(server, bootstrap, root, client);
        try {
            server.startup();
            awaitReady(bootstrap, client);
        } catch (RuntimeException e) {
            IllegalStateException failure = e instanceof IllegalStateException ise ? ise
                    : new IllegalStateException("The Kafka broker did not start on " + bootstrap + " (controller port "
                            + controllerPort + ", data in " + root + "): " + e.getMessage(), e);
            try {
                kafka.close();
            } catch (RuntimeException suppressed) {
                failure.addSuppressed(suppressed);
            }
            throw failure;
        }
        LOG.info("Kafka broker ready on {} (data in {}) after {} ms", bootstrap, root,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return kafka;
    }

    /** {@code host:port} of the client listener, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * The client security settings for this broker, as a file any Vitalink service takes ({@code --kafka-config},
     * {@code vitalink.kafka.config-file}, {@code VITALINK_KAFKA_CONFIG_FILE}): {@code security.protocol=PLAINTEXT},
     * or SASL/SCRAM as the broker's own user, over TLS with the truststore. Readable by the owner only.
     */
    public Path clientConfigFile() {
        return clientProperties.source().orElseThrow();
    }

    /** The settings of {@link #clientConfigFile()}, for clients created in this JVM. */
    public KafkaClientProperties clientProperties() {
        return clientProperties;
    }

    /** The data directory given to {@link #start}, as an absolute path. */
    public Path dataDir() {
        return dataDir;
    }

    /** Shuts the broker down and waits until it has stopped. Later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Stopping Kafka broker on {}", bootstrapServers);
        server.shutdown();
        server.awaitShutdown();
    }

    /** @param brokerPassword null for a PLAINTEXT client listener, else the broker's own SCRAM password */
    private static Map<String, String> config(Path logDir, int brokerPort, int controllerPort, String brokerPassword,
                                              BrokerTls tls) {
        String listener = listener(brokerPassword, tls);
        Map<String, String> c = new TreeMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", String.valueOf(NODE_ID));
        c.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        c.put("listeners", listener + "://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        c.put("advertised.listeners", listener + "://" + HOST + ":" + brokerPort);
        c.put("listener.security.protocol.map", listener + ":" + listener + ",CONTROLLER:PLAINTEXT");
        c.put("inter.broker.listener.name", listener);
        c.put("controller.listener.names", "CONTROLLER");
        if (brokerPassword != null) {
            c.put("sasl.enabled.mechanisms", SCRAM);
            c.put("sasl.mechanism.inter.broker.protocol", SCRAM);
            c.put("listener.name." + listener.toLowerCase(Locale.ROOT) + ".scram-sha-512.sasl.jaas.config",
                    jaas(BROKER_USER, brokerPassword));
        }
        if (tls != null) {
            c.putAll(tls.listenerConfig(listener));
        }
        c.put("log.dirs", logDir.toString());
        // one broker: every internal topic must live with a single replica, or consumers and transactions hang
        c.put("offsets.topic.replication.factor", "1");
        c.put("offsets.topic.num.partitions", "6");
        c.put("transaction.state.log.replication.factor", "1");
        c.put("transaction.state.log.min.isr", "1");
        c.put("transaction.state.log.num.partitions", "6");
        c.put("share.coordinator.state.topic.replication.factor", "1");
        c.put("share.coordinator.state.topic.min.isr", "1");
        c.put("default.replication.factor", "1");
        c.put("min.insync.replicas", "1");
        c.put("group.initial.rebalance.delay.ms", "0");
        c.put("num.partitions", "6");
        c.put("auto.create.topics.enable", "false");
        return c;
    }

    /** SCRAM credentials live in the cluster metadata: the formatter writes them into its first records. */
    private static void format(Path propertiesFile, Map<String, String> scramUsers, String brokerPassword) {
        String clusterId = Uuid.randomUuid().toString();
        List<String> args = new ArrayList<>(List.of("format", "-t", clusterId, "-c", propertiesFile.toString()));
        if (brokerPassword != null) {
            Map<String, String> users = new TreeMap<>(scramUsers);
            users.put(BROKER_USER, brokerPassword);
            users.forEach((name, password) -> args.addAll(List.of("--add-scram",
                    SCRAM + "=[name=" + name + ",password=" + password + "]")));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            exit = StorageTool.execute(args.toArray(String[]::new), print);
        }
        String output = out.toString(StandardCharsets.UTF_8).strip();
        if (exit != 0) {
            // the formatter's output names options, never the credentials given to them
            throw new IllegalStateException("Formatting Kafka storage failed (exit " + exit + "): " + output);
        }
        LOG.info("Formatted Kafka storage in {} (cluster {})", propertiesFile.getParent(), clusterId);
        LOG.debug("Formatter output: {}", output);
    }

    private static void awaitReady(String bootstrap, KafkaClientProperties client) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Map<String, Object> adminConfig = client.mergedInto(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000));
        Exception last = null;
        try (Admin admin = Admin.create(adminConfig)) {
            while (System.nanoTime() < deadline) {
                try {
                    admin.listTopics(new ListTopicsOptions().listInternal(true).timeoutMs(5_000))
                            .names().get(6, TimeUnit.SECONDS);
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for the Kafka broker on " + bootstrap, e);
                } catch (Exception e) {
                    last = e;
                    sleep(200);
                }
            }
        }
        throw new IllegalStateException("The Kafka broker on " + bootstrap + " could not list topics within "
                + READY_TIMEOUT.toSeconds() + " s", last);
    }

    /** Owner-only: with SCRAM it holds the broker's own password. */
    private static void writeProperties(Map<String, String> config, Path file) throws IOException {
        Properties props = new Properties();
        props.putAll(config);
        StringWriter text = new StringWriter();
        props.store(text, "Written by Vitalink EmbeddedKafka at each start; ports change between starts");
        writeOwnerOnly(file, text.toString());
    }

    /** Kept beside the storage, so that a restart authenticates the broker to itself as at the first start. */
    private static String brokerPassword(Path root, boolean formatted) throws IOException {
        Path secret = root.resolve(BROKER_SECRET);
        if (Files.exists(secret)) {
            return Files.readString(secret, StandardCharsets.US_ASCII).strip();
        }
        if (formatted) {
            throw new IllegalStateException("The Kafka storage in " + root + " was formatted without SCRAM users; "
                    + "use a new data directory");
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        writeOwnerOnly(secret, password);
        return password;
    }

    private static String listener(String brokerPassword, BrokerTls tls) {
        if (brokerPassword == null) {
            return "PLAINTEXT";
        }
        return tls == null ? "SASL_PLAINTEXT" : "SASL_SSL";
    }

    private static Path writeClientProperties(Path root, String brokerPassword, BrokerTls tls) throws IOException {
        Properties client = new Properties();
        client.put("security.protocol", listener(brokerPassword, tls));
        if (brokerPassword != null) {
            client.put("sasl.mechanism", SCRAM);
            client.put("sasl.jaas.config", jaas(BROKER_USER, brokerPassword));
        }
        if (tls != null) {
            client.putAll(tls.clientConfig());
        }
        StringWriter text = new StringWriter();
        client.store(text, "Kafka client settings for this embedded broker (VITALINK_KAFKA_CONFIG_FILE format)");
        Path file = root.resolve(CLIENT_PROPERTIES);
        writeOwnerOnly(file, text.toString());
        return file;
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free TCP port on " + HOST, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
        }
    }
}
