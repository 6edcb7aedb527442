package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An API instance as deployed, in a JVM of its own beside the stack, killed with SIGKILL while a centre uploads to it
 * and while a centre downloads results from it, then started again on its store and port: the client gets an error,
 * never a clean answer; nothing of the killed upload is left spooled or counted as a job; after the restart the
 * finished job's status and every one of its results are there. Runs after {@code package}, which writes
 * api-service's classpath file.
 */
@Tag("integration")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ApiCrashIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final int RECORDS = 60_000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Process> apis = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopApis() {
        apis.forEach(Process::destroyForcibly);
    }

    @Test
    void anApiKilledDuringAnUploadAndADownloadLosesNothingItAcceptedAndServesItAllAfterARestart() throws Exception {
        try (LocalStack stack = LocalStack.start(new LocalStack.Settings(dir.resolve("stack"), 0, 0, 2))) {
            stack.approveSampleApplication(); // jobs of the sample centre run under it
            int port = freePort();
            Process api = startApi(stack, port);
            URI base = URI.create("http://127.0.0.1:" + port);
            ApiClient centre = new ApiClient(base, LocalStack.SUBMITTER.username(), LocalStack.SUBMITTER.password());

            // killed while the body streams in: the client sees the connection fail, not an answer
            Process killedInUpload = api;
            Throwable upload = catchThrowable(() -> http.send(uploadRequest(base, centre.login(),
                    HttpRequest.BodyPublishers.ofInputStream(() -> rows(2_000_000, 100_000, killedInUpload::destroyForcibly))),
                    HttpResponse.BodyHandlers.ofString()));
            assertThat(upload).isInstanceOf(IOException.class);
            killedInUpload.waitFor(30, TimeUnit.SECONDS);

            api = startApi(stack, port);
            assertThat(spooled(stack)).as("the killed upload's spool is removed at start").isEmpty();
            assertThat(jobs(centre)).as("a job of the killed upload").isEmpty();

            String jobId = centre.submit("text/csv", csv(RECORDS));
            JsonNode done = centre.awaitCompleted(jobId, Duration.ofMinutes(3));
            assertThat(done.path("processed").asLong()).isEqualTo(RECORDS);

            // killed while the results stream out: the client's read fails before the end, it never sees a short file
            HttpResponse<InputStream> download = centre.get("/api/v1/jobs/" + jobId + "/results", "text/csv",
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(download.statusCode()).isEqualTo(200);
            Process killedInDownload = api;
            Throwable partial = catchThrowable(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(download.body(), StandardCharsets.UTF_8))) {
                    for (int i = 0; i < 100; i++) {
                        lines.readLine();
                    }
                    killedInDownload.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                    while (lines.readLine() != null) {
                        // what was already under way may still arrive; the end must not
                    }
                }
            });
            assertThat(partial).isInstanceOf(IOException.class);

            startApi(stack, port);
            assertThat(centre.job(jobId).path("state").asText()).isEqualTo("COMPLETED");
            assertThat(centre.job(jobId).path("processed").asLong()).isEqualTo(RECORDS);
            HttpResponse<String> whole = centre.get("/api/v1/jobs/" + jobId + "/results", "text/csv");
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(whole.body().lines().skip(1).map(line -> line.substring(0, line.indexOf(','))).distinct().count())
                    .as("every record once, after the header").isEqualTo(RECORDS);
        }
    }

    /** The stack's API settings as system properties of api-service's own main, as its image runs it. */
    private Process startApi(LocalStack stack, int port) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m"));
        for (Map.Entry<String, Object> setting : stack.apiSettings("killed", port).entrySet()) {
            Object value = setting.getValue();
            command.add("-D" + setting.getKey() + "=" + (value instanceof List<?> list
                    ? String.join(",", list.stream().map(String::valueOf).toList()) : value));
        }
        command.addAll(List.of("-cp", ROOT.resolve("api-service/target/classes") + File.pathSeparator
                + Files.readString(ROOT.resolve("api-service/target/classpath.txt")).trim(), "io.vitalink.api.ApiApplication"));
        Path log = dir.resolve("api-" + apis.size() + ".log");
        Process api = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        apis.add(api);
        URI readiness = URI.create("http://127.0.0.1:" + port + "/health/readiness");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            assertThat(api.isAlive()).as("the API started; its log:%n%s", tail(log)).isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(readiness).GET().build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return api;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            assertThat(System.nanoTime()).as("ready within 2 minutes; its log:%n%s", tail(log)).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private static HttpRequest uploadRequest(URI base, String token, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(base.resolve("/api/v1/jobs")).header("Content-Type", "text/csv")
                .header("Authorization", "Bearer " + token).POST(body).build();
    }

    /** A CSV of {@code total} rows, generated as it is read; {@code atRow} runs once that many rows were read. */
    private static InputStream rows(int total, int atRow, Runnable at) {
        return new InputStream() {
            private byte[] line = "record_id\n".getBytes(StandardCharsets.US_ASCII);
            private int offset;
            private int row;

            @Override
            public int read() {
                if (offset == line.length) {
                    if (row == total) {
                        return -1;
                    }
                    if (++row == atRow) {
                        at.run();
                    }
                    line = ("r" + row + "\n").getBytes(StandardCharsets.US_ASCII);
                    offset = 0;
                }
                return line[offset++];
            }
        };
    }

    private static String csv(int records) {
        StringBuilder csv = new StringBuilder("record_id,id_number,name\n");
        for (int i = 1; i <= records; i++) {
            csv.append('r').append(i).append(",,王").append(i % 97).append('\n');
        }
        return csv.toString();
    }

    private static List<JsonNode> jobs(ApiClient centre) {
        HttpResponse<String> listing = centre.get("/api/v1/jobs", "application/json");
        assertThat(listing.statusCode()).as(listing.body()).isEqualTo(200);
        List<JsonNode> jobs = new ArrayList<>();
        ApiClient.parse(listing.body()).path("jobs").forEach(jobs::add);
        return jobs;
    }

    private static List<Path> spooled(LocalStack stack) throws IOException {
        Path spool = Path.of(String.valueOf(stack.apiSettings("killed", 0).get("vitalink.spool.dir")));
        if (!Files.exists(spool)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(spool)) {
            return files.toList();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
