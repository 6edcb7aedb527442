package io.vitalink.bench;

import io.vitalink.local.ApiClient;
import io.vitalink.local.LocalLauncher;
import io.vitalink.topic.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The README's stack under steady work for a while: one large job, small jobs one after the other for the whole run,
 * and a death-loader refresh halfway; every job's results checked against the reference, and the stack sampled every
 * {@link #SAMPLE_EVERY} (heap, resident memory, open files, disk, the matcher's lag) so that a leak shows as a trend.
 * On demand, not in every build: {@code bench/run.sh soak}.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Small jobs for --minutes, one large job, a registry refresh halfway; exact counts, stable resources.")
public final class SoakCommand implements Callable<Integer> {

    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(30);

    @Option(names = "--minutes", defaultValue = "10", description = "How long small jobs keep coming (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Option(names = "--deaths", defaultValue = "200000", description = "Registry size (default: ${DEFAULT-VALUE}).")
    int deaths;

    @Option(names = "--large", defaultValue = "200000", description = "Records of the large job (default: ${DEFAULT-VALUE}).")
    int large;

    @Option(names = "--small", defaultValue = "2000", description = "Records of each small job (default: ${DEFAULT-VALUE}).")
    int small;

    @Option(names = "--seed", defaultValue = "2026", description = "Seed of the data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--work-dir", defaultValue = "/tmp/vitalink-soak", description = "Deleted first (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Mixin
    StackOptions stackOptions = new StackOptions();

    @Option(names = "--report", description = "Also write the report to this file.")
    Path report;

    private final PrintStream out = System.out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SoakCommand()).execute(args));
    }

    record Sample(Duration at, int jobsDone, long heapUsed, long rss, long openFiles, Map<String, Long> disk, long lag) {
    }

    @Override
    public Integer call() throws Exception {
        String childClasspath = stackOptions.childClasspath();
        LocalLauncher.deleteRecursively(workDir);
        Files.createDirectories(workDir);
        Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        out.printf("Generating %,d deaths and %,d requests (seed %d) in %s%n", deaths, large, seed, workDir);
        BenchData data = BenchData.write(seed, deaths, large, workDir);
        Map<String, Reference.Expected> expected = Reference.compute(data.deathsCsv(), data.requestsCsv(), LocalDate.now());
        Path smallCsv = firstRows(data.requestsCsv(), small, workDir.resolve("small.csv"));
        Map<String, Reference.Expected> smallExpected = subset(expected, smallCsv);

        List<Sample> samples = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        AtomicInteger jobsDone = new AtomicInteger();
        try (StackProcess stack = StackProcess.start(childClasspath, stackOptions.heap, workDir.resolve("vitalink"),
                stackOptions.ports(), 6, Duration.ofMinutes(5))) {
            Duration timeout = Duration.ofMinutes(30);
            VitalinkRun vitalink = new VitalinkRun(stack, childClasspath, workDir, timeout);
            out.println("Loading the registry");
            vitalink.loadRegistry(data);
            long started = System.nanoTime();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> {
                Sample sample = sample(stack, Duration.ofNanos(System.nanoTime() - started), jobsDone.get());
                synchronized (samples) {
                    samples.add(sample);
                }
                out.println(row(sample));
            }, 0, SAMPLE_EVERY.toSeconds(), TimeUnit.SECONDS);
            out.println(header());
            stack.approvedApplication(); // the sample centre's jobs run under it (the launcher approved it at start)
            CompletableFuture<Void> largeJob = CompletableFuture.runAsync(() -> job(stack.submitter(), data.requestsCsv(),
                    expected, "large", timeout, failures, jobsDone));
            CompletableFuture<?> refresh = null;
            long end = started + Duration.ofMinutes(minutes).toNanos();
            for (int n = 1; System.nanoTime() < end; n++) {
                if (refresh == null && System.nanoTime() > started + (end - started) / 2) {
                    refresh = CompletableFuture.runAsync(() -> refresh(vitalink, data, failures));
                }
                job(stack.submitter(), smallCsv, smallExpected, "small-" + n, timeout, failures, jobsDone);
            }
            largeJob.join();
            if (refresh != null) {
                refresh.join();
            }
            sampler.shutdown();
            sampler.awaitTermination(1, TimeUnit.MINUTES);
            samples.add(sample(stack, Duration.ofNanos(System.nanoTime() - started), jobsDone.get()));
        }
        String text = report(samples, failures, jobsDone.get());
        out.println();
        out.print(text);
        if (report != null) {
            Files.writeString(report, text, StandardCharsets.UTF_8);
        }
        return failures.isEmpty() ? 0 : 1;
    }

    /** Submits the CSV, waits for COMPLETED, exports the results and checks every one against the reference. */
    private void job(ApiClient api, Path csv, Map<String, Reference.Expected> want, String name, Duration timeout,
                     List<String> failures, AtomicInteger done) {
        try {
            String jobId = api.submitCsv(csv);
            api.awaitCompleted(jobId, timeout);
            Path results = workDir.resolve("results-" + (name.startsWith("small") ? "small" : name) + ".csv");
            HttpResponse<Path> response = api.get("/api/v1/jobs/" + jobId + "/results", "text/csv",
                    HttpResponse.BodyHandlers.ofFile(results));
            OutcomeCheck check = OutcomeCheck.of(want, response.body());
            if (response.statusCode() != 200 || !check.passed()) {
                synchronized (failures) {
                    failures.add(name + ": " + response.statusCode() + ", " + check.summary());
                }
            }
            done.incrementAndGet();
        } catch (Exception e) {
            synchronized (failures) {
                failures.add(name + ": " + e);
            }
        }
    }

    /** The same export loaded again while jobs run: every death unchanged, so no outcome may move. */
    private void refresh(VitalinkRun vitalink, BenchData data, List<String> failures) {
        try {
            out.println("Refreshing the registry (death-loader, the same export)");
            vitalink.loadRegistry(data);
        } catch (Exception e) {
            synchronized (failures) {
                failures.add("registry refresh: " + e);
            }
        }
    }

    private static Sample sample(StackProcess stack, Duration at, int jobsDone) {
        try {
            long pid = stack.pid();
            return new Sample(at, jobsDone, heapUsed(pid), ChildProcesses.rss(pid).orElse(-1), openFiles(pid), stack.disk(),
                    lag(stack));
        } catch (Exception e) {
            return new Sample(at, jobsDone, -1, -1, -1, Map.of(), -1);
        }
    }

    /** Used heap after the last collection, as {@code jcmd GC.heap_info} reports it. */
    private static long heapUsed(long pid) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), "GC.heap_info").redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        java.util.regex.Matcher used = java.util.regex.Pattern.compile("used (\\d+)K").matcher(output);
        return used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
    }

    private static long openFiles(long pid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return fds.count();
        }
    }

    /** Requests on match-requests the matcher has not committed yet. */
    private static long lag(StackProcess stack) throws Exception {
        try (Admin admin = Admin.create(stack.kafkaClientConfig())) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("vitalink-match")
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < stack.partitions(); p++) {
                latest.put(new TopicPartition(Topics.MATCH_REQUESTS.name(), p), OffsetSpec.latest());
            }
            long lag = 0;
            for (var end : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                lag += end.getValue().offset() - (at == null ? 0 : at.offset());
            }
            return lag;
        }
    }

    private static Path firstRows(Path csv, int rows, Path to) throws IOException {
        try (Stream<String> lines = Files.lines(csv, StandardCharsets.UTF_8)) {
            Files.write(to, lines.limit(rows + 1L).toList(), StandardCharsets.UTF_8);
        }
        return to;
    }

    private static Map<String, Reference.Expected> subset(Map<String, Reference.Expected> all, Path csv) throws IOException {
        Map<String, Reference.Expected> subset = new HashMap<>();
        RequestsCsv.forEach(csv, "subset", request -> subset.put(request.getRecordId(), all.get(request.getRecordId())));
        return subset;
    }

    private static String header() {
        return "| minute | jobs done | heap used | RSS | open files | broker | Streams state | API store | matcher lag |\n"
                + "|---|---|---|---|---|---|---|---|---|";
    }

    private static String row(Sample s) {
        return String.format(Locale.ROOT, "| %.1f | %d | %s | %s | %d | %s | %s | %s | %,d |", s.at().toSeconds() / 60.0,
                s.jobsDone(), mb(s.heapUsed()), mb(s.rss()), s.openFiles(), mb(s.disk().getOrDefault("broker", -1L)),
                mb(s.disk().getOrDefault("streams", -1L)), mb(s.disk().getOrDefault("api store", -1L)), s.lag());
    }

    private static String mb(long bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%,d MB", bytes / 1_000_000);
    }

    private String report(List<Sample> samples, List<String> failures, int jobs) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "Soak: %d minutes of %,d-record jobs, one %,d-record job, %,d deaths refreshed halfway; %d jobs checked%n%n",
                minutes, small, large, deaths, jobs));
        text.append(header()).append('\n');
        samples.forEach(sample -> text.append(row(sample)).append('\n'));
        text.append('\n').append(failures.isEmpty()
                ? "Every job's results equal the reference."
                : "FAILED: " + String.join("; ", failures)).append('\n');
        return text.toString();
    }
}
