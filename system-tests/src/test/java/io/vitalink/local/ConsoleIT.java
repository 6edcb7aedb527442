package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console in a real browser: the stack run-local.sh starts (sample registry, sample job, the sample users and
 * the sample centre's approved application), and the browser tests of {@code src/test/js/console} (Debian's chromium
 * driven by playwright-core, {@code node --test}) against its {@code /console/}. The system property
 * {@code vitalink.console.screenshots} names a folder for their screenshots, e.g. docs/images to refresh the documents'.
 * Fails, never skips, when node or chromium is missing.
 */
@Tag("integration")
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class ConsoleIT {

    private static final Path TESTS = Path.of("src/test/js/console");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** A file of each package the tests use: when one is missing, the packages are installed again. */
    private static final List<String> INSTALLED = List.of(
            "node_modules/playwright-core/package.json", "node_modules/@axe-core/playwright/package.json");
    private static final String SCREENSHOTS_PROPERTY = "vitalink.console.screenshots";
    private static final int OUTPUT_TAIL_LINES = 80;

    @TempDir
    static Path dataDir;

    private static LocalStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        assertThat(run(Duration.ofSeconds(30), List.of("node", "--version"), Map.of()).exitCode())
                .as("node is needed for the browser tests in %s", TESTS).isZero();
        assertThat(CHROMIUM).as("Debian's chromium is needed for the browser tests (apt-get install chromium; .ci/run does)")
                .isExecutable();
        stack = LocalStack.start(new LocalStack.Settings(dataDir, 0, 0, 6));
        stack.approveSampleApplication(); // as run-local.sh: the sample centre's jobs run under it
        LocalLauncher.loadSample(stack, Files.createDirectories(dataDir.resolve("sample")), 2024, 10_000, 1_000, System.out);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theBrowserTestsPassAgainstTheRunningConsole() throws Exception {
        installPackages();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("VITALINK_URL", stack.api().toString().replaceAll("/+$", ""));
        env.put("VITALINK_USERS", new ObjectMapper().writeValueAsString(Map.of(
                LocalStack.ADMIN.username(), LocalStack.ADMIN.password(),
                LocalStack.SUBMITTER.username(), LocalStack.SUBMITTER.password(),
                LocalStack.AUDITOR.username(), LocalStack.AUDITOR.password(),
                LocalStack.APPROVER.username(), LocalStack.APPROVER.password(),
                LocalStack.REVIEWER.username(), LocalStack.REVIEWER.password())));
        String screenshots = System.getProperty(SCREENSHOTS_PROPERTY, "");
        if (!screenshots.isBlank()) {
            env.put("SCREENSHOT_DIR", Path.of(screenshots).toAbsolutePath().toString());
        }

        // a minute or two alone on two cores, several times that beside other builds
        Result tests = run(Duration.ofMinutes(8), List.of("node", "--test", "--test-reporter=spec", "--test-concurrency=1"), env);

        assertThat(tests.exitCode()).as("node --test in %s failed; its last lines:%n%s", TESTS, tests.tail()).isZero();
    }

    /** {@code npm ci} when the packages are missing or older than the lock file. */
    private static void installPackages() throws IOException, InterruptedException {
        Path installed = TESTS.resolve("node_modules/.package-lock.json");
        boolean complete = INSTALLED.stream().allMatch(file -> Files.exists(TESTS.resolve(file)));
        if (!complete || !Files.exists(installed)
                || Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(TESTS.resolve("package-lock.json"))) < 0) {
            Result npm = run(Duration.ofMinutes(5), List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), Map.of());
            assertThat(npm.exitCode()).as("npm ci in %s failed; its last lines:%n%s", TESTS, npm.tail()).isZero();
        }
    }

    private record Result(int exitCode, String tail) {
    }

    /**
     * Runs {@code command} in the tests' folder with {@code env} added, standard error with standard output, each line
     * printed to the test log as it comes; the last lines are kept for the assertion's message.
     */
    private static Result run(Duration timeout, List<String> command, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(TESTS.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " is needed for the browser tests in " + TESTS
                    + " and could not be started", e);
        }
        process.getOutputStream().close();
        Deque<String> tail = new ArrayDeque<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    System.out.println("[" + command.get(0) + "] " + line);
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > OUTPUT_TAIL_LINES) {
                            tail.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                System.out.println("[" + command.get(0) + "] output cut off: " + e.getMessage());
            }
        }, "console-it-output");
        reader.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            reader.join(5_000);
            synchronized (tail) {
                throw new AssertionError(String.join(" ", command) + " took longer than " + timeout + "; its last lines:\n"
                        + String.join("\n", tail));
            }
        }
        reader.join(5_000);
        synchronized (tail) {
            return new Result(process.exitValue(), String.join("\n", tail));
        }
    }
}
