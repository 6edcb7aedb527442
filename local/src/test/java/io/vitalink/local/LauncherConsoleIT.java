package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as run-local.sh starts it, in a JVM of its own with its own logback.xml: a clean start with a
 * sample job prints the launcher's progress and summary and no ERROR line; the broker's and the services' logs
 * and the job log go to files under the data directory, which the first line names. Runs after {@code package}.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LauncherConsoleIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String READY = "Press Ctrl-C to stop.";

    @TempDir
    Path dataDir;

    @Test
    void aCleanStartPrintsItsProgressAndSummaryAndNoErrorWhileTheLogsGoToFiles() throws Exception {
        List<String> console = Collections.synchronizedList(new ArrayList<>());
        Process launcher = start();
        Thread reader = new Thread(() -> readLines(launcher, console), "launcher-console");
        reader.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
            while (!console.contains(READY) && launcher.isAlive() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
        } finally {
            launcher.destroy(); // SIGTERM: the shutdown hook stops the stack
            launcher.waitFor(60, TimeUnit.SECONDS);
            launcher.destroyForcibly();
            reader.join(10_000);
        }

        List<String> lines = List.copyOf(console);
        assertThat(lines).as("console").contains(READY);
        assertThat(lines.get(0)).contains(dataDir.resolve("logs/vitalink.log").toString())
                .contains(dataDir.resolve("logs/job-log.ndjson").toString());
        assertThat(lines).anyMatch(line -> line.matches("Sample job .*: COMPLETED"));
        assertThat(lines).as("console").noneMatch(line -> line.contains("ERROR"))
                .noneMatch(line -> line.contains("org.apache.kafka") || line.startsWith("{"))
                .filteredOn(line -> line.contains(" WARN "))
                .allSatisfy(line -> assertThat(line).contains(" io.vitalink."));
        String log = Files.readString(dataDir.resolve("logs/vitalink.log"));
        assertThat(log).contains("io.vitalink").contains("Read model caught up");
        assertThat(Files.readString(dataDir.resolve("logs/job-log.ndjson"))).contains("\"job COMPLETED\"");
    }

    private Process start() throws IOException {
        String classpath = ROOT.resolve("local/target/classes") + java.io.File.pathSeparator
                + Files.readString(ROOT.resolve("local/target/classpath.txt")).trim();
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Dlogback.configurationFile=" + ROOT.resolve("local/target/classes/logback.xml"),
                "-cp", classpath, LocalLauncher.class.getName(),
                "--data-dir", dataDir.toString(), "--api-port", "0", "--kafka-port", "0", "--management-port", "0",
                "--deaths", "500", "--patients", "50")
                .redirectErrorStream(true)
                .start();
    }

    private static void readLines(Process process, List<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(console closed: " + e.getMessage() + ")");
        }
    }
}
