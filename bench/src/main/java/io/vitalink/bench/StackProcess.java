package io.vitalink.bench;

import io.vitalink.crypto.Keysets;
import io.vitalink.kafka.KafkaClientProperties;
import io.vitalink.local.ApiClient;
import io.vitalink.local.SampleApplication;
import io.vitalink.local.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The README's stack (run-local.sh's launcher) as a child JVM, started empty with {@code --no-sample} on its own
 * data directory and ports. Its layout under the data directory is the launcher's: {@code keys/}, {@code kafka/}
 * (broker log dir and client.properties), {@code streams/}, {@code api-store/}.
 */
final class StackProcess implements AutoCloseable {

    /** The launcher prints this once everything is up. */
    private static final String READY = "Press Ctrl-C to stop.";

    record Ports(int api, int kafka, int management) {
    }

    private final Process process;
    private final Path dataDir;
    private final Path log;
    private final Ports ports;
    private final int partitions;

    private StackProcess(Process process, Path dataDir, Path log, Ports ports, int partitions) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
        this.ports = ports;
        this.partitions = partitions;
    }

    /** {@code partitions}: of every topic, as the launcher's {@code --partitions}. */
    static StackProcess start(String classpath, String heap, Path dataDir, Ports ports, int partitions, Duration timeout)
            throws IOException, InterruptedException {
        Path log = dataDir.resolveSibling("stack.log");
        Process process = ChildProcesses.java(classpath, List.of("-XX:+UseG1GC", "-Xmx" + heap),
                "io.vitalink.local.LocalLauncher", List.of("--no-sample", "--fresh", "--data-dir", dataDir.toString(),
                        "--api-port", String.valueOf(ports.api()), "--kafka-port", String.valueOf(ports.kafka()),
                        "--management-port", String.valueOf(ports.management()),
                        "--partitions", String.valueOf(partitions)), log).start();
        // a Ctrl-C of the driver must not leave the stack running on its ports
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "bench-stack-stop"));
        StackProcess stack = new StackProcess(process, dataDir, log, ports, partitions);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(log) || !Files.readString(log).contains(READY)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                stack.close();
                throw new IllegalStateException("the stack did not start; its log (" + log + ") ends with:\n"
                        + ChildProcesses.tail(log));
            }
            Thread.sleep(200);
        }
        return stack;
    }

    URI api() {
        return URI.create("http://127.0.0.1:" + ports.api());
    }

    /** match-streams' management address in the stack (/prometheus, /health/readiness). */
    URI management() {
        return URI.create("http://127.0.0.1:" + ports.management());
    }

    int partitions() {
        return partitions;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + ports.kafka();
    }

    /** The sample submitter the launcher creates (its password is public: development only). */
    ApiClient submitter() {
        return new ApiClient(api(), LocalStack.SUBMITTER.username(), LocalStack.SUBMITTER.password());
    }

    /**
     * The sample centre's approved data-use application (申请审批), every field group: the launcher files and approves
     * it at start, and this finds it (or files and approves one, should it be missing) before the bench submits a job.
     */
    String approvedApplication() {
        return SampleApplication.ensureApproved(submitter(),
                new ApiClient(api(), LocalStack.APPROVER.username(), LocalStack.APPROVER.password()), SampleApplication.EVERY_FIELD);
    }

    /** The keyset files the stack made and seals with: a loader or producer must use the same. */
    Map<String, String> keysets() {
        return Keysets.settingsFor(dataDir.resolve("keys"));
    }

    /** The broker's client security file, as every service of the stack is given it. */
    Path kafkaConfigFile() {
        return dataDir.resolve("kafka").resolve("client.properties");
    }

    Map<String, Object> kafkaClientConfig() {
        return KafkaClientProperties.load(kafkaConfigFile(), "the bench stack")
                .mergedInto(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** The stack JVM's process id, for sampling it (/proc, jcmd). */
    long pid() {
        return process.pid();
    }

    long peakRss() {
        return ChildProcesses.peakRss(process.pid()).orElse(0);
    }

    /** Disk per component: the broker's log dir, the Streams state dir, the API's store. */
    Map<String, Long> disk() throws IOException, InterruptedException {
        return Map.of("broker", ChildProcesses.diskBytes(dataDir.resolve("kafka").resolve("kraft-logs")),
                "streams", ChildProcesses.diskBytes(dataDir.resolve("streams")),
                "api store", ChildProcesses.diskBytes(dataDir.resolve("api-store")));
    }

    /** SIGTERM: the launcher's shutdown hook stops the API, the matcher, then the broker. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
        }
    }
}
