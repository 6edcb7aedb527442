package io.vitalink.bench;

import io.vitalink.local.LocalLauncher;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench/run.sh scale-out}: the same registry and job through the README's stack with one match-streams
 * instance, then on a fresh stack with one more instance as its own JVM, on the same partitions; per-instance and
 * total throughput, and every result checked against the reference.
 */
@Command(name = "bench/run.sh scale-out", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the registry load and one REST job with one match-streams instance, then again on a fresh "
                + "stack with more instances (each its own JVM, all on this machine), checks every result against the "
                + "reference and prints one Markdown table. Exits 1 on any mismatch.")
public final class ScaleOutCommand implements Callable<Integer> {

    @Option(names = "--deaths", defaultValue = "1000000", description = "Dead people in the registry (default: ${DEFAULT-VALUE}).")
    int deaths;

    @Option(names = "--requests", defaultValue = "1000000", description = "Requests in the job (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--seed", defaultValue = "2026", description = "Seed of the generated data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--partitions", defaultValue = "12", description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--instances", defaultValue = "2", description = "match-streams instances of the second run (default: ${DEFAULT-VALUE}).")
    int instances;

    @Option(names = "--work-dir", defaultValue = "/tmp/vitalink-scale-out", description = "Deleted first (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Mixin
    StackOptions stackOptions = new StackOptions();

    @Option(names = "--matcher-heap", defaultValue = "1g", description = "-Xmx of each further instance (default: ${DEFAULT-VALUE}).")
    String matcherHeap;

    @Option(names = "--report", description = "Also write the table to this file.")
    Path report;

    @Option(names = "--timeout", defaultValue = "PT2H", description = "Longest wait for one stage (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    private final PrintStream out = System.out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ScaleOutCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (instances < 2) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--instances must be 2 or more");
        }
        String childClasspath = stackOptions.childClasspath();
        LocalLauncher.deleteRecursively(workDir);
        Files.createDirectories(workDir);
        out.printf("Generating %,d deaths and %,d requests (seed %d) in %s%n", deaths, requests, seed, workDir);
        BenchData data = BenchData.write(seed, deaths, requests, workDir);
        Map<String, Reference.Expected> expected = Reference.compute(data.deathsCsv(), data.requestsCsv(), LocalDate.now());
        List<ScaleOutReport.Run> runs = new ArrayList<>();
        for (int n : List.of(1, instances)) {
            out.printf("Vitalink with %d match-streams instance(s) on %d partitions%n", n, partitions);
            runs.add(runWith(n, data, expected, childClasspath));
        }
        String table = new ScaleOutReport(data, partitions, runs).markdown();
        out.println();
        out.print(table);
        if (report != null) {
            Files.writeString(report, table, StandardCharsets.UTF_8);
        }
        return runs.stream().allMatch(run -> run.check().passed()) ? 0 : 1;
    }

    private ScaleOutReport.Run runWith(int n, BenchData data, Map<String, Reference.Expected> expected, String cp)
            throws Exception {
        Path dir = workDir.resolve(n + "-instances");
        Files.createDirectories(dir);
        try (StackProcess stack = StackProcess.start(cp, stackOptions.heap, dir.resolve("vitalink"),
                stackOptions.ports(), partitions, Duration.ofMinutes(5));
             Further further = new Further()) {
            List<URI> managements = new ArrayList<>(List.of(stack.management()));
            for (int i = 1; i < n; i++) {
                MatcherProcess matcher = MatcherProcess.start(cp, matcherHeap, stack, dir.resolve("matcher-" + (i + 1)),
                        stackOptions.managementPort + i, Duration.ofMinutes(3));
                further.matchers.add(matcher);
                managements.add(matcher.management());
            }
            Map<String, Integer> shares;
            try (Admin admin = Admin.create(stack.kafkaClientConfig())) {
                shares = MatcherGroup.awaitSharing(admin, n, partitions, Duration.ofMinutes(3));
            }
            VitalinkRun vitalink = new VitalinkRun(stack, cp, dir, timeout);
            List<Stage> registry = vitalink.loadRegistry(data);
            VitalinkRun.Job job = vitalink.viaRest(data);
            List<ScaleOutReport.Instance> each = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long rss = i == 0 ? stack.peakRss() : further.matchers.get(i - 1).peakRss();
                each.add(new ScaleOutReport.Instance(MatcherGroup.decisions(managements.get(i)), rss));
            }
            List<Stage> stages = new ArrayList<>(registry);
            stages.addAll(job.stages());
            return new ScaleOutReport.Run(n, shares.values().stream().sorted().toList(), stages, each,
                    OutcomeCheck.of(expected, job.results()));
        }
    }

    /** The instances started besides the stack's, stopped before the stack (and its broker). */
    private static final class Further implements AutoCloseable {
        final List<MatcherProcess> matchers = new ArrayList<>();

        @Override
        public void close() throws InterruptedException {
            for (MatcherProcess matcher : matchers) {
                matcher.close();
            }
        }
    }
}
