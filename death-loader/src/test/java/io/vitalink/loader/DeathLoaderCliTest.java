package io.vitalink.loader;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.DeathRecord;
import io.vitalink.topic.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DeathLoaderCliTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T08:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Map<String, Object> seenConfig = new HashMap<>();
    private final MockProducer<String, DeathRecord> producer = new MockProducer<>(true, null,
            Topics.DEATH_RECORDS.keySerde().serializer(), Topics.DEATH_RECORDS.valueSerde().serializer());

    private int run(String... args) {
        CommandLine cli = DeathLoaderCli.commandLine(config -> {
            seenConfig.putAll(config);
            return DeathLoader.withProducer(() -> producer, CLOCK);
        });
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path csv(String content) throws IOException {
        Path file = dir.resolve("deaths.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void printsExactlyTheSummaryLineOnStdout() throws IOException {
        Path input = csv("id_number,death_date\n" + TestIds.WOMAN_1949 + ",2024-01-05\nbad,2024-01-05\n");

        int exit = run("load", "--file", input.toString(), "--bootstrap-servers", "broker:9092", "--no-progress");

        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo("read 2, loaded 1, rejected 1 (reject file: "
                + dir.resolve("deaths.csv.rejects.csv") + ")" + System.lineSeparator());
        assertThat(producer.history()).hasSize(1);
        assertThat(seenConfig).containsEntry("bootstrap.servers", "broker:9092");
    }

    @Test
    void passesRejectFileAndBatchLabel() throws IOException {
        Path input = csv("id_number,death_date\nbad,2024-01-05\n" + TestIds.MAN_1950 + ",2024-01-05\n");
        Path rejects = dir.resolve("rejects.csv");

        int exit = run("load", "--file", input.toString(), "--bootstrap-servers", "broker:9092",
                "--reject-file", rejects.toString(), "--batch-label", "2024Q1");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("(reject file: " + rejects + ")");
        assertThat(Files.readAllLines(rejects)).hasSize(2);
        assertThat(producer.history().get(0).value().getSourceBatch()).isEqualTo("2024Q1");
    }

    @Test
    void mergesTheProducerConfigFileUnderTheCommandLine() throws IOException {
        Path input = csv("id_number,death_date\n");
        Path properties = dir.resolve("producer.properties");
        Files.writeString(properties, "security.protocol=SSL\nssl.truststore.location=/etc/vl/trust.p12\nbootstrap.servers=file:9093\n");

        int exit = run("load", "--file", input.toString(), "--bootstrap-servers", "cli:9092",
                "--producer-config", properties.toString());

        assertThat(exit).isZero();
        assertThat(seenConfig)
                .containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.truststore.location", "/etc/vl/trust.p12")
                .containsEntry("bootstrap.servers", "cli:9092");
    }

    @Test
    void takesBootstrapServersFromTheProducerConfigFile() throws IOException {
        Path input = csv("id_number,death_date\n");
        Path properties = dir.resolve("producer.properties");
        Files.writeString(properties, "bootstrap.servers=file:9093\n");

        assertThat(run("load", "--file", input.toString(), "--producer-config", properties.toString())).isZero();
        assertThat(seenConfig).containsEntry("bootstrap.servers", "file:9093");
    }

    @Test
    void exitsNonZeroWithCodeForAMissingFile() {
        int exit = run("load", "--file", dir.resolve("missing.csv").toString(), "--bootstrap-servers", "broker:9092");

        assertThat(exit).isEqualTo(DeathLoaderCli.EXIT_LOAD_FAILED);
        assertThat(err.toString()).contains("VL-3101").contains("missing.csv");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void exitsNonZeroWithCodeForAHeaderWithoutRequiredColumns() throws IOException {
        Path input = csv("name,date\n张三,2024-01-05\n");

        int exit = run("load", "--file", input.toString(), "--bootstrap-servers", "broker:9092");

        assertThat(exit).isEqualTo(DeathLoaderCli.EXIT_LOAD_FAILED);
        assertThat(err.toString()).contains("VL-3102").contains("id_number").contains("death_date");
    }

    @Test
    void exitsNonZeroWithCodeForAMissingProducerConfigFile() throws IOException {
        Path input = csv("id_number,death_date\n");

        int exit = run("load", "--file", input.toString(), "--bootstrap-servers", "b:9092",
                "--producer-config", dir.resolve("nope.properties").toString());

        assertThat(exit).isEqualTo(DeathLoaderCli.EXIT_LOAD_FAILED);
        assertThat(err.toString()).contains("VL-3107");
    }

    @Test
    void exitsWithUsageErrorWithoutFileOrServers() throws IOException {
        assertThat(run("load", "--bootstrap-servers", "b:9092")).isEqualTo(DeathLoaderCli.EXIT_USAGE);
        assertThat(err.toString()).contains("--file");

        Path input = csv("id_number,death_date\n");
        assertThat(run("load", "--file", input.toString())).isEqualTo(DeathLoaderCli.EXIT_USAGE);
        assertThat(err.toString()).contains("--bootstrap-servers");
    }

    @Test
    void exitsWithUsageErrorWithoutSubcommand() {
        assertThat(run()).isEqualTo(DeathLoaderCli.EXIT_USAGE);
    }
}
