package io.vitalink.bench;

import io.vitalink.crypto.Keysets;
import io.vitalink.streams.ManagementServer;
import io.vitalink.streams.StreamsSettings;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.StreamsConfig;

/**
 * One more match-streams instance as its own JVM ({@code MatchStreamsApp}, as deployed), in the group of a running
 * {@link StackProcess}: the stack's broker, keysets and partitions, its own state directory and management port.
 */
final class MatcherProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final URI management;
    private final Path log;

    private MatcherProcess(Process process, URI management, Path log) {
        this.process = process;
        this.management = management;
        this.log = log;
    }

    /** Starts the instance and returns once its management port says RUNNING. */
    static MatcherProcess start(String classpath, String heap, StackProcess stack, Path dir, int managementPort,
                                Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Properties settings = new Properties();
        settings.setProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        settings.setProperty(StreamsSettings.KAFKA_CONFIG_FILE, stack.kafkaConfigFile().toString());
        settings.setProperty(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("streams").toString());
        settings.setProperty(StreamsSettings.PARTITIONS, String.valueOf(stack.partitions()));
        settings.setProperty(StreamsSettings.CREATE_TOPICS, "false");
        settings.setProperty(StreamsSettings.ID_KEYSET_FILE, stack.keysets().get(Keysets.ID_KEYSET_FILE));
        settings.setProperty(StreamsSettings.FIELD_KEYSET_FILE, stack.keysets().get(Keysets.FIELD_KEYSET_FILE));
        settings.setProperty(StreamsSettings.MANAGEMENT_ADDRESS, "127.0.0.1");
        settings.setProperty(StreamsSettings.MANAGEMENT_PORT, String.valueOf(managementPort));
        Path file = dir.resolve("match-streams.properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            settings.store(out, "a further match-streams instance of the bench stack");
        }
        Path log = dir.resolve("match-streams.log");
        Process process = ChildProcesses.java(classpath, List.of("-XX:+UseG1GC", "-Xmx" + heap),
                "io.vitalink.streams.MatchStreamsApp", List.of(file.toString()), log).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "bench-matcher-stop"));
        MatcherProcess matcher = new MatcherProcess(process, URI.create("http://127.0.0.1:" + managementPort), log);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!matcher.running()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                matcher.close();
                throw new IllegalStateException("the further match-streams instance did not start; its log (" + log
                        + ") ends with:\n" + ChildProcesses.tail(log));
            }
            Thread.sleep(200);
        }
        return matcher;
    }

    URI management() {
        return management;
    }

    private boolean running() throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(management.resolve(ManagementServer.READINESS)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    long peakRss() {
        return ChildProcesses.peakRss(process.pid()).orElse(0);
    }

    Path log() {
        return log;
    }

    /** SIGTERM: the app's shutdown hook leaves the group and closes its stores. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
        }
    }
}
