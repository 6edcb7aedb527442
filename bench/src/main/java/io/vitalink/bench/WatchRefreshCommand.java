package io.vitalink.bench;

import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.ResultTrigger;
import io.vitalink.local.LocalLauncher;
import io.vitalink.match.MatchTopology;
import io.vitalink.serde.Codecs;
import io.vitalink.streams.RegistryLag;
import io.vitalink.streams.StreamsSettings;
import io.vitalink.topic.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What a registry refresh costs once a large cohort is watched, against the same refresh with nothing watched, in one
 * run on one stack: load the registry; refresh A (the baseline); submit one watched cohort on the Kafka path and wait
 * until it COMPLETED; refresh B, of A's shape, some of whose changes are watched records' deaths. Each refresh is
 * timed from the loader's start until match-streams has caught up (no lag on death-records and its block index, and,
 * for B, the job's {@code changes} at what the data says). Every change on match-results is checked against the
 * data (each expected record once, with its trigger, and nothing else), and the watch's stores and changelogs are
 * measured on disk. On demand: {@code bench/run.sh watch-refresh}.
 */
@Command(name = "watch-refresh", mixinStandardHelpOptions = true,
        description = "A registry refresh against a watched cohort, and the same refresh with nothing watched; disk per watched record.")
public final class WatchRefreshCommand implements Callable<Integer> {

    private static final String APPLICATION_ID = StreamsSettings.defaults().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    private static final ZoneId MATCHER_ZONE = ZoneId.of(StreamsSettings.defaults().getProperty(StreamsSettings.TIME_ZONE));
    private static final List<String> WATCH_STORES = List.of(MatchTopology.WATCHED_BY_ID_STORE, MatchTopology.WATCHED_BY_BLOCK_STORE);
    private static final Pattern LOADER_SUMMARY = Pattern.compile("loaded (\\d+), updated (\\d+), .*withdrawn (\\d+)");

    @Option(names = "--deaths", defaultValue = "1000000", description = "Registry size before the refreshes (default: ${DEFAULT-VALUE}).")
    int deaths;

    @Option(names = "--watched", defaultValue = "10000000", description = "Records of the watched cohort (default: ${DEFAULT-VALUE}).")
    int watched;

    @Option(names = "--refresh", defaultValue = "1000000",
            description = "Death records each refresh changes: 10 %% corrected, 10 %% withdrawn, the rest new (default: ${DEFAULT-VALUE}).")
    int refresh;

    @Option(names = "--watch-years", defaultValue = "3", description = "The cohort is watched until this many years from today (default: ${DEFAULT-VALUE}).")
    int watchYears;

    @Option(names = "--work-dir", defaultValue = "/tmp/vitalink-watch-refresh", description = "Deleted first (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--timeout", defaultValue = "PT3H", description = "Longest wait for any one stage (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--settle", defaultValue = "PT30S",
            description = "After match-streams caught up, how long the job's changes may stay short of the expected before the run fails (default: ${DEFAULT-VALUE}).")
    Duration settle;

    @Option(names = "--unwatched",
            description = "Submit the cohort without a watch (a control: refresh B must then change nothing).")
    boolean unwatched;

    @Option(names = "--jfr", description = "Record the stack JVM with JFR (settings=profile) during refresh B into this file.")
    Path jfr;

    @Mixin
    StackOptions stackOptions = new StackOptions();

    @Option(names = "--report", description = "Also write the report to this file.")
    Path report;

    private final PrintStream out = System.out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new WatchRefreshCommand()).execute(args));
    }

    /** One refresh as measured: the loader alone, the whole window until caught up, and what went out. */
    record Measured(WatchRefreshData.Refresh refresh, Stage loader, Stage window, Map<ResultTrigger, Long> changes,
                    List<String> failures) {
    }

    @Override
    public Integer call() throws Exception {
        String childClasspath = stackOptions.childClasspath();
        LocalLauncher.deleteRecursively(workDir);
        Files.createDirectories(workDir);
        Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        out.printf("Generating %,d deaths, a watched cohort of %,d and two refreshes of %,d changes in %s%n", deaths, watched,
                refresh, workDir);
        WatchRefreshData written = WatchRefreshData.write(deaths, watched, refresh, workDir);
        WatchRefreshData data = unwatched ? written.withExpected(new WatchRefreshData.Expected(Set.of(), Set.of(), Set.of())) : written;
        List<String> failures = new ArrayList<>();
        Map<String, Stage> setup = new LinkedHashMap<>();
        Measured baseline;
        Measured watchedRefresh;
        Map<String, Long> watchDisk;
        Map<String, Long> emptyWatch;
        Map<String, Long> disk;
        long stackPeakRss;
        JobProgress before;
        JobProgress after;
        try (StackProcess stack = StackProcess.start(childClasspath, stackOptions.heap, workDir.resolve("vitalink"),
                stackOptions.ports(), 6, Duration.ofMinutes(5));
             Admin admin = Admin.create(stack.kafkaClientConfig());
             ProgressReader progress = new ProgressReader(stack.kafkaClientConfig())) {
            VitalinkRun vitalink = new VitalinkRun(stack, childClasspath, workDir, timeout);
            out.println("Loading the registry");
            setup.put("load registry and take it in", Stage.time("registry", deaths, () -> {
                vitalink.runLoader(data.registryCsv(), null, "registry");
                RegistryLag.await(admin, APPLICATION_ID, timeout);
                return null;
            }).stage());

            out.println("Refresh A, nothing watched (the baseline)");
            baseline = measure(stack, admin, vitalink, progress, data.baseline(), null, Map.of(), null);

            emptyWatch = watchDisk(stack);
            out.printf("Submitting the watched cohort of %,d records (Kafka path)%n", watched);
            LocalDate until = unwatched ? null : LocalDate.now(MATCHER_ZONE).plusYears(watchYears);
            String[] jobId = new String[1];
            setup.put("watched cohort: produce", Stage.time("produce", watched, () -> {
                try (KafkaJobProducer producer = new KafkaJobProducer(stack.kafkaClientConfig(), stack.keysets(),
                        stack.approvedApplication())) {
                    jobId[0] = producer.submit(data.cohortCsv(), until);
                }
                return null;
            }).stage());
            setup.put("watched cohort: until COMPLETED", Stage.time("match", watched, () -> {
                progress.await(jobId[0], timeout, job -> job.getState() == JobState.COMPLETED);
                return null;
            }).stage());
            before = progress.await(jobId[0], timeout, job -> true);
            check(failures, "cohort processed", before.getProcessed(), watched);
            check(failures, "cohort linked at submission", linked(before), data.linked());
            watchDisk = watchDisk(stack);
            out.println("Watch on disk after the cohort: " + watchDisk);

            out.println("Refresh B, the cohort watched");
            WatchRefreshData.Expected expected = data.expected();
            Map<ResultTrigger, Set<String>> want = unwatched ? Map.of() : Map.of(ResultTrigger.NEW_DEATH_RECORD, expected.newDeaths(),
                    ResultTrigger.UPDATED, expected.updated(), ResultTrigger.RETRACTED, expected.retracted());
            if (jfr != null) {
                jcmd(stack.pid(), "JFR.start", "name=watch-refresh", "settings=profile", "filename=" + jfr.toAbsolutePath());
            }
            watchedRefresh = measure(stack, admin, vitalink, progress, data.watchedRefresh(), jobId[0], want, before);
            if (jfr != null) {
                jcmd(stack.pid(), "JFR.stop", "name=watch-refresh");
            }
            after = progress.await(jobId[0], timeout, job -> true);
            check(failures, "job's changes", after.getChanges(), expected.total());
            check(failures, "job's processed after the refresh", after.getProcessed(), watched);
            check(failures, "job's linked after the refresh", linked(after),
                    data.linked() + expected.newDeaths().size() - expected.retracted().size());
            Map<String, Long> afterRefresh = watchDisk(stack);
            disk = new LinkedHashMap<>(stack.disk());
            afterRefresh.forEach((k, v) -> disk.put(k + " after refresh B", v));
            stackPeakRss = stack.peakRss();
        }
        failures.addAll(baseline.failures());
        failures.addAll(watchedRefresh.failures());
        String text = report(data, setup, baseline, watchedRefresh, before, after, emptyWatch, watchDisk, disk, stackPeakRss, failures);
        out.println();
        out.print(text);
        if (report != null) {
            Files.writeString(report, text, StandardCharsets.UTF_8);
        }
        return failures.isEmpty() ? 0 : 1;
    }

    /**
     * Loads one refresh and waits until match-streams has caught up: its committed offsets at the end of death-records
     * and of the block index, and, with a watched job, the job's changes at the expected count (or unchanged for
     * {@link #settle}: then the count is wrong). The changes on match-results are read afterwards, outside the timing.
     */
    private Measured measure(StackProcess stack, Admin admin, VitalinkRun vitalink, ProgressReader progress,
                             WatchRefreshData.Refresh refresh, String jobId, Map<ResultTrigger, Set<String>> want,
                             JobProgress jobBefore) throws Exception {
        Map<TopicPartition, Long> resultsFrom = ends(stack, Topics.MATCH_RESULTS.name());
        long expectedChanges = want.values().stream().mapToLong(Set::size).sum();
        Stage[] loader = new Stage[1];
        Stage window = Stage.time(refresh.label(), refresh.changes(), () -> {
            loader[0] = Stage.time("loader", refresh.changes(), () -> vitalink.runLoader(refresh.exportCsv(), refresh.deleteFile(),
                    refresh.label())).stage();
            RegistryLag.await(admin, APPLICATION_ID, timeout);
            if (jobId != null) {
                long base = jobBefore.getChanges();
                progress.awaitSettled(jobId, timeout, settle, job -> job.getChanges() - base >= expectedChanges);
            }
            return null;
        }).stage();
        out.printf("  %s: loader %.1f s, caught up after %.1f s, %.1f CPU-s%n", refresh.label(), loader[0].took().toMillis() / 1e3,
                window.took().toMillis() / 1e3, window.cpu().toMillis() / 1e3);
        List<String> failures = new ArrayList<>();
        checkLoader(refresh, failures);
        Map<ResultTrigger, Long> counted = checkChanges(stack, resultsFrom, jobId, want, refresh.label(), failures);
        return new Measured(refresh, loader[0], window, counted, failures);
    }

    /** The loader's own summary must say that it loaded, updated and withdrew exactly what the files hold. */
    private void checkLoader(WatchRefreshData.Refresh refresh, List<String> failures) throws IOException {
        String log = Files.readString(workDir.resolve("death-loader-" + refresh.label() + ".log"));
        Matcher summary = LOADER_SUMMARY.matcher(log);
        if (!summary.find()) {
            failures.add(refresh.label() + ": no summary in the death-loader's log");
            return;
        }
        check(failures, refresh.label() + " loaded", Long.parseLong(summary.group(1)), refresh.added());
        check(failures, refresh.label() + " updated", Long.parseLong(summary.group(2)), refresh.corrected());
        check(failures, refresh.label() + " withdrawn", Long.parseLong(summary.group(3)), refresh.withdrawn());
    }

    /**
     * Every result written since {@code from}: each must be a change (it has a trigger) of the watched job, of a record
     * the data says changes, with the trigger it says, and each such record must come exactly once.
     */
    private Map<ResultTrigger, Long> checkChanges(StackProcess stack, Map<TopicPartition, Long> from, String jobId,
                                                  Map<ResultTrigger, Set<String>> want, String label, List<String> failures) {
        Map<ResultTrigger, Long> counted = new EnumMap<>(ResultTrigger.class);
        Map<ResultTrigger, Set<String>> seen = new EnumMap<>(ResultTrigger.class);
        long duplicates = 0;
        long unexpected = 0;
        long others = 0;
        for (ConsumerRecord<String, byte[]> record : readFrom(stack, from)) {
            // clear fields only (recordId, trigger): nothing is opened
            MatchResult result = Codecs.MATCH_RESULT.decode(record.value());
            if (result.getTrigger() == null || !result.getJobId().equals(jobId)) {
                others++;
                continue;
            }
            counted.merge(result.getTrigger(), 1L, Long::sum);
            if (!seen.computeIfAbsent(result.getTrigger(), t -> new HashSet<>()).add(result.getRecordId())) {
                duplicates++;
            }
            if (!want.getOrDefault(result.getTrigger(), Set.of()).contains(result.getRecordId())) {
                unexpected++;
            }
        }
        if (others > 0) {
            failures.add(label + ": " + others + " results that are not changes of the watched job");
        }
        if (duplicates > 0) {
            failures.add(label + ": " + duplicates + " changes sent more than once");
        }
        if (unexpected > 0) {
            failures.add(label + ": " + unexpected + " changes of records the data does not change, or with another trigger");
        }
        for (ResultTrigger trigger : ResultTrigger.values()) {
            Set<String> expected = want.getOrDefault(trigger, Set.of());
            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(seen.getOrDefault(trigger, Set.of()));
            if (!missing.isEmpty()) {
                failures.add(String.format(Locale.ROOT, "%s: %,d of %,d %s changes missing (e.g. %s)", label, missing.size(),
                        expected.size(), trigger, missing.iterator().next()));
            }
        }
        return counted;
    }

    private static List<ConsumerRecord<String, byte[]>> readFrom(StackProcess stack, Map<TopicPartition, Long> from) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(stack.kafkaClientConfig())) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> end = consumer.endOffsets(from.keySet());
            while (from.keySet().stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    private static Map<TopicPartition, Long> ends(StackProcess stack, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(stack.kafkaClientConfig())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return new HashMap<>(consumer.endOffsets(partitions));
        }
    }

    static KafkaConsumer<String, byte[]> consumer(Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static long linked(JobProgress job) {
        return job.getMatched() + job.getMatchedWithDiscrepancy() + job.getProbable();
    }

    private static void check(List<String> failures, String what, long actual, long expected) {
        if (actual != expected) {
            failures.add(String.format(Locale.ROOT, "%s: %,d, expected %,d", what, actual, expected));
        }
    }

    /**
     * The watch's own disk: its two RocksDB stores in every task's state directory, and their changelog topics'
     * partitions in the broker's log dir (as {@code du} counts, before any compaction).
     */
    private static Map<String, Long> watchDisk(StackProcess stack) throws IOException, InterruptedException {
        Path dataDir = stack.kafkaConfigFile().getParent().getParent();
        Map<String, Long> disk = new LinkedHashMap<>();
        for (String store : WATCH_STORES) {
            disk.put(store + " (RocksDB)", sumOf(dataDir.resolve("streams"), dir -> dir.getFileName().toString().equals(store)
                    && dir.getParent().getFileName().toString().equals("rocksdb")));
            String changelog = APPLICATION_ID + "-" + store + "-changelog-";
            disk.put(store + "-changelog (broker)", sumOf(dataDir.resolve("kafka").resolve("kraft-logs"),
                    dir -> dir.getFileName().toString().startsWith(changelog)));
        }
        return disk;
    }

    private static long sumOf(Path root, java.util.function.Predicate<Path> which) throws IOException, InterruptedException {
        List<Path> dirs;
        try (Stream<Path> all = Files.walk(root)) {
            dirs = all.filter(Files::isDirectory).filter(which).toList();
        }
        long bytes = 0;
        for (Path dir : dirs) {
            bytes += ChildProcesses.diskBytes(dir);
        }
        return bytes;
    }

    private static void jcmd(long pid, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid)));
        command.addAll(List.of(args));
        Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (jcmd.waitFor() != 0) {
            throw new IOException("jcmd " + String.join(" ", args) + ": " + output);
        }
    }

    private String report(WatchRefreshData data, Map<String, Stage> setup, Measured a, Measured b, JobProgress before,
                          JobProgress after, Map<String, Long> emptyWatch, Map<String, Long> watchDisk, Map<String, Long> disk, long stackPeakRss,
                          List<String> failures) {
        WatchRefreshData.Cohort cohort = data.cohort();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%,d deaths; a watched cohort of %,d records (%,d named, %,d with an invalid ID; "
                        + "%,d linked at submission; registered %,d by ID, %,d by block, %,d not at all); two refreshes of "
                        + "%,d changes each (%,d new, %,d corrected, %,d withdrawn)",
                data.deaths(), data.watched(), cohort.named(), cohort.invalid(), data.linked(), cohort.byId(), cohort.byBlock(),
                cohort.notRegistered(), data.refresh(), b.refresh().added(), b.refresh().corrected(), b.refresh().withdrawn()));
        lines.add("");
        lines.add("| setup | wall | machine CPU |");
        lines.add("|---|---|---|");
        setup.forEach((name, stage) -> lines.add(row(name, seconds(stage.took()) + " · " + perSecond(stage), cpu(stage.cpu()))));
        lines.add("");
        lines.add("| refresh | A: nothing watched (baseline) | B: " + String.format(Locale.ROOT, "%,d", data.watched())
                + (unwatched ? " records submitted, NOT watched (control)" : " records watched") + " | B / A |");
        lines.add("|---|---|---|---|");
        lines.add(row("death-loader alone", seconds(a.loader().took()) + " · " + cpu(a.loader().cpu()),
                seconds(b.loader().took()) + " · " + cpu(b.loader().cpu()), ratio(b.loader().took(), a.loader().took())));
        lines.add(row("loader start → match-streams caught up", seconds(a.window().took()) + " · " + perSecond(a.window()),
                seconds(b.window().took()) + " · " + perSecond(b.window()), ratio(b.window().took(), a.window().took())));
        lines.add(row("machine CPU, same window", cpu(a.window().cpu()), cpu(b.window().cpu()), ratio(b.window().cpu(), a.window().cpu())));
        lines.add(row("watch's extra cost", "—", seconds(b.window().took().minus(a.window().took())) + " · "
                + cpu(b.window().cpu().minus(a.window().cpu())), "—"));
        lines.add(row("changes on match-results (new death · updated · retracted)", changes(a.changes()) + " (expected 0)",
                changes(b.changes()) + String.format(Locale.ROOT, " (expected %,d · %,d · %,d)", data.expected().newDeaths().size(),
                        data.expected().updated().size(), data.expected().retracted().size()), "—"));
        lines.add(row("job's `changes` counter", "—", String.format(Locale.ROOT, "%,d (expected %,d); linked %,d → %,d",
                after.getChanges() - before.getChanges(), data.expected().total(), linked(before), linked(after)), "—"));
        lines.add("");
        lines.add("| disk | before the cohort (empty) | after the cohort | growth per watched record |");
        lines.add("|---|---|---|---|");
        long watch = 0;
        long empty = 0;
        for (Map.Entry<String, Long> entry : watchDisk.entrySet()) {
            long none = emptyWatch.getOrDefault(entry.getKey(), 0L);
            watch += entry.getValue();
            empty += none;
            lines.add(row(entry.getKey(), Report.bytes(none), Report.bytes(entry.getValue()),
                    perRecord(entry.getValue() - none, data.watched())));
        }
        lines.add(row("**the watch, in all**", Report.bytes(empty), Report.bytes(watch), perRecord(watch - empty, data.watched())));
        disk.forEach((name, bytes) -> lines.add(row(name + (name.contains("after refresh B") ? "" : ", at the end"),
                "", Report.bytes(bytes), "")));
        lines.add(row("stack JVM peak RSS", "", Report.bytes(stackPeakRss), ""));
        lines.add("");
        lines.add(failures.isEmpty()
                ? "Every change expected was sent once, with its trigger, and nothing else; the job's counters agree."
                : "FAILED: " + String.join("; ", failures));
        return String.join("\n", lines) + "\n";
    }

    private static String changes(Map<ResultTrigger, Long> counted) {
        return String.format(Locale.ROOT, "%,d · %,d · %,d", counted.getOrDefault(ResultTrigger.NEW_DEATH_RECORD, 0L),
                counted.getOrDefault(ResultTrigger.UPDATED, 0L), counted.getOrDefault(ResultTrigger.RETRACTED, 0L));
    }

    private static String perRecord(long bytes, long records) {
        return String.format(Locale.ROOT, "%,.0f bytes", (double) bytes / records);
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    private static String seconds(Duration took) {
        return String.format(Locale.ROOT, "%.2f s", took.toNanos() / 1e9);
    }

    private static String perSecond(Stage stage) {
        return String.format(Locale.ROOT, "%,.0f rows/s", stage.rowsPerSecond());
    }

    private static String cpu(Duration cpu) {
        return String.format(Locale.ROOT, "%.1f CPU-s", cpu.toMillis() / 1e3);
    }

    private static String ratio(Duration b, Duration a) {
        return a.isZero() ? "—" : String.format(Locale.ROOT, "%.2f×", (double) b.toNanos() / a.toNanos());
    }

    /** job-progress read committed from the start, kept open: the latest record per job is its state. */
    static final class ProgressReader implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final List<TopicPartition> partitions;
        private final Map<String, JobProgress> latest = new HashMap<>();

        ProgressReader(Map<String, Object> kafka) {
            consumer = consumer(kafka);
            partitions = consumer.partitionsFor(Topics.JOB_PROGRESS.name()).stream()
                    .map(p -> new TopicPartition(Topics.JOB_PROGRESS.name(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** Reads up to the current end and returns the job's latest progress, or null. */
        JobProgress current(String jobId) {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            do {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.value() == null) {
                        latest.remove(record.key());
                    } else {
                        latest.put(record.key(), Codecs.JOB_PROGRESS.decode(record.value()));
                    }
                }
            } while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)));
            return latest.get(jobId);
        }

        JobProgress await(String jobId, Duration timeout, java.util.function.Predicate<JobProgress> until)
                throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            JobProgress job;
            while ((job = current(jobId)) == null || !until.test(job)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("job " + jobId + " not as awaited after " + timeout + ": " + job);
                }
                Thread.sleep(200);
            }
            return job;
        }

        /** As {@link #await}, but returns, for the caller to check, once the job has not changed for {@code settle}. */
        JobProgress awaitSettled(String jobId, Duration timeout, Duration settle, java.util.function.Predicate<JobProgress> until)
                throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            JobProgress last = null;
            long lastChange = System.nanoTime();
            while (true) {
                JobProgress job = current(jobId);
                if (job != null && until.test(job)) {
                    return job;
                }
                if (job != null && !job.equals(last)) {
                    last = job;
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > settle.toNanos() || System.nanoTime() > deadline) {
                    return job;
                }
                Thread.sleep(200);
            }
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
