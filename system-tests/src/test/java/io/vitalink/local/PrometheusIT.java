package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's package; CI installs it) scrapes the running local stack every second: the API's
 * /prometheus and match-streams' management port, with the alert rules of docker/prometheus/alerts.yml loaded. After
 * one job has COMPLETED, PromQL through Prometheus' HTTP API must count exactly what the job processed, the read
 * model's jobs by state must show it, and every metric that a dashboard or an alert reads must exist in the scrape.
 */
@Tag("integration")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class PrometheusIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path PROMETHEUS = Path.of(System.getenv().getOrDefault("PROMETHEUS_BIN", "/usr/bin/prometheus"));
    private static final Path PROMTOOL = Path.of(System.getenv().getOrDefault("PROMTOOL_BIN", "/usr/bin/promtool"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long SEED = 11;
    private static final int PATIENTS = 300;

    @TempDir
    static Path dataDir;

    private static LocalStack stack;
    private static Process prometheus;
    private static URI prometheusApi;
    private static JsonNode job;

    @BeforeAll
    static void runAJobAndScrapeIt() throws Exception {
        assumeTrue(Files.isExecutable(PROMETHEUS), "Prometheus is not installed at " + PROMETHEUS
                + " (apt-get install prometheus; .ci/run installs it): skipping the scrape by a real Prometheus");
        // Given the stack with a registry, one completed job and one refused upload
        stack = LocalStack.start(new LocalStack.Settings(dataDir, 0, 0, 3));
        stack.approveSampleApplication(); // jobs of the sample centre run under it
        List<SampleDeath> deaths = SampleData.deaths(SEED, 2_000);
        Path deathsCsv = dataDir.resolve("deaths.csv");
        SampleData.writeDeathsCsv(deaths, deathsCsv);
        stack.loadDeaths(deathsCsv, "prometheus-it");
        stack.awaitRegistryIndexed(Duration.ofMinutes(3));
        Path requestsCsv = dataDir.resolve("requests.csv");
        SampleData.writeRequestsCsv(SampleData.requests(SEED, deaths, PATIENTS, 120, 15), requestsCsv);
        ApiClient api = stack.client(LocalStack.SUBMITTER);
        String jobId = api.submitCsv(requestsCsv);
        job = api.awaitCompleted(jobId, Duration.ofMinutes(3));
        HttpResponse<String> refused = api.send("POST", "/api/v1/jobs",
                Map.of("records", List.of(Map.of("recordId", "r1", "birthDate", "31/12/1949"))));
        assertThat(refused.statusCode()).isEqualTo(400);

        // jvm_gc_pause_seconds (the JVM dashboard) exists from the first collection after start: make sure there was one
        System.gc();

        // When a real Prometheus scrapes both services every second
        prometheus = startPrometheus();
        awaitQuery("min(up)", v -> v == 1, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void processedRecordCounterEqualsWhatTheJobProcessed() throws Exception {
        assertThat(job.path("expected").asLong()).isEqualTo(PATIENTS);
        assertThat(job.path("processed").asLong()).isEqualTo(PATIENTS);
        assertThat(job.path("deadLettered").asLong()).isZero();

        // Then PromQL counts exactly the job's records at every stage
        assertThat(awaitQuery("sum(vitalink_match_decisions_total)", v -> v == PATIENTS, Duration.ofSeconds(30)))
                .isEqualTo(PATIENTS);
        assertThat(query("sum(vitalink_requests_received_total)")).isEqualTo(PATIENTS);
        assertThat(query("sum(vitalink_results_stored_total)")).isEqualTo(PATIENTS);
        assertThat(query("sum(vitalink_jobs_submitted_total{format=\"csv\"})")).isEqualTo(1);
        assertThat(query("sum(vitalink_match_decisions_total{outcome=\"MATCHED\"})")).isEqualTo(job.path("matched").asLong());
        assertThat(query("sum(vitalink_match_decisions_total{outcome=\"INVALID\"})")).isEqualTo(job.path("invalid").asLong());
        assertThat(query("sum(vitalink_uploads_rejected_total{code=\"VL-1002\"})")).isEqualTo(1);
        assertThat(query("sum(vitalink_match_dead_letters_total)")).isZero();
        assertThat(query("sum(vitalink_match_requests_lag_records)")).isZero();
    }

    @Test
    void jobsByStateShowTheCompletedJobAndItsDuration() throws Exception {
        assertThat(query("vitalink_jobs{state=\"COMPLETED\"}")).isEqualTo(1);
        assertThat(query("sum(vitalink_jobs{state=~\"RECEIVING|RUNNING|FAILED|CANCELLED\"})")).isZero();
        assertThat(query("sum(vitalink_job_duration_seconds_count{state=\"COMPLETED\"})")).isEqualTo(1);
        assertThat(query("vitalink_streams_state{state=\"RUNNING\"}")).isEqualTo(1);
    }

    @Test
    void everyMetricOfTheDashboardsAndAlertsExistsInTheScrape() throws Exception {
        Map<String, Set<String>> used = new TreeMap<>();
        for (String expr : PromQlNames.dashboardExpressions(ROOT.resolve("docker/grafana/dashboards"))) {
            PromQlNames.metricNames(expr).forEach(name -> used.computeIfAbsent(name, n -> new TreeSet<>()).add("dashboard: " + expr));
        }
        for (String expr : PromQlNames.ruleExpressions(ROOT.resolve("docker/prometheus/alerts.yml"))) {
            PromQlNames.metricNames(expr).forEach(name -> used.computeIfAbsent(name, n -> new TreeSet<>()).add("alert: " + expr));
        }
        assertThat(used).containsKeys("vitalink_match_decisions_total", "vitalink_streams_state", "http_server_requests_seconds_count");

        Set<String> scraped = new TreeSet<>();
        get("/api/v1/label/__name__/values").path("data").forEach(name -> scraped.add(name.asText()));

        List<String> missing = new ArrayList<>();
        used.forEach((name, where) -> {
            if (!scraped.contains(name)) {
                missing.add(name + " (" + where + ")");
            }
        });
        assertThat(missing).as("metrics read by dashboards or alerts but absent from the scrape").isEmpty();
    }

    @Test
    void alertRulesPassPromtoolAndEvaluateOnTheLiveData() throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL), "promtool is not installed at " + PROMTOOL);
        Path rules = ROOT.resolve("docker/prometheus/alerts.yml");
        Process check = new ProcessBuilder(PROMTOOL.toString(), "check", "rules", rules.toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as(output).isZero();

        // every rule has been evaluated by the live Prometheus without an error, and none fires on a healthy stack
        // (before the first scrape "no match-streams RUNNING" is true for an evaluation or two: wait for the data)
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<JsonNode> evaluated;
        do {
            evaluated = new ArrayList<>();
            for (JsonNode group : get("/api/v1/rules").path("data").path("groups")) {
                group.path("rules").forEach(evaluated::add);
            }
        } while (evaluated.stream().anyMatch(r -> !r.path("health").asText().equals("ok") || !r.path("state").asText().equals("inactive"))
                && System.nanoTime() < deadline && sleep(Duration.ofSeconds(1)));
        assertThat(evaluated).hasSize(PromQlNames.ruleExpressions(rules).size());
        assertThat(evaluated).allSatisfy(rule -> {
            assertThat(rule.path("health").asText()).as(rule.path("name").asText() + ": " + rule.path("lastError").asText()).isEqualTo("ok");
            assertThat(rule.path("state").asText()).as(rule.path("name").asText()).isEqualTo("inactive");
        });
    }

    /** A Prometheus on a free port, scraping both services every second, storing in a temporary directory. */
    private static Process startPrometheus() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dir = Files.createDirectories(dataDir.resolve("prometheus"));
        URI api = stack.api();
        URI matcher = stack.matcherManagement();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  scrape_timeout: 1s",
                "  evaluation_interval: 1s",
                "rule_files:",
                "  - " + ROOT.resolve("docker/prometheus/alerts.yml"),
                "scrape_configs:",
                "  - job_name: vitalink-api",
                "    metrics_path: /prometheus",
                "    static_configs:",
                "      - targets: ['" + api.getHost() + ":" + api.getPort() + "']",
                "  - job_name: vitalink-match-streams",
                "    metrics_path: /prometheus",
                "    static_configs:",
                "      - targets: ['" + matcher.getHost() + ":" + matcher.getPort() + "']",
                ""));
        Process process = new ProcessBuilder(PROMETHEUS.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        prometheusApi = URI.create("http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(prometheusApi.resolve("/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return process;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Prometheus not ready: " + Files.readString(dir.resolve("prometheus.log")));
            }
            sleep(Duration.ofMillis(200));
        }
    }

    /** The single value of an instant query; NaN when it has no result. */
    /**
     * The query's one value, NaN when it has no series. A scrape that times out (1 s on a busy two-core machine) marks
     * the target's series stale until the next one succeeds: no series is asked again for a few seconds.
     */
    private static double query(String promql) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode result = instant(promql);
        while (result.isEmpty() && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(500));
            result = instant(promql);
        }
        assertThat(result.size()).as("series of " + promql + ": " + result).isLessThanOrEqualTo(1);
        return result.isEmpty() ? Double.NaN : Double.parseDouble(result.get(0).path("value").get(1).asText());
    }

    private static JsonNode instant(String promql) throws Exception {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("data").path("result");
    }

    /** Queries until {@code until} holds (the next scrapes may be needed), then returns the last value. */
    private static double awaitQuery(String promql, DoublePredicate until, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        double value = query(promql);
        while (!until.test(value) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(500));
            value = query(promql);
        }
        return value;
    }

    private static JsonNode get(String pathAndQuery) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(prometheusApi + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(pathAndQuery + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
