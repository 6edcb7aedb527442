package io.vitalink.loader;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The death-loader command line: {@code death-loader load --file deaths.csv --bootstrap-servers host:9092}.
 * A thin wrapper over {@link DeathLoader}. Exit codes: 0 loaded (even with refused rows), 1 the load
 * failed (message with a VL-31xx code on stderr), 2 bad command line.
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
        System.exit(commandLine(config -> new DeathLoader(config, Clock.systemDefaultZone())).execute(args));
    }

    /** The command line over loaders made by {@code loaders} from the producer settings; for tests and embedding. */
    public static CommandLine commandLine(Function<Map<String, Object>, DeathLoader> loaders) {
        CommandLine cli = new CommandLine(new DeathLoaderCli());
        cli.addSubcommand("load", new LoadCommand(loaders));
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
            description = {"Cleans a CSV export and upserts its deaths into the death-records topic, keyed by resident ID.",
                "Refused rows go to the reject file (line,reason_code,message; never an ID or a name).",
                "Prints: read N, loaded N, rejected N (reject file: path)"})
    static final class LoadCommand implements Callable<Integer> {

        private final Function<Map<String, Object>, DeathLoader> loaders;

        @Spec
        CommandSpec spec;

        @Option(names = "--file", required = true, paramLabel = "CSV",
                description = "UTF-8 CSV with a header row (English or Chinese column names).")
        Path file;

        @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,HOST:PORT...]",
                description = "Kafka bootstrap servers (or bootstrap.servers in --producer-config).")
        String bootstrapServers;

        @Option(names = "--producer-config", paramLabel = "FILE",
                description = "Properties file of extra Kafka producer settings (e.g. security.protocol, ssl.*).")
        Path producerConfig;

        @Option(names = "--reject-file", paramLabel = "FILE",
                description = "Where refused rows go, overwritten per run. Default: <file>.rejects.csv beside the input.")
        Path rejectFile;

        @Option(names = "--batch-label", paramLabel = "LABEL",
                description = "Written as sourceBatch on every record. Default: the input's file name.")
        String batchLabel;

        @Option(names = "--no-progress", description = "Do not draw a progress bar on stderr.")
        boolean noProgress;

        LoadCommand(Function<Map<String, Object>, DeathLoader> loaders) {
            this.loaders = Objects.requireNonNull(loaders, "loaders");
        }

        @Override
        public Integer call() {
            Map<String, Object> config = new HashMap<>(readProducerConfig());
            if (bootstrapServers != null && !bootstrapServers.isBlank()) {
                config.put("bootstrap.servers", bootstrapServers.strip());
            }
            if (config.get("bootstrap.servers") == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "Missing option: --bootstrap-servers (or bootstrap.servers in --producer-config)");
            }
            LoadOptions options = new LoadOptions(batchLabel, rejectFile, !noProgress);
            spec.commandLine().getErr().println("Loading " + file + " into death-records at " + config.get("bootstrap.servers"));
            spec.commandLine().getErr().flush();
            LoadSummary summary = loaders.apply(config).load(file, options);
            spec.commandLine().getOut().println(summary.summaryLine());
            spec.commandLine().getOut().flush();
            return EXIT_OK;
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
