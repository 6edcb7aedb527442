package io.vitalink.bench;

import io.vitalink.local.LocalLauncher;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench/run.sh}: Vitalink end to end against PostgreSQL, on the same generated data, in one run. */
@Command(name = "bench/run.sh", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Generates a registry and requests, joins them in PostgreSQL, runs them through Vitalink "
                + "(death-loader, REST upload, direct Kafka producer), checks every result against a reference "
                + "computed with the matching rules, and prints one Markdown table. Exits 1 on any mismatch.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--deaths", defaultValue = "1000000", description = "Dead people in the registry (default: ${DEFAULT-VALUE}).")
    int deaths;

    @Option(names = "--requests", defaultValue = "1000000", description = "Requests in each job (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--large", description = "10⁷ deaths and 10⁷ requests.")
    boolean large;

    @Option(names = "--seed", defaultValue = "2026", description = "Seed of the generated data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--work-dir", defaultValue = "/tmp/vitalink-bench", description = "Deleted first (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Mixin
    StackOptions stackOptions = new StackOptions();

    @Option(names = "--report", description = "Also write the table to this file.")
    Path report;

    @Option(names = "--timeout", defaultValue = "PT2H", description = "Longest wait for one stage (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    /** The launcher's default, as run-local.sh runs it. */
    private static final int LAUNCHER_PARTITIONS = 6;

    private final PrintStream out = System.out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (large) {
            deaths = 10_000_000;
            requests = 10_000_000;
        }
        String childClasspath = stackOptions.childClasspath();
        LocalLauncher.deleteRecursively(workDir);
        Files.createDirectories(workDir);
        // PostgreSQL's psql runs as the postgres user and reads the CSVs from here
        Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwxr-xr-x"));

        out.printf("Generating %,d deaths and %,d requests (seed %d) in %s%n", deaths, requests, seed, workDir);
        BenchData data = BenchData.write(seed, deaths, requests, workDir);
        Map<String, Reference.Expected> expected = Reference.compute(data.deathsCsv(), data.requestsCsv(), LocalDate.now());
        out.printf("Reference computed for %,d requests%n", expected.size());

        out.println("PostgreSQL: copy, join, export");
        PostgresBaseline.Run postgres = PostgresBaseline.run(data, workDir);

        out.println("Vitalink: starting the stack (log: " + workDir.resolve("stack.log") + ")");
        Report result;
        try (StackProcess stack = StackProcess.start(childClasspath, stackOptions.heap, workDir.resolve("vitalink"),
                stackOptions.ports(), LAUNCHER_PARTITIONS, Duration.ofMinutes(5))) {
            VitalinkRun vitalink = new VitalinkRun(stack, childClasspath, workDir, timeout);
            out.println("Vitalink: death-loader, then the matcher's take-in");
            List<Stage> registry = vitalink.loadRegistry(data);
            out.println("Vitalink: REST job");
            VitalinkRun.Job rest = vitalink.viaRest(data);
            out.println("Vitalink: Kafka job");
            VitalinkRun.Job kafka = vitalink.viaKafka(data);
            result = new Report(data, postgres, registry, rest, kafka, stack.disk(), stack.peakRss(),
                    vitalink.loaderPeakRss(), OutcomeCheck.of(expected, rest.results()), OutcomeCheck.of(expected, kafka.results()));
        }
        String table = result.markdown();
        out.println();
        out.print(table);
        if (report != null) {
            Files.writeString(report, table, StandardCharsets.UTF_8);
        }
        return result.passed() ? 0 : 1;
    }
}
