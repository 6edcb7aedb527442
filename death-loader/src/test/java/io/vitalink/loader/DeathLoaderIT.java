package io.vitalink.loader;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.DeathRecord;
import io.vitalink.topic.TopicProvisioner;
import io.vitalink.topic.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The loader against a real single-node KRaft broker: load, reload, change, withdraw, reload, with exact summaries. */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DeathLoaderIT {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T08:30:00Z"), ZoneOffset.UTC);
    private static final String P1 = TestIds.bornOn(LocalDate.of(1941, 1, 11), true);
    private static final String P2 = TestIds.bornOn(LocalDate.of(1942, 2, 12), false);
    private static final String P3 = TestIds.bornOn(LocalDate.of(1943, 3, 13), true);
    private static final String P4 = TestIds.bornOn(LocalDate.of(1944, 4, 14), false);
    private static final String P5 = TestIds.bornOn(LocalDate.of(1945, 5, 15), true);
    private static final String P6 = TestIds.bornOn(LocalDate.of(1946, 6, 16), false);
    private static final String ABSENT = TestIds.bornOn(LocalDate.of(1947, 7, 17), true);
    private static final String HEADER = "id_number,name,sex,death_date,direct_cause_icd10\n";

    private static KafkaClusterTestKit cluster;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setBootstrapMetadataVersion(MetadataVersion.LATEST_PRODUCTION)
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            new TopicProvisioner(3, (short) 1).ensureTopics(admin);
        }
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void publishesOnlyWhatChangesAndWithdrawsWithTombstones() throws Exception {
        DeathLoader loader = new DeathLoader(Map.of("bootstrap.servers", cluster.bootstrapServers()), TestKeys.CIPHER, CLOCK);
        int base = records().size(); // the other test may have run first

        // Given an export of five deaths, a refused row and an older duplicate of the first death
        Path first = file("deaths.csv", HEADER
                + P1 + ",甲,男,2024-03-01,C34.9\n"                        // 2
                + P2 + ",乙,女,2024-03-02,I21.0\n"                        // 3
                + P3 + ",丙,,2024-03-03,\n"                               // 4
                + P4 + ",丁,F,2024-03-04,c349\n"                          // 5
                + P5 + ",戊,M,2024-03-05,U07.1\n"                         // 6
                + TestIds.withBadCheck(P6) + ",己,,2024-03-06,\n"         // 7: VL-2005
                + P1 + ",甲,男,2024-01-01,C34.9\n");                      // 8: older duplicate of line 2
        Path firstRejects = dir.resolve("deaths.csv.rejects.csv");

        // When it is loaded
        LoadSummary loaded = loader.load(first, LoadOptions.defaults().withBatchLabel("b1"));

        // Then five deaths are new
        assertThat(loaded).isEqualTo(new LoadSummary("b1", 7, 0, 5, 0, 0, 0, 2, 1,
                Map.of("VL-2005", 1L, "VL-3013", 1L), firstRejects));
        assertThat(Files.readAllLines(firstRejects)).containsExactly(
                "line,reason_code,message,input",
                "7,VL-2005,The check digit of the resident ID is wrong (GB 11643-1999 MOD 11-2),file",
                "8,VL-3013,Another row with the same ID was kept instead of this one (line 2),file");
        assertThat(records().size() - base).isEqualTo(5);
        assertThat(table().get(P1).getDeathDate()).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(table().get(P4).getDirectCauseIcd10()).isEqualTo("C34.9");
        assertThat(table().get(P3).getSex()).isEqualTo("M");

        // When the same file is loaded again
        LoadSummary again = loader.load(first, LoadOptions.defaults().withBatchLabel("b2"));

        // Then every death is unchanged and nothing is published
        assertThat(again).isEqualTo(new LoadSummary("b2", 7, 0, 0, 0, 5, 0, 2, 1,
                Map.of("VL-2005", 1L, "VL-3013", 1L), firstRejects));
        assertThat(records().size() - base).isEqualTo(5);
        assertThat(table().values()).extracting(DeathRecord::getSourceBatch).containsOnly("b1");

        // When a changed export is loaded: two deaths corrected, two the same, one new, one not mentioned
        Path changed = file("changed.csv", HEADER
                + P1 + ",甲,男,2024-03-01,C18.7\n"
                + P2 + ",乙,女,2024-03-12,I21.0\n"
                + P3 + ",丙,男,2024-03-03,\n"
                + P4 + ",丁,女,2024-03-04,C34.9\n"
                + P6 + ",己,,2024-03-06,\n");

        LoadSummary update = loader.load(changed, LoadOptions.defaults().withBatchLabel("b3"));

        // Then only the corrections and the new death are published
        assertThat(update).isEqualTo(new LoadSummary("b3", 5, 0, 1, 2, 2, 0, 0, 0, Map.of(),
                dir.resolve("changed.csv.rejects.csv")));
        assertThat(records().size() - base).isEqualTo(8);
        Map<String, DeathRecord> table = table();
        assertThat(table.get(P1).getDirectCauseIcd10()).isEqualTo("C18.7");
        assertThat(table.get(P1).getSourceBatch()).isEqualTo("b3");
        assertThat(table.get(P2).getDeathDate()).isEqualTo(LocalDate.of(2024, 3, 12));
        assertThat(table.get(P3).getSourceBatch()).isEqualTo("b1");
        assertThat(table.get(P6).getSourceBatch()).isEqualTo("b3");

        // When a delete file withdraws two deaths in the topic, one that is not, and an invalid ID (through the CLI)
        Path ids = file("withdraw.txt", P3 + "\n" + P5 + "\n" + ABSENT + "\n12345\n");
        StringWriter out = new StringWriter();
        int exit = DeathLoaderCli.commandLine((config, cipher) -> new DeathLoader(config, cipher, CLOCK))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(new StringWriter(), true))
                .execute("load", "--delete-file", ids.toString(), "--bootstrap-servers", cluster.bootstrapServers(),
                        "--batch-label", "b4", "--no-progress", TestKeys.options(dir)[0], TestKeys.options(dir)[1],
                        TestKeys.options(dir)[2], TestKeys.options(dir)[3]);

        // Then two tombstones are published
        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("read 0, loaded 0, updated 0, unchanged 0, rejected 2 (VL-2002: 1, VL-3014: 1), "
                + "duplicates 0, withdrawals read 4, withdrawn 2; batch b4; reject file: " + dir.resolve("withdraw.txt.rejects.csv")
                + "; took ").endsWith(" s" + System.lineSeparator());
        assertThat(records().size() - base).isEqualTo(10);
        table = table();
        assertThat(table).containsEntry(P3, null).containsEntry(P5, null).doesNotContainKey(ABSENT);
        assertThat(table.get(P4)).isNotNull();

        // When the first export is loaded once more
        LoadSummary back = loader.load(first, LoadOptions.defaults().withBatchLabel("b5"));

        // Then the withdrawn deaths are new again, the corrections are reverted, P4 is unchanged
        assertThat(back).isEqualTo(new LoadSummary("b5", 7, 0, 2, 2, 1, 0, 2, 1,
                Map.of("VL-2005", 1L, "VL-3013", 1L), firstRejects));
        assertThat(records().size() - base).isEqualTo(14);
        assertThat(table().get(P3).getSourceBatch()).isEqualTo("b5");
    }

    @Test
    void loadsAndWithdrawsInOneRun() throws Exception {
        DeathLoader loader = new DeathLoader(Map.of("bootstrap.servers", cluster.bootstrapServers()), TestKeys.CIPHER, CLOCK);
        String a = TestIds.bornOn(LocalDate.of(1931, 1, 1), true);
        String b = TestIds.bornOn(LocalDate.of(1932, 2, 2), false);
        loader.load(file("a.csv", HEADER + a + ",,,2024-01-01,\n"), LoadOptions.defaults());
        Set<String> before = records().stream().map(r -> r.partition() + "@" + r.offset()).collect(Collectors.toSet());

        LoadSummary summary = loader.load(file("b.csv", HEADER + a + ",,,2024-01-01,\n" + b + ",,,2024-01-02,\n"),
                LoadOptions.defaults().withDeleteFile(file("ids.csv", "id_number\n" + a + "\n")).withBatchLabel("both"));

        assertThat(summary).isEqualTo(new LoadSummary("both", 2, 1, 1, 0, 0, 1, 1, 0, Map.of("VL-3015", 1L),
                dir.resolve("b.csv.rejects.csv")));
        List<ConsumerRecord<String, byte[]>> added = records().stream()
                .filter(r -> !before.contains(r.partition() + "@" + r.offset())).toList();
        assertThat(added).extracting(r -> r.key() + (r.value() == null ? " tombstone" : " death"))
                .containsExactlyInAnyOrder(a + " tombstone", b + " death");
    }

    private Path file(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** Every record of death-records, tombstones included, partition by partition in offset order; keys opened. */
    private static List<ConsumerRecord<String, byte[]>> records() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config,
                TestKeys.SERDES.key(Topics.DEATH_RECORDS).deserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEATH_RECORDS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).sorted((x, y) -> x.partition() - y.partition()).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> all = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("death-records not read to its end in 30 s");
                }
            }
            return all;
        }
    }

    /** The latest value per key (null for a tombstone), as the compacted topic will end up. */
    private static Map<String, DeathRecord> table() {
        Map<String, DeathRecord> table = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records()) {
            table.put(record.key(), record.value() == null ? null
                    : TestKeys.SERDES.value(Topics.DEATH_RECORDS).deserializer().deserialize(record.topic(), record.value()));
        }
        return table;
    }
}
