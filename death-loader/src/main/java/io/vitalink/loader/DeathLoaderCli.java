package io.vitalink.loader;

import io.vitalink.crypto.FieldCipher;
import io.vitalink.crypto.Keysets;
import io.vitalink.kafka.KafkaClientConfigException;
import io.vitalink.kafka.KafkaClientProperties;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The death-loader command line: {@code death-loader load --file deaths.csv --bootstrap-servers host:9092}.
 * A thin wrapper over {@link DeathLoader}. Exit codes: {@value #EXIT_OK} loaded (even with refused rows),
 * {@value #EXIT_LOAD_FAILED} the load failed (message with a VL-31xx code on stderr), {@value #EXIT_USAGE} bad
 * command line.
 */
@Command(name = "death-loader", mixinStandardHelpOptions = true, version = "Vitalink death loader",
        description = "Loads death-registry exports into the death-records topic.",
        subcommands = CommandLine.HelpCommand.class)
public final class DeathLoaderCli implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_LOAD_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    private static final String LOGBACK_PROPERTY = "logback.configurationFile";

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        if (System.getProperty(LOGBACK_PROPERTY) == null) {
            System.setProperty(LOGBACK_PROPERTY, "io/vitalink/loader/logback-cli.xml");
        }
        System.exit(commandLine((config, cipher) -> new DeathLoader(config, cipher, Clock.systemDefaultZone())).execute(args));
    }

    /**
     * The command line over loaders made by {@code loaders} from the producer settings and the keysets' cipher;
     * for tests and embedding.
     */
    public static CommandLine commandLine(BiFunction<Map<String, Object>, FieldCipher, DeathLoader> loaders) {
        return commandLine(loaders, System.getenv());
    }

    /**
     * As {@link #commandLine(BiFunction)}, reading {@value KafkaClientProperties#ENVIRONMENT_VARIABLE} and the
     * keyset variables of {@link Keysets} from {@code environment}.
     */
    public static CommandLine commandLine(BiFunction<Map<String, Object>, FieldCipher, DeathLoader> loaders,
                                          Map<String, String> environment) {
        CommandLine cli = new CommandLine(new DeathLoaderCli());
        cli.addSubcommand("load", new LoadCommand(loaders, environment));
        cli.addSubcommand("keys", new KeysCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof LoadException) {
                commandLine.getErr().println("death-loader: " + e.getMessage());
            } else {
                commandLine.getErr().println("death-loader: unexpected " + e.getClass().getName() + ": " + e.getMessage());
                e.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return EXIT_LOAD_FAILED;
        });
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: try 'load'");
    }

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = {"Cleans a CSV export and upserts its deaths into the death-records topic, keyed by the normalised ID;",
                "withdraws the deaths of a delete file (tombstones). Give --file, --delete-file or both.",
                "Deaths whose content is already in the topic are not published again.",
                "Refused rows go to the reject file (line,reason_code,message,input; never an ID or a name).",
                "Prints one summary line: read N, loaded N, updated N, unchanged N, rejected N (by code), duplicates N, "
                        + "withdrawals read N, withdrawn N; batch LABEL; reject file: PATH; took S s",
                "--metrics-file writes the same numbers in the Prometheus text format (node-exporter textfile collector).",
                "Exit codes: 0 done (even with refused rows), 1 the load failed (VL-31xx on stderr), 2 bad command line."})
    static final class LoadCommand implements Callable<Integer> {

        private final BiFunction<Map<String, Object>, FieldCipher, DeathLoader> loaders;
        private final Map<String, String> environment;

        @Spec
        CommandSpec spec;

        @Option(names = "--file", paramLabel = "CSV",
                description = "UTF-8 CSV export with a header row (English or Chinese column names).")
        Path file;

        @Option(names = "--delete-file", paramLabel = "FILE",
                description = {"Deaths to withdraw: one resident ID per line, or a CSV with a header naming id_number "
                        + "(or 身份证件号码) and optionally id_type (or 证件类型).",
                        "An ID both here and in --file is withdrawn, its rows are refused (VL-3015)."})
        Path deleteFile;

        @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,HOST:PORT...]",
                description = "Kafka bootstrap servers (or bootstrap.servers in --producer-config).")
        String bootstrapServers;

        @Option(names = "--producer-config", paramLabel = "FILE",
                description = "Properties file of extra Kafka client settings (e.g. security.protocol, ssl.*); "
                        + "the consumer that reads the topic gets those a consumer knows.")
        Path producerConfig;

        @Option(names = "--kafka-config", paramLabel = "FILE",
                description = {"Kafka client security settings shared by every Vitalink service (security.protocol, "
                        + "sasl.*, ssl.*, config.providers*; nothing else), applied to the producer and the consumer "
                        + "over --producer-config. Default: the file named by VITALINK_KAFKA_CONFIG_FILE.",
                        "Secrets can come from the environment: config.providers=env and ${env:NAME}."})
        Path kafkaConfig;

        @Option(names = "--reject-file", paramLabel = "FILE",
                description = "Where refused rows go, overwritten per run. Default: <file>.rejects.csv beside the input "
                        + "(beside the delete file without --file).")
        Path rejectFile;

        @Option(names = "--batch-label", paramLabel = "LABEL",
                description = "Written as sourceBatch on every published record. Default: load-<UTC time>, "
                        + "e.g. load-20250601T083000Z.")
        String batchLabel;

        @Option(names = "--work-dir", paramLabel = "DIR",
                description = "Where the temporary work store goes (deleted at the end; needs about the export's size "
                        + "plus 70 bytes per death in the topic). Default: java.io.tmpdir.")
        Path workDir;

        @Option(names = "--metrics-file", paramLabel = "FILE",
                description = {"Also write the run's numbers in the Prometheus text format, replacing the file at the end "
                        + "(also when the load fails): for node-exporter's textfile collector, name it *.prom in its "
                        + "directory. See docs/OPERATIONS.md."})
        Path metricsFile;

        @Option(names = "--no-progress", description = "Do not draw progress bars on stderr.")
        boolean noProgress;

        @Option(names = "--id-keyset", paramLabel = "FILE",
                description = "Tink JSON keyset (AES-SIV) that seals resident IDs. Default: $VITALINK_ID_KEYSET_FILE, "
                        + "or the keyset itself in $VITALINK_ID_KEYSET. See docs/SECURITY.md.")
        Path idKeyset;

        @Option(names = "--field-keyset", paramLabel = "FILE",
                description = "Tink JSON keyset (AES-GCM) that seals names and causes of death. Default: "
                        + "$VITALINK_FIELD_KEYSET_FILE, or the keyset itself in $VITALINK_FIELD_KEYSET.")
        Path fieldKeyset;

        LoadCommand(BiFunction<Map<String, Object>, FieldCipher, DeathLoader> loaders, Map<String, String> environment) {
            this.loaders = Objects.requireNonNull(loaders, "loaders");
            this.environment = Map.copyOf(environment);
        }

        @Override
        public Integer call() {
            if (file == null && deleteFile == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "Missing option: --file or --delete-file (or both)");
            }
            Map<String, Object> config = new HashMap<>(readProducerConfig());
            if (bootstrapServers != null && !bootstrapServers.isBlank()) {
                config.put("bootstrap.servers", bootstrapServers.strip());
            }
            if (config.get("bootstrap.servers") == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "Missing option: --bootstrap-servers (or bootstrap.servers in --producer-config)");
            }
            FieldCipher cipher = cipher();
            KafkaClientProperties security = kafkaSecurity();
            security.applyTo(config);
            LoadOptions options = new LoadOptions(batchLabel, rejectFile, !noProgress, deleteFile, workDir);
            spec.commandLine().getErr().println((file == null ? "Withdrawing " + deleteFile
                    : "Loading " + file + (deleteFile == null ? "" : " and withdrawing " + deleteFile))
                    + " into death-records at " + config.get("bootstrap.servers")
                    + security.source().map(f -> " with the Kafka security settings of " + f + " " + security.keys()).orElse(""));
            spec.commandLine().getErr().flush();
            long start = System.nanoTime();
            LoadSummary summary;
            try {
                summary = loaders.apply(config, cipher).load(file, options);
            } catch (RuntimeException e) {
                if (metricsFile != null) {
                    LoadMetricsFile.writeFailed(metricsFile, batchLabel, Duration.ofNanos(System.nanoTime() - start), Instant.now());
                }
                throw e;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (metricsFile != null) {
                LoadMetricsFile.write(metricsFile, summary, took, Instant.now());
            }
            spec.commandLine().getOut().println(summary.summaryLine()
                    + String.format(java.util.Locale.ROOT, "; took %.1f s", took.toNanos() / 1e9));
            spec.commandLine().getOut().flush();
            return EXIT_OK;
        }

        /** Options first, then the environment; without both keysets nothing is read or published. */
        private FieldCipher cipher() {
            try {
                return Keysets.cipherFrom(name -> {
                    if (name.equals(Keysets.ID_KEYSET_FILE) && idKeyset != null) {
                        return idKeyset.toString();
                    }
                    if (name.equals(Keysets.FIELD_KEYSET_FILE) && fieldKeyset != null) {
                        return fieldKeyset.toString();
                    }
                    return environment.get(name);
                });
            } catch (IllegalStateException | IllegalArgumentException e) {
                throw new LoadException(LoadFailure.NO_KEYSET, e.getMessage(), e);
            }
        }

        private KafkaClientProperties kafkaSecurity() {
            try {
                return KafkaClientProperties.resolve(kafkaConfig == null ? null : kafkaConfig.toString(), "--kafka-config",
                        environment);
            } catch (KafkaClientConfigException e) {
                throw new LoadException(LoadFailure.BAD_PRODUCER_CONFIG, e.getMessage(), e);
            }
        }

        private Map<String, Object> readProducerConfig() {
            Map<String, Object> config = new HashMap<>();
            if (producerConfig == null) {
                return config;
            }
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(producerConfig, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new LoadException(LoadFailure.BAD_PRODUCER_CONFIG,
                        "cannot read " + producerConfig + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
            }
            properties.stringPropertyNames().forEach(name -> config.put(name, properties.getProperty(name).strip()));
            return config;
        }
    }
}
