package io.vitalink.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int NODE_ID = 1;
    private static final String HOST = "localhost";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** Written by the formatter into every formatted log directory. */
    private static final String META_PROPERTIES = "meta.properties";

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path dataDir;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, Path dataDir) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
    }

    /**
     * Formats {@code dataDir} unless it already holds formatted storage, starts the broker and returns once an
     * admin client can list topics.
     *
     * @param port the client (PLAINTEXT) port, or 0 for a free one; the controller always gets its own free port
     * @throws IllegalStateException if formatting fails or the broker is not ready within 60 s
     */
    public static EmbeddedKafka start(Path dataDir, int port) {
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
        Map<String, String> config = config(logDir, brokerPort, controllerPort);
        try {
            Files.createDirectories(logDir);
            Path propertiesFile = root.resolve("server.properties");
            writeProperties(config, propertiesFile);
            if (Files.exists(logDir.resolve(META_PROPERTIES))) {
                LOG.info("Reusing formatted Kafka storage in {}", logDir);
            } else {
                format(propertiesFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare Kafka storage in " + root, e);
        }

        Properties props = new Properties();
        props.putAll(config);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        String bootstrap = HOST + ":" + brokerPort;
        EmbeddedKafka kafka = new EmbeddedKafka(server, bootstrap, root);
        try {
            server.startup();
            awaitReady(bootstrap);
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

    /** {@code host:port} of the PLAINTEXT listener, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
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

    private static Map<String, String> config(Path logDir, int brokerPort, int controllerPort) {
        Map<String, String> c = new TreeMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", String.valueOf(NODE_ID));
        c.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        c.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        c.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        c.put("inter.broker.listener.name", "PLAINTEXT");
        c.put("controller.listener.names", "CONTROLLER");
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

    private static void format(Path propertiesFile) {
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            exit = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", propertiesFile.toString()}, print);
        }
        String output = out.toString(StandardCharsets.UTF_8).strip();
        if (exit != 0) {
            throw new IllegalStateException("Formatting Kafka storage failed (exit " + exit + "): " + output);
        }
        LOG.info("Formatted Kafka storage in {} (cluster {})", propertiesFile.getParent(), clusterId);
        LOG.debug("Formatter output: {}", output);
    }

    private static void awaitReady(String bootstrap) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
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

    private static void writeProperties(Map<String, String> config, Path file) throws IOException {
        Properties props = new Properties();
        props.putAll(config);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            props.store(writer, "Written by Vitalink EmbeddedKafka at each start; ports change between starts");
        }
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
