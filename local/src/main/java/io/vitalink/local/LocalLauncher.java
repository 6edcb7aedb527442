package io.vitalink.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalink.loader.LoadSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run-local.sh}: the whole system with sample data, until Ctrl-C. */
@Command(name = "run-local.sh", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Starts a real single-node KRaft Kafka broker, match-streams and api-service in one JVM, "
                + "loads a synthetic death registry, submits a sample job and keeps running until Ctrl-C.")
public final class LocalLauncher implements Callable<Integer> {

    @Option(names = "--api-port", defaultValue = "8080", description = "HTTP port of the API (default: ${DEFAULT-VALUE}).")
    int apiPort;

    @Option(names = "--management-port", defaultValue = "8081",
            description = "match-streams' port for /prometheus and /health/* (default: ${DEFAULT-VALUE}).")
    int managementPort;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Client port of the Kafka broker (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--data-dir", defaultValue = "data", description = "Broker, state and sample files (default: ./${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--fresh", description = "Delete the data directory first.")
    boolean fresh;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--deaths", defaultValue = "10000", description = "Synthetic death records to load (default: ${DEFAULT-VALUE}).")
    int deaths;

    @Option(names = "--patients", defaultValue = "1000", description = "Patients in the sample job (default: ${DEFAULT-VALUE}).")
    int patients;

    @Option(names = "--seed", defaultValue = "2024", description = "Seed of the synthetic data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--no-sample", description = "Start empty: load no sample registry and submit no sample job "
            + "(the sample users are still created), e.g. for bench/run.sh, which brings its own data.")
    boolean noSample;

    /** Read by the launcher's logback.xml. */
    static final String LOG_DIR_PROPERTY = "vitalink.log.dir";

    private final PrintStream out = System.out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LocalLauncher()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (fresh) {
            deleteRecursively(dataDir);
        }
        Path sampleDir = Files.createDirectories(dataDir.resolve("sample"));
        Path logs = logTo(dataDir.resolve("logs"));
        out.println("Starting Kafka, match-streams and the API… (logs: " + logs.resolve("vitalink.log") + ", job log: "
                + logs.resolve("job-log.ndjson") + ")");
        LocalStack stack = LocalStack.start(new LocalStack.Settings(dataDir, kafkaPort, apiPort, partitions)
                .withManagementPort(managementPort));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping Vitalink…");
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        out.printf("Kafka broker on %s, API on %s%n", stack.bootstrapServers(), stack.api());
        String application = stack.approveSampleApplication();
        out.printf("Data-use application %s of %s approved by %s (every field group)%n", application,
                LocalStack.CENTRE, LocalStack.APPROVER.username());
        if (noSample) {
            printAccess(stack, null);
            stopped.await();
            return 0;
        }

        SampleJob sample = loadSample(stack, sampleDir, seed, deaths, patients, out);
        printSummary(stack, sample.jobId(), sample.job());

        stopped.await();
        return 0;
    }

    /** The sample job's id and its completed status. */
    public record SampleJob(String jobId, JsonNode job) {
    }

    /**
     * The sample the launcher starts with (the stack's sample users and approved application are there already): a
     * synthetic registry of {@code deaths} loaded with the death-loader and indexed by the matcher, then a job of
     * {@code patients} submitted by the sample centre (2 in 5 of them dead, 1 in 20 with an invalid ID) and awaited
     * until it completes. Its CSV files are written to {@code sampleDir}; progress is printed to {@code out}. Also how
     * ConsoleIT fills the stack its browser tests look at.
     */
    public static SampleJob loadSample(LocalStack stack, Path sampleDir, long seed, int deaths, int patients, PrintStream out)
            throws IOException, InterruptedException {
        List<SampleDeath> registry = SampleData.deaths(seed, deaths);
        Path deathsCsv = sampleDir.resolve("deaths.csv");
        SampleData.writeDeathsCsv(registry, deathsCsv);
        LoadSummary loaded = stack.loadDeaths(deathsCsv, "sample-" + seed);
        out.println("Death registry: " + loaded.summaryLine());
        stack.awaitRegistryIndexed(Duration.ofMinutes(10));

        int dying = patients * 2 / 5;
        int invalid = patients / 20;
        Path requestsCsv = sampleDir.resolve("requests.csv");
        SampleData.writeRequestsCsv(SampleData.requests(seed, registry, patients, dying, invalid), requestsCsv);
        ApiClient client = stack.client(LocalStack.SUBMITTER);
        String jobId = client.submitCsv(requestsCsv);
        out.printf("Submitted sample job %s (%d patients from %s)%n", jobId, patients, requestsCsv);
        return new SampleJob(jobId, client.awaitCompleted(jobId, Duration.ofMinutes(5)));
    }

    private void printSummary(LocalStack stack, String jobId, JsonNode job) {
        out.println();
        out.println("Sample job " + jobId + ": " + job.path("state").asText());
        out.printf("  expected %d, processed %d: matched %d, not found %d, invalid %d, dead-lettered %d%n",
                job.path("expected").asLong(), job.path("processed").asLong(), job.path("matched").asLong(),
                job.path("notFound").asLong(), job.path("invalid").asLong(), job.path("deadLettered").asLong());
        out.printf("  created %s, started %s, completed %s%n", job.path("createdAt").asText(),
                job.path("startedAt").asText(), job.path("completedAt").asText());
        printAccess(stack, jobId);
    }

    /** Addresses, users and example calls; {@code jobId} is the sample job's, or null when started without one. */
    private void printAccess(LocalStack stack, String jobId) {
        String api = stack.api().toString().replaceAll("/$", "");
        out.println();
        out.println("Web console (控制台): " + api + "/console/   (中文 by default, English in its header)");
        out.println("Vitalink API: " + api + "   (Kafka: " + stack.bootstrapServers() + ")");
        out.println("API reference: " + api + "/swagger-ui/index.html   (OpenAPI: " + api + "/openapi/vitalink-api.yml)");
        String matcher = stack.matcherManagement().toString();
        out.println("Metrics (Prometheus text, no token): " + api + "/prometheus and " + matcher + "/prometheus"
                + "   (match-streams health: " + matcher + "/health/readiness)");
        out.println("Plain HTTP on the loopback only, sample passwords: for development, never for real data.");
        out.println("Users (username / password, organisation):");
        for (Credentials user : List.of(LocalStack.ADMIN, LocalStack.SUBMITTER, LocalStack.AUDITOR, LocalStack.APPROVER, LocalStack.REVIEWER)) {
            out.printf("  %-9s / %-25s %s%n", user.username(), user.password(), user.organisation());
        }
        out.println("Log in (the access token lasts 15 minutes), then send it as a bearer token:");
        out.println("  TOKEN=$(curl -s -X POST " + api + "/api/v1/login -H 'Content-Type: application/json' \\");
        out.println("    -d '{\"username\":\"" + LocalStack.SUBMITTER.username() + "\",\"password\":\""
                + LocalStack.SUBMITTER.password() + "\"}' | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')");
        String auth = "-H \"Authorization: Bearer $TOKEN\" ";
        if (jobId != null) {
            out.println("  curl -s " + auth + api + "/api/v1/jobs/" + jobId);
            out.println("  curl -s " + auth + api + "/api/v1/jobs/" + jobId + "/results | head");
            out.println("  curl -s " + auth + "-H 'Accept: text/csv' " + api + "/api/v1/jobs/" + jobId + "/results | head");
            out.println("  curl -s " + auth + "-H 'Content-Type: text/csv' --data-binary @" + dataDir.resolve("sample/requests.csv") + " " + api + "/api/v1/jobs");
        }
        out.println("Press Ctrl-C to stop.");
    }

    /**
     * Points logback.xml's files at {@code dir}. Called before anything logs: the logging backend starts with the first
     * logger, which no class touches before the stack starts.
     */
    private static Path logTo(Path dir) throws IOException {
        Path logs = Files.createDirectories(dir).toAbsolutePath();
        System.setProperty(LOG_DIR_PROPERTY, logs.toString());
        return logs;
    }

    /** Removes a directory and everything in it; nothing happens if it does not exist. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
