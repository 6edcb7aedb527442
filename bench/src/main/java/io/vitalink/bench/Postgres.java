package io.vitalink.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's PostgreSQL 15 through {@code psql}, run as the {@code postgres} user in the work directory (where
 * {@code \copy} reads and writes). bench/run.sh installs and starts it; this only starts a stopped cluster and says
 * clearly when there is none.
 */
final class Postgres {

    static final String DATABASE = "vitalink_bench";
    private static final String VERSION = "15";
    private static final String CLUSTER = "main";

    private final Path workDir;

    Postgres(Path workDir) {
        this.workDir = workDir;
    }

    /** Starts the cluster when it is not running; fails with what to do when PostgreSQL is not installed. */
    void ensureRunning() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/pg_ctlcluster")) || !Files.isExecutable(Path.of("/usr/bin/psql"))) {
            throw new IllegalStateException("PostgreSQL is not installed: apt-get install -y postgresql "
                    + "(bench/run.sh and .ci/run do it), then pg_ctlcluster " + VERSION + " " + CLUSTER + " start");
        }
        if (run(List.of("pg_ctlcluster", VERSION, CLUSTER, "status"), false).exit() != 0) {
            Result started = run(asPostgres(List.of("pg_ctlcluster", VERSION, CLUSTER, "start")), false);
            if (started.exit() != 0) {
                throw new IllegalStateException("PostgreSQL " + VERSION + "/" + CLUSTER + " cannot be started: " + started.output());
            }
        }
    }

    /** A fresh, empty database for the run. */
    void recreateDatabase() throws IOException, InterruptedException {
        psql("postgres", "DROP DATABASE IF EXISTS " + DATABASE);
        psql("postgres", "CREATE DATABASE " + DATABASE);
    }

    /** Runs one statement or one psql meta-command ({@code \copy ...}) in the bench database; returns its output. */
    String psql(String command) throws IOException, InterruptedException {
        return psql(DATABASE, command);
    }

    /** The single value a query returns. */
    long queryLong(String query) throws IOException, InterruptedException {
        return Long.parseLong(psql(query).trim());
    }

    private String psql(String database, String command) throws IOException, InterruptedException {
        Result result = run(asPostgres(List.of("psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", database,
                "-c", command)), true);
        if (result.exit() != 0) {
            throw new IllegalStateException("psql failed (" + result.exit() + "): " + result.output());
        }
        return result.output();
    }

    /** As the postgres user: root switches with runuser, anyone else needs sudo. */
    private static List<String> asPostgres(List<String> command) {
        List<String> full = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        } else {
            full.addAll(List.of("sudo", "-n", "-u", "postgres"));
        }
        full.addAll(command);
        return full;
    }

    private record Result(int exit, String output) {
    }

    private Result run(List<String> command, boolean inWorkDir) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (inWorkDir) {
            builder.directory(workDir.toFile());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.HOURS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), output);
    }
}
