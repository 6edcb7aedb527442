package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.vitalink.api.ApiApplication;
import io.vitalink.api.intake.RawRecord;
import io.vitalink.api.intake.RecordValidator;
import io.vitalink.api.intake.Spool;
import io.vitalink.api.job.JobOwner;
import io.vitalink.api.job.JobPublisher;
import io.vitalink.api.store.JobStore;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.avro.MatchRequest;
import io.vitalink.crypto.Keysets;
import io.vitalink.kafka.KafkaClientProperties;
import io.vitalink.loader.DeathLoader;
import io.vitalink.loader.DeathLoaderCli;
import io.vitalink.streams.MatchStreamsApp;
import io.vitalink.streams.RegistryLag;
import io.vitalink.streams.StreamsSettings;
import io.vitalink.topic.TopicSerdes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;

/**
 * The services of the secured-broker ITs, each started as its deployment starts it and given only the Kafka client
 * properties file, each through its own setting: the death-loader's {@code --kafka-config}, match-streams'
 * {@code VITALINK_KAFKA_CONFIG_FILE}, the API's {@code vitalink.kafka.config-file}.
 */
record SecuredStack(String bootstrapServers, Path clientConfig, Map<String, String> keysets, Path dir) {

    /** The API; its topic setup creates the topics. */
    ApplicationContext startApi() {
        return ApiApplication.start(Map.of(
                "micronaut.server.port", -1,
                "kafka.bootstrap.servers", bootstrapServers,
                "vitalink.kafka.config-file", clientConfig.toString(),
                "vitalink.store.dir", dir.resolve("api-store").toString(),
                "vitalink.spool.dir", dir.resolve("api-spool").toString(),
                "vitalink.id-keyset-file", keysets.get(Keysets.ID_KEYSET_FILE),
                "vitalink.field-keyset-file", keysets.get(Keysets.FIELD_KEYSET_FILE),
                "vitalink.security.jwt.secret", "secured-it-signing-secret-of-at-least-32-bytes"));
    }

    Properties matcherSettings() {
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("streams").toString());
        return StreamsSettings.load(null, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                "VITALINK_KAFKA_CONFIG_FILE", clientConfig.toString(),
                "VITALINK_MANAGEMENT_PORT", "0",
                Keysets.ID_KEYSET_FILE, keysets.get(Keysets.ID_KEYSET_FILE),
                Keysets.FIELD_KEYSET_FILE, keysets.get(Keysets.FIELD_KEYSET_FILE)), overrides);
    }

    /** The death-loader's command line as {@code main} builds it, with an environment holding only the keysets. */
    CommandLine loaderCli(StringWriter err, StringWriter out) {
        CommandLine cli = DeathLoaderCli.commandLine((config, cipher) -> new DeathLoader(config, cipher, Clock.systemUTC()),
                keysets);
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(out, true));
        return cli;
    }

    /** Waits until match-streams has read every registry record the loader wrote. */
    void awaitRegistryRead(Properties matcherSettings, Duration timeout) throws Exception {
        try (Admin admin = Admin.create(KafkaClientProperties.load(clientConfig, "test")
                .mergedInto(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)))) {
            RegistryLag.await(admin, matcherSettings.getProperty(StreamsConfig.APPLICATION_ID_CONFIG), timeout);
        }
    }

    /** The API's Kafka side as its job service drives it: validated requests in a spool, then the publisher. */
    void publishThroughTheApi(ApplicationContext api, String jobId, List<SampleRequest> requests) throws IOException {
        TopicSerdes serdes = api.getBean(TopicSerdes.class);
        try (Spool spool = Spool.create(dir.resolve("test-spool-" + jobId), serdes.codec(MatchRequest.class),
                request -> serdes.requestKey(request, LocalDate.now()))) {
            long line = 1;
            for (SampleRequest r : requests) {
                line++;
                RawRecord raw = new RawRecord(line, r.recordId(), r.idNumber(), r.name(), r.sex(),
                        Objects.toString(r.birthDate(), null), null);
                spool.add(RecordValidator.toRequest(jobId, raw, true), line, true);
            }
            spool.finish();
            // as the job service does: the job runs under its organisation's approved application
            String application = Applications.approve(api, "centre-a", Applications.EVERY_FIELD);
            api.getBean(JobPublisher.class).publish(jobId, new JobOwner("centre-a", "secured-it")
                    .withApplication(application, Applications.EVERY_FIELD), spool, () -> { });
        }
    }

    /** What {@link #runSampleJob} ends with: the job's final progress and the results the API's read model holds. */
    record SampleRun(JobProgress job, long results) {

        /** Every counter exact for a sample job of {@code patients}, {@code dying} of them dead, {@code invalid} invalid. */
        void assertExact(int patients, int dying, int invalid) {
            assertThat(job.getExpected()).isEqualTo(patients);
            assertThat(job.getProcessed()).isEqualTo(patients);
            assertThat(job.getMatched()).isEqualTo(dying);
            assertThat(job.getInvalid()).isEqualTo(invalid);
            assertThat(job.getNotFound()).isEqualTo(patients - dying - invalid);
            assertThat(job.getMatchedWithDiscrepancy() + job.getProbable() + job.getDeadLettered()).isZero();
            assertThat(results).isEqualTo(patients);
        }
    }

    /**
     * Every service through the secured broker: the API and the matcher started (pushed on {@code running}), the
     * death-loader's command line loading {@code deaths} sample deaths, then a job of {@code patients} published
     * through the API's Kafka side and awaited until COMPLETED.
     */
    SampleRun runSampleJob(Deque<AutoCloseable> running, long seed, int deaths, int patients, int dying, int invalid)
            throws Exception {
        List<SampleDeath> registry = SampleData.deaths(seed, deaths);
        List<SampleRequest> requests = SampleData.requests(seed, registry, patients, dying, invalid);
        ApplicationContext api = startApi();
        running.push(api);
        Properties streamsSettings = matcherSettings();
        MatchStreamsApp matcher = MatchStreamsApp.start(streamsSettings);
        running.push(matcher);
        matcher.awaitRunning(Duration.ofSeconds(90));

        Path csv = dir.resolve("deaths.csv");
        SampleData.writeDeathsCsv(registry, csv);
        StringWriter loaderOut = new StringWriter();
        int exit = loaderCli(new StringWriter(), loaderOut).execute("load", "--file", csv.toString(),
                "--bootstrap-servers", bootstrapServers, "--kafka-config", clientConfig.toString(), "--no-progress");
        assertThat(exit).isZero();
        assertThat(loaderOut.toString()).startsWith("read " + deaths + ", loaded " + deaths + ", updated 0, unchanged 0, rejected 0");
        awaitRegistryRead(streamsSettings, Duration.ofSeconds(90));
        String jobId = UUID.randomUUID().toString();
        publishThroughTheApi(api, jobId, requests);
        JobStore store = api.getBean(JobStore.class);
        JobProgress job = awaitCompleted(store, jobId, Duration.ofSeconds(90));
        return new SampleRun(job, store.results().count(jobId));
    }

    static JobProgress awaitCompleted(JobStore store, String jobId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<JobProgress> progress = store.progress().get(jobId);
        while (progress.map(p -> p.getState() != JobState.COMPLETED).orElse(true)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + jobId + " not COMPLETED after " + timeout + ": " + progress.orElse(null));
            }
            TimeUnit.MILLISECONDS.sleep(200);
            progress = store.progress().get(jobId);
        }
        return progress.orElseThrow();
    }
}
