package io.vitalink.api.joblog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vitalink.api.store.IngestBatch;
import io.vitalink.api.store.JobStore;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.serde.Codecs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The job log lines as the read model writes them, encoded by the JSON encoder logback.xml configures. */
class JobLogWriterTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String JOB = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";

    final Logger logger = (Logger) LoggerFactory.getLogger(JobLogWriter.LOGGER);
    final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    JobStore store;

    @BeforeEach
    void capture() throws Exception {
        captured.start();
        logger.addAppender(captured);
        store = JobStore.openTemporary();
        new JobLogWriter(store);
    }

    @AfterEach
    void release() {
        logger.detachAppender(captured);
        store.close();
    }

    @Test
    void writesOneJsonLinePerLifecycleEventWithCountersOwnerAndTimes() throws Exception {
        JobProgress accepted = JobProgress.newBuilder().setJobId(JOB).setState(JobState.RECEIVING)
                .setCreatedAt(Instant.parse("2026-11-23T10:00:00Z")).setOrganisation("centre-a")
                .setSubmittedBy("submitter-a").setCallbackUrl("https://centre-a.example/hook").build();
        store.progress().putIfAbsent(accepted);
        JobProgress running = JobProgress.newBuilder(accepted).setState(JobState.RUNNING).setExpected(4L)
                .setStartedAt(Instant.parse("2026-11-23T10:00:01Z")).setProcessed(1).setMatched(1).build();
        JobProgress progressed = JobProgress.newBuilder(running).setProcessed(2).setNotFound(1).build();
        JobProgress completed = JobProgress.newBuilder(progressed).setState(JobState.COMPLETED).setProcessed(4)
                .setInvalid(1).setProbable(1).setCompletedAt(Instant.parse("2026-11-23T10:00:03.250Z")).build();
        store.apply(new IngestBatch().progress(JOB, encode(running)).progress(JOB, encode(progressed)));
        store.apply(new IngestBatch().progress(JOB, encode(completed)).progress(JOB, encode(completed)));

        List<JsonNode> lines = encodedLines();
        assertThat(lines).extracting(l -> fields(l).get("event")).containsExactly("ACCEPTED", "STARTED", "COMPLETED");
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.path("loggerName").asText()).isEqualTo("vitalink.joblog");
            assertThat(l.path("level").asText()).isEqualTo("INFO");
        });
        assertThat(lines.get(0).path("formattedMessage").asText()).isEqualTo("job ACCEPTED");

        Map<String, String> done = fields(lines.get(2));
        assertThat(done).containsEntry("jobId", JOB).containsEntry("state", "COMPLETED")
                .containsEntry("organisation", "centre-a").containsEntry("submittedBy", "submitter-a")
                .containsEntry("createdAt", "2026-11-23T10:00:00Z").containsEntry("startedAt", "2026-11-23T10:00:01Z")
                .containsEntry("completedAt", "2026-11-23T10:00:03.250Z").containsEntry("durationMs", "2250")
                .containsEntry("expected", "4").containsEntry("processed", "4").containsEntry("matched", "1")
                .containsEntry("matchedWithDiscrepancy", "0").containsEntry("probable", "1")
                .containsEntry("notFound", "1").containsEntry("invalid", "1").containsEntry("deadLettered", "0");
        assertThat(fields(lines.get(0))).containsEntry("state", "RECEIVING")
                .doesNotContainKeys("expected", "startedAt", "completedAt", "durationMs");
    }

    @Test
    void aJobFirstSeenCompletedWritesEveryEventOnceAndATombstoneNone() throws Exception {
        JobProgress completed = JobProgress.newBuilder().setJobId(JOB).setState(JobState.COMPLETED).setExpected(1L)
                .setProcessed(1).setMatched(1).build();
        store.apply(new IngestBatch().progress(JOB, encode(completed)));
        store.apply(new IngestBatch().progress(JOB, null));

        assertThat(encodedLines()).extracting(l -> fields(l).get("event")).containsExactly("ACCEPTED", "STARTED", "COMPLETED");
    }

    @Test
    void linesHoldNoPatientDataNorCallbackUrl() throws Exception {
        store.progress().putIfAbsent(JobProgress.newBuilder().setJobId(JOB).setState(JobState.RECEIVING)
                .setOrganisation("centre-a").setSubmittedBy("submitter-a")
                .setCallbackUrl("https://centre-a.example/hook?token=secret").build());

        List<JsonNode> lines = encodedLines();
        assertThat(lines).hasSize(1);
        assertThat(fields(lines.get(0)).keySet()).containsExactlyInAnyOrder("event", "jobId", "state", "organisation",
                "submittedBy", "processed", "matched", "matchedWithDiscrepancy", "probable", "notFound", "invalid",
                "deadLettered", "skipped");
        assertThat(lines.get(0).toString()).doesNotContain("centre-a.example", "callbackUrl", "idNumber", "name\"");
    }

    /** Each captured event through the encoder of the JOBLOG appender of logback.xml, parsed back. */
    @SuppressWarnings("unchecked")
    private List<JsonNode> encodedLines() throws Exception {
        Encoder<ILoggingEvent> encoder = ((OutputStreamAppender<ILoggingEvent>) logger.getAppender("JOBLOG")).getEncoder();
        assertThat(encoder).isInstanceOf(ch.qos.logback.classic.encoder.JsonEncoder.class);
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (ILoggingEvent event : captured.list) {
            String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
            assertThat(line).endsWith("\n").doesNotContain("\n{");
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    /** The key-value pairs of a line (JsonEncoder writes them as kvpList: [{"k":"v"}, …]), values as text. */
    static Map<String, String> fields(JsonNode line) {
        Map<String, String> fields = new HashMap<>();
        for (JsonNode pair : line.path("kvpList")) {
            pair.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
        }
        return fields;
    }

    private static byte[] encode(JobProgress p) {
        return Codecs.JOB_PROGRESS.encode(p);
    }
}
