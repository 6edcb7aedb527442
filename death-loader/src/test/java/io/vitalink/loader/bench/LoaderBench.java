package io.vitalink.loader.bench;

import io.vitalink.crypto.FieldCipher;
import io.vitalink.crypto.Keysets;
import io.vitalink.loader.DeathLoader;
import io.vitalink.loader.LoadOptions;
import io.vitalink.loader.LoadSummary;
import io.vitalink.topic.TopicProvisioner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Loader benchmark (run by {@code death-loader/bench-loader.sh}): a fresh in-JVM KRaft broker, then the same export
 * loaded twice (into an empty topic, then all unchanged), printing rows/s for each. Uses only the loader's public
 * API, so the same class measures an older build of the loader too.
 */
public final class LoaderBench {

    private LoaderBench() {
    }

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args[0]);
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        Path work = Files.createTempDirectory("loader-bench-");
        try (KafkaClusterTestKit cluster = startBroker()) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
                new TopicProvisioner(partitions, (short) 1).ensureTopics(admin);
            }
            FieldCipher cipher = FieldCipher.of(Keysets.newIdKeyset(), Keysets.newFieldKeyset());
            DeathLoader loader = new DeathLoader(Map.of("bootstrap.servers", cluster.bootstrapServers()), cipher,
                    Clock.systemUTC());
            LoadOptions options = LoadOptions.defaults().withWorkDir(work).withRejectFile(work.resolve("rejects.csv"))
                    .withProgress(false);
            run("first load (empty topic)", loader, csv, options);
            run("second load (all unchanged)", loader, csv, options);
        }
    }

    private static void run(String what, DeathLoader loader, Path csv, LoadOptions options) {
        long start = System.nanoTime();
        LoadSummary summary = loader.load(csv, options);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("BENCH %s: %d rows in %.1f s = %,.0f rows/s (%s)%n", what, summary.read(), seconds,
                summary.read() / seconds, summary.summaryLine());
    }

    private static KafkaClusterTestKit startBroker() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setBootstrapMetadataVersion(MetadataVersion.LATEST_PRODUCTION)
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return cluster;
    }
}
