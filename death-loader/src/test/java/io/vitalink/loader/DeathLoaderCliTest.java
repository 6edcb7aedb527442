package io.vitalink.loader;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.crypto.FieldCipher;
import io.vitalink.crypto.Keysets;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final FakeTopic topic = new FakeTopic();
    private final Map<String, String> environment = new HashMap<>();

    /** Runs the command line; a {@code load} is given the test keysets. */
    private int run(String... args) {
        if (args.length > 0 && args[0].equals("load")) {
            List<String> withKeys = new ArrayList<>(List.of(args));
            withKeys.addAll(List.of(TestKeys.options(dir)));
            return runAsGiven(withKeys.toArray(String[]::new));
        }
        return runAsGiven(args);
    }

    private int runAsGiven(String... args) {
        CommandLine cli = DeathLoaderCli.commandLine((config, cipher) -> {
            seenConfig.putAll(config);
            return topic.loader(CLOCK);
        }, environment);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void createsKeysetsThatALoadCanUseAndNeverOverwritesThem() throws IOException {
        Path keys = dir.resolve("keys");

        assertThat(run("keys", "new", "--out", keys.toString())).isZero();
        assertThat(out.toString()).contains("VITALINK_ID_KEYSET_FILE=" + keys.resolve("id-keyset.json"));
        String before = Files.readString(keys.resolve("id-keyset.json"));
        assertThat(run("keys", "new", "--out", keys.toString())).isEqualTo(DeathLoaderCli.EXIT_USAGE);
        assertThat(Files.readString(keys.resolve("id-keyset.json"))).isEqualTo(before);

        FieldCipher cipher = Keysets.cipherFrom(
                Keysets.settingsFor(keys)::get);
        String sealed = cipher.seal("x", "name");
        assertThat(run("keys", "rotate-field", keys.resolve("field-keyset.json").toString())).isZero();
        FieldCipher rotated = Keysets.cipherFrom(
                Keysets.settingsFor(keys)::get);
        assertThat(rotated.open(sealed, "name")).isEqualTo("x");
    }

    @Test
    void refusesToLoadWithoutKeysetsAndNamesTheSettings() throws IOException {
        Path input = csv("id_number,death_date\n" + TestIds.WOMAN_1949 + ",2024-01-05\n");

        int exit = runAsGiven("load", "--file", input.toString(), "--bootstrap-servers", "broker:9092",
                "--id-keyset", dir.resolve("absent.json").toString());

        assertThat(exit).isEqualTo(DeathLoaderCli.EXIT_LOAD_FAILED);
        assertThat(err.toString()).contains("VL-3110").contains("absent.json");
        assertThat(topic.allSent()).isEmpty();
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
        assertThat(out.toString()).startsWith("read 2, loaded 1, updated 0, unchanged 0, rejected 1 (VL-2002: 1), "
                + "duplicates 0, withdrawals read 0, withdrawn 0; batch load-20250601T083000Z; reject file: "
                + dir.resolve("deaths.csv.rejects.csv") + "; took ");
        assertThat(out.toString()).matches("(?s)[^\\n]*; took \\d+\\.\\d s" + System.lineSeparator());
        assertThat(topic.lastSent()).hasSize(1);
        assertThat(seenConfig).containsEntry("bootstrap.servers", "broker:9092");
    }

    @Test
    void writesTheRunInThePrometheusTextFormatWhenAsked() throws IOException {
        Path input = csv("id_number,death_date\n" + TestIds.WOMAN_1949 + ",2024-01-05\nbad,2024-01-05\n");
        Path metrics = dir.resolve("death-loader.prom");

        int exit = run("load", "--file", input.toString(), "--bootstrap-servers", "broker:9092", "--no-progress",
                "--batch-label", "2024Q1", "--metrics-file", metrics.toString());

        assertThat(exit).isZero();
        List<String> lines = Files.readAllLines(metrics);
        assertThat(lines).contains("vitalink_loader_last_run_rows{result=\"read\"} 2",
                "vitalink_loader_last_run_rows{result=\"loaded\"} 1",
                "vitalink_loader_last_run_rows{result=\"rejected\"} 1",
                "vitalink_loader_last_run_rejected_rows{code=\"VL-2002\"} 1",
                "vitalink_loader_last_run_info{batch=\"2024Q1\"} 1",
                "vitalink_loader_last_run_success 1",
                "# TYPE vitalink_loader_last_run_duration_seconds gauge");
        assertThat(lines).anyMatch(l -> l.matches("vitalink_loader_last_run_duration_seconds \\d+\\.\\d{3}"));
        assertThat(String.join("\n", lines)).doesNotContain(TestIds.WOMAN_1949);
        assertThat(dir.resolve("death-loader.prom.tmp")).doesNotExist();
    }

    @Test
    void writesAFailedRunToTheMetricsFile() throws IOException {
        Path metrics = dir.resolve("death-loader.prom");

        int exit = run("load", "--file", dir.resolve("absent.csv").toString(), "--bootstrap-servers", "broker:9092",
                "--metrics-file", metrics.toString());

        assertThat(exit).isEqualTo(DeathLoaderCli.EXIT_LOAD_FAILED);
        assertThat(Files.readAllLines(metrics)).contains("vitalink_loader_last_run_success 0")
                .noneMatch(l -> l.startsWith("vitalink_loader_last_run_rows"));
    }

    @Test
    void passesRejectFileAndBatchLabel() throws IOException {
        Path input = csv("id_number,death_date\nbad,2024-01-05\n" + TestIds.MAN_1950 + ",2024-01-05\n");
        Path rejects = dir.resolve("rejects.csv");

        int exit = run("load", "--file", input.toString(), "--bootstrap-servers", "broker:9092",
                "--reject-file", rejects.toString(), "--batch-label", "2024Q1");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("; batch 2024Q1; reject file: " + rejects);
        assertThat(Files.readAllLines(rejects)).hasSize(2);
        assertThat(topic.lastSent().get(0).value().getSourceBatch()).isEqualTo("2024Q1");
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
    void appliesTheKafkaSecurityFileOverTheProducerConfig() throws IOException {
        Path input = csv("id_number,death_date\n");
        Path producer = dir.resolve("producer.properties");
        Files.writeString(producer, "security.protocol=SSL\nlinger.ms=50\n");
        Path security = dir.resolve("kafka-client.properties");
        Files.writeString(security, "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n");

        int exit = run("load", "--file", input.toString(), "--bootstrap-servers", "cli:9092",
                "--producer-config", producer.toString(), "--kafka-config", security.toString());

        assertThat(exit).isZero();
        assertThat(seenConfig)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("linger.ms", "50")
                .containsEntry("bootstrap.servers", "cli:9092");
    }

    @Test
    void takesTheKafkaSecurityFileFromTheEnvironmentWithoutTheOption() throws IOException {
        Path input = csv("id_number,death_date\n");
        Path security = dir.resolve("kafka-client.properties");
        Files.writeString(security, "security.protocol=SSL\n");
        environment.put("VITALINK_KAFKA_CONFIG_FILE", security.toString());

        assertThat(run("load", "--file", input.toString(), "--bootstrap-servers", "b:9092")).isZero();
        assertThat(seenConfig).containsEntry("security.protocol", "SSL");
        assertThat(err.toString()).contains("with the Kafka security settings of " + security + " [security.protocol]");
    }

    @Test
    void exitsNonZeroWithCodeForAMissingKafkaSecurityFile() throws IOException {
        Path input = csv("id_number,death_date\n");

        int exit = run("load", "--file", input.toString(), "--bootstrap-servers", "b:9092",
                "--kafka-config", dir.resolve("nope.properties").toString());

        assertThat(exit).isEqualTo(DeathLoaderCli.EXIT_LOAD_FAILED);
        assertThat(err.toString()).contains("VL-3107").contains("nope.properties").contains("--kafka-config");
        assertThat(topic.lastSent()).isEmpty();
    }

    @Test
    void refusesBootstrapServersInTheKafkaSecurityFile() throws IOException {
        Path input = csv("id_number,death_date\n");
        Path security = dir.resolve("kafka-client.properties");
        Files.writeString(security, "bootstrap.servers=elsewhere:9092\n");

        int exit = run("load", "--file", input.toString(), "--bootstrap-servers", "b:9092", "--kafka-config", security.toString());

        assertThat(exit).isEqualTo(DeathLoaderCli.EXIT_LOAD_FAILED);
        assertThat(err.toString()).contains("VL-3107").contains("'bootstrap.servers' is not allowed");
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
    void withdrawsWithOnlyADeleteFile() throws IOException {
        run("load", "--file", csv("id_number,death_date\n" + TestIds.WOMAN_1949 + ",2024-01-05\n").toString(),
                "--bootstrap-servers", "broker:9092", "--no-progress");
        Path ids = dir.resolve("ids.txt");
        Files.writeString(ids, TestIds.WOMAN_1949 + "\n" + TestIds.MAN_1950 + "\n");
        out.getBuffer().setLength(0);

        int exit = run("load", "--delete-file", ids.toString(), "--bootstrap-servers", "broker:9092", "--batch-label", "w1");

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("read 0, loaded 0, updated 0, unchanged 0, rejected 1 (VL-3014: 1), "
                + "duplicates 0, withdrawals read 2, withdrawn 1; batch w1; reject file: " + dir.resolve("ids.txt.rejects.csv"));
        assertThat(topic.lastSent()).singleElement().satisfies(r -> assertThat(r.value()).isNull());
        assertThat(err.toString()).contains("Withdrawing " + ids);
    }

    @Test
    void loadsAndWithdrawsInOneRun() throws IOException {
        Path input = csv("id_number,death_date\n" + TestIds.WOMAN_1949 + ",2024-01-05\n" + TestIds.MAN_1950 + ",2024-01-05\n");
        Path ids = dir.resolve("ids.txt");
        Files.writeString(ids, TestIds.MAN_1950 + "\n");
        Path work = dir.resolve("work");

        int exit = run("load", "--file", input.toString(), "--delete-file", ids.toString(), "--work-dir", work.toString(),
                "--bootstrap-servers", "broker:9092");

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("read 2, loaded 1, updated 0, unchanged 0, rejected 2 (VL-3014: 1, VL-3015: 1), ");
        assertThat(work).isEmptyDirectory();
    }

    @Test
    void exitsWithUsageErrorWithoutFileOrServers() throws IOException {
        assertThat(run("load", "--bootstrap-servers", "b:9092")).isEqualTo(DeathLoaderCli.EXIT_USAGE);
        assertThat(err.toString()).contains("--file or --delete-file");

        Path input = csv("id_number,death_date\n");
        assertThat(run("load", "--file", input.toString())).isEqualTo(DeathLoaderCli.EXIT_USAGE);
        assertThat(err.toString()).contains("--bootstrap-servers");
    }

    @Test
    void exitsWithUsageErrorWithoutSubcommand() {
        assertThat(run()).isEqualTo(DeathLoaderCli.EXIT_USAGE);
    }
}
