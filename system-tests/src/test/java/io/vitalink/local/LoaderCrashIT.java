package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.DeathRecord;
import io.vitalink.crypto.FieldCipher;
import io.vitalink.crypto.Keysets;
import io.vitalink.crypto.RecordProtection;
import io.vitalink.serde.Codecs;
import io.vitalink.topic.TopicProvisioner;
import io.vitalink.topic.Topics;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The death-loader CLI as an operator runs it, each run a JVM of its own: killed (SIGKILL) a third into a load and run
 * again, or run twice at once on the same file. Either way death-records ends holding what one clean load gives it:
 * the same IDs, each with the same content (opened, the batch label and load time aside).
 */
@Tag("integration")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LoaderCrashIT {

    private static final int DEATHS = 150_000;

    @TempDir
    Path dir;

    private Map<String, String> keysets;
    private FieldCipher cipher;
    private Path csv;

    @BeforeEach
    void writeTheExportAndTheKeys() throws Exception {
        keysets = Keysets.writeNew(dir.resolve("keys"));
        cipher = Keysets.cipherFrom(keysets::get);
        csv = dir.resolve("deaths.csv");
        SampleData.writeDeathsCsv(SampleData.deaths(11, DEATHS), csv);
    }

    @Test
    void aLoadKilledMidwayAndRunAgainEndsAsOneCleanLoad() throws Exception {
        Map<String, String> clean = cleanLoad();
        try (EmbeddedKafka kafka = broker("killed")) {
            Process first = loader(kafka, "first").start();
            awaitRecords(kafka, DEATHS / 3, Duration.ofMinutes(3));
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            long published = records(kafka);
            assertThat(published).as("killed before the end").isLessThan(DEATHS);

            // as an operator would: the same command again, the killed run's work directory left as it was
            assertThat(run(loader(kafka, "first"))).isZero();

            assertThat(table(kafka)).isEqualTo(clean);
        }
    }

    @Test
    void twoLoadsOfOneFileAtOnceEndAsOneCleanLoad() throws Exception {
        Map<String, String> clean = cleanLoad();
        try (EmbeddedKafka kafka = broker("concurrent")) {
            Process one = loader(kafka, "one").start();
            Process two = loader(kafka, "two").start();

            assertThat(one.waitFor(5, TimeUnit.MINUTES) && two.waitFor(1, TimeUnit.MINUTES)).isTrue();
            assertThat(List.of(one.exitValue(), two.exitValue())).containsOnly(0);
            assertThat(table(kafka)).isEqualTo(clean);
        }
    }

    private Map<String, String> cleanLoad() throws Exception {
        try (EmbeddedKafka kafka = broker("clean")) {
            assertThat(run(loader(kafka, "clean"))).isZero();
            Map<String, String> table = table(kafka);
            assertThat(table).hasSizeGreaterThan(DEATHS * 9 / 10);
            return table;
        }
    }

    private EmbeddedKafka broker(String name) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka-" + name), 0);
        try (Admin admin = Admin.create(admin(kafka))) {
            new TopicProvisioner(3, (short) 1, Duration.ofDays(30)).ensureTopics(admin, List.of());
        }
        return kafka;
    }

    /** The CLI in a JVM of its own, on this test's classpath (the modules and their dependencies). */
    private ProcessBuilder loader(EmbeddedKafka kafka, String name) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work-" + name));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "io.vitalink.loader.DeathLoaderCli", "load",
                "--file", csv.toString(),
                "--bootstrap-servers", kafka.bootstrapServers(),
                "--kafka-config", kafka.clientConfigFile().toString(),
                "--id-keyset", keysets.get(Keysets.ID_KEYSET_FILE),
                "--field-keyset", keysets.get(Keysets.FIELD_KEYSET_FILE),
                "--reject-file", work.resolve("rejects.csv").toString(),
                "--work-dir", work.toString(),
                "--batch-label", name, "--no-progress")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("loader.log").toFile()));
    }

    private static int run(ProcessBuilder loader) throws Exception {
        Process process = loader.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the loader ended").isTrue();
        return process.exitValue();
    }

    private static void awaitRecords(EmbeddedKafka kafka, long count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (records(kafka) < count) {
            assertThat(System.nanoTime()).as("%d records written in %s", count, timeout).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Records written to death-records so far (end offsets, committed or not). */
    private static long records(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = Admin.create(admin(kafka))) {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            admin.describeTopics(List.of(Topics.DEATH_RECORDS.name())).allTopicNames().get()
                    .get(Topics.DEATH_RECORDS.name()).partitions()
                    .forEach(p -> ends.put(new TopicPartition(Topics.DEATH_RECORDS.name(), p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(ends).all().get().values().stream().mapToLong(e -> e.offset()).sum();
        }
    }

    /** death-records as a table: sealed ID → the death opened, without the fields that name a load. */
    private Map<String, String> table(EmbeddedKafka kafka) {
        Map<String, Object> config = new HashMap<>(admin(kafka));
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        RecordProtection protection = new RecordProtection(cipher);
        Map<String, String> table = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(Topics.DEATH_RECORDS.name()).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        table.remove(record.key());
                    } else {
                        DeathRecord death = protection.open(Codecs.DEATH_RECORD.decode(record.value()));
                        death.setSourceBatch(null);
                        death.setLoadedAt(java.time.Instant.EPOCH);
                        table.put(record.key(), death.toString());
                    }
                }
            }
        }
        return table;
    }

    private static Map<String, Object> admin(EmbeddedKafka kafka) {
        return kafka.clientProperties().mergedInto(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }
}
