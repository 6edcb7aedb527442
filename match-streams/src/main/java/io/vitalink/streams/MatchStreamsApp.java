package io.vitalink.streams;

import io.vitalink.job.JobRetention;
import io.vitalink.kafka.KafkaClientProperties;
import io.vitalink.match.MatchTopology;
import io.vitalink.topic.TopicProvisioner;
import io.vitalink.topic.TopicSerdes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the match topology: {@code java -jar match-streams.jar [config.properties]}. */
public final class MatchStreamsApp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MatchStreamsApp.class);

    private final KafkaStreams streams;
    private final StreamsMetrics metrics;
    private final ManagementServer management;

    private MatchStreamsApp(KafkaStreams streams, StreamsMetrics metrics, ManagementServer management) {
        this.streams = streams;
        this.metrics = metrics;
        this.management = management;
    }

    /**
     * Creates missing topics when configured to, then starts the topology and the management port
     * ({@value StreamsSettings#MANAGEMENT_PORT}: /prometheus, /health/liveness, /health/readiness); returns at once.
     */
    public static MatchStreamsApp start(Properties settings) {
        Properties kafka = StreamsSettings.kafkaOnly(settings);
        TopicSerdes serdes = new TopicSerdes(StreamsSettings.cipher(settings));
        JobRetention retention = StreamsSettings.retention(settings);
        if (Boolean.parseBoolean(settings.getProperty(StreamsSettings.CREATE_TOPICS, "true"))) {
            try (Admin admin = Admin.create(adminConfig(kafka))) {
                new TopicProvisioner(Integer.parseInt(settings.getProperty(StreamsSettings.PARTITIONS)),
                        Short.parseShort(settings.getProperty(StreamsSettings.REPLICATION_FACTOR)), retention.keep())
                        .ensureTopics(admin, StreamsSettings.centres(settings));
            }
        }
        Clock clock = Clock.system(ZoneId.of(settings.getProperty(StreamsSettings.TIME_ZONE)));
        StreamsMetrics metrics = new StreamsMetrics();
        Topology topology = MatchTopology.build(clock, StreamsSettings.topologyOptions(settings).withMetrics(metrics),
                kafka, serdes);
        log.info("Starting match topology, application id {}", kafka.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
        log.debug("Match topology:\n{}", topology.describe());
        KafkaStreams streams = new KafkaStreams(topology, kafka);
        // a failed thread is replaced and resumes from the last committed transaction
        streams.setUncaughtExceptionHandler(exception -> {
            log.error("Stream thread failed; replacing it", exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        metrics.bind(streams);
        streams.start();
        int port = Integer.parseInt(settings.getProperty(StreamsSettings.MANAGEMENT_PORT));
        ManagementServer management = null;
        if (port >= 0) {
            try {
                management = ManagementServer.start(settings.getProperty(StreamsSettings.MANAGEMENT_ADDRESS), port,
                        metrics.registry(), streams::state);
            } catch (IOException e) {
                streams.close(Duration.ofSeconds(30));
                metrics.close();
                throw new UncheckedIOException("cannot listen on the management port " + port, e);
            }
        }
        return new MatchStreamsApp(streams, metrics, management);
    }

    /** The management port listened on, or -1 when it is off. */
    public int managementPort() {
        return management == null ? -1 : management.port();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Blocks until every stream thread runs, or throws after {@code timeout}. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || !streams.state().isRunningOrRebalancing()) {
                throw new IllegalStateException("match-streams did not reach RUNNING, state " + streams.state());
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    @Override
    public void close() {
        if (management != null) {
            management.close();
        }
        // leave the group so that a restart does not wait a session timeout for this member to expire
        streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        metrics.close();
    }

    private static Properties adminConfig(Properties kafka) {
        Properties admin = new Properties();
        kafka.forEach((k, v) -> {
            String key = k.toString();
            if (KafkaClientProperties.keepFor(AdminClientConfig.configNames(), key)) {
                admin.put(key, v);
            }
        });
        return admin;
    }

    public static void main(String[] args) throws InterruptedException {
        Path file = args.length > 0 ? Path.of(args[0]) : null;
        Properties settings = StreamsSettings.load(file, System.getenv(), new Properties());
        MatchStreamsApp app = start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "match-streams-shutdown"));
        stopped.await();
    }
}
