package io.vitalink.bench;

import io.vitalink.crypto.Keysets;
import io.vitalink.local.ApiClient;
import io.vitalink.streams.RegistryLag;
import io.vitalink.streams.StreamsSettings;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StreamsConfig;

/** Vitalink end to end on a running {@link StackProcess}: the registry once, then one job per path. */
final class VitalinkRun {

    /** One job's stages and where its exported results are. */
    record Job(List<Stage> stages, Path results) {
    }

    private final StackProcess stack;
    private final String classpath;
    private final Path workDir;
    private final Duration timeout;
    private long loaderPeakRss;

    VitalinkRun(StackProcess stack, String classpath, Path workDir, Duration timeout) {
        this.stack = stack;
        this.classpath = classpath;
        this.workDir = workDir;
        this.timeout = timeout;
    }

    /** The death-loader CLI as a child process with the stack's keysets, then the matcher's take-in. */
    List<Stage> loadRegistry(BenchData data) throws Exception {
        Stage load = Stage.time(Stages.LOAD_REGISTRY, data.registryRows(), () -> runLoader(data.deathsCsv(), null, "bench")).stage();
        Stage takeIn = Stage.time(Stages.TAKE_IN, data.registryRows(), () -> {
            // exact: the matcher's committed offsets reach the end of death-records and of its block-index topic
            try (Admin admin = Admin.create(stack.kafkaClientConfig())) {
                RegistryLag.await(admin, StreamsSettings.defaults().getProperty(StreamsConfig.APPLICATION_ID_CONFIG), timeout);
            }
            return null;
        }).stage();
        return List.of(load, takeIn);
    }

    /**
     * The death-loader CLI on {@code deathsCsv}, withdrawing the IDs of {@code deleteFile} when it is not null, as the
     * batch {@code label}; returns when it has exited (0, or this throws with its log's end).
     */
    Void runLoader(Path deathsCsv, Path deleteFile, String label) throws Exception {
        Path log = workDir.resolve("death-loader-" + label + ".log");
        List<String> args = new java.util.ArrayList<>(List.of("load", "--file", deathsCsv.toString(),
                        "--bootstrap-servers", stack.bootstrapServers(),
                        "--kafka-config", stack.kafkaConfigFile().toString(),
                        "--id-keyset", stack.keysets().get(Keysets.ID_KEYSET_FILE),
                        "--field-keyset", stack.keysets().get(Keysets.FIELD_KEYSET_FILE),
                        "--reject-file", workDir.resolve("death-loader-" + label + ".rejects.csv").toString(),
                        "--work-dir", Files.createDirectories(workDir.resolve("loader-work")).toString(),
                        "--batch-label", label, "--no-progress"));
        if (deleteFile != null) {
            args.addAll(List.of("--delete-file", deleteFile.toString()));
        }
        Process loader = ChildProcesses.java(classpath, List.of("-XX:+UseG1GC"), "io.vitalink.loader.DeathLoaderCli", args, log)
                .start();
        loaderPeakRss = ChildProcesses.waitSamplingPeak(loader);
        if (loader.exitValue() != 0) {
            throw new IllegalStateException("the death-loader failed (" + loader.exitValue() + "):\n" + ChildProcesses.tail(log));
        }
        return null;
    }

    long loaderPeakRss() {
        return loaderPeakRss;
    }

    /** The REST path: upload the CSV, poll until COMPLETED, export the results as CSV. */
    Job viaRest(BenchData data) throws Exception {
        stack.approvedApplication(); // the launcher approved it at start: found, not filed again
        ApiClient api = stack.submitter();
        Stage.Timed<String> upload = Stage.time(Stages.LOAD_REQUESTS, data.requests(), () -> api.submitCsv(data.requestsCsv()));
        return finish(api, upload.value(), upload.stage(), data.requests(), "rest");
    }

    /** The Kafka path: the same requests produced straight into the topics (docs/KAFKA-CONTRACT.md). */
    Job viaKafka(BenchData data) throws Exception {
        ApiClient api = stack.submitter();
        Stage.Timed<String> produce;
        try (KafkaJobProducer producer = new KafkaJobProducer(stack.kafkaClientConfig(), stack.keysets(),
                stack.approvedApplication())) {
            produce = Stage.time(Stages.LOAD_REQUESTS, data.requests(), () -> producer.submit(data.requestsCsv()));
        }
        return finish(api, produce.value(), produce.stage(), data.requests(), "kafka");
    }

    private Job finish(ApiClient api, String jobId, Stage submitted, long requests, String path) throws Exception {
        Stage match = Stage.time(Stages.MATCH, requests, () -> api.awaitCompleted(jobId, timeout)).stage();
        Path results = workDir.resolve("vitalink-" + path + "-results.csv");
        Stage export = Stage.time(Stages.EXPORT, requests, () -> {
            HttpResponse<Path> response = api.get("/api/v1/jobs/" + jobId + "/results", "text/csv",
                    HttpResponse.BodyHandlers.ofFile(results));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("results of job " + jobId + " answered " + response.statusCode());
            }
            return response.body();
        }).stage();
        return new Job(List.of(submitted, match, export), results);
    }
}
