package io.vitalink.match;

import static io.vitalink.match.TopologyRecords.DEAD_ID;
import static io.vitalink.match.TopologyRecords.NOW;
import static io.vitalink.match.TopologyRecords.SERDES;
import static io.vitalink.match.TopologyRecords.death;
import static io.vitalink.match.TopologyRecords.header;
import static io.vitalink.match.TopologyRecords.jobHeader;
import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.AuditEvent;
import io.vitalink.avro.DeathRecord;
import io.vitalink.avro.JobControl;
import io.vitalink.avro.JobEvent;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import io.vitalink.streams.StreamsSettings;
import io.vitalink.topic.Topics;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests on match-requests that cannot be matched go to the DLQ with a code, count in their job, and stop nothing. */
class HostileRequestsTest {

    private static final String JOB = "job-1";
    private static final MatchTopology.Options OPTIONS =
            MatchTopology.Options.of(StreamsSettings.probableMatcher(StreamsSettings.defaults()), 1);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> requests;
    private TestInputTopic<String, DeathRecord> deaths;
    private TestInputTopic<String, JobControl> control;
    private TestOutputTopic<String, MatchResult> results;
    private TestOutputTopic<String, JobProgress> progress;
    private TestOutputTopic<String, AuditEvent> audit;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void startDriver() {
        driver = TopologyRecords.driver(stateDir, OPTIONS);
        requests = driver.createInputTopic(Topics.MATCH_REQUESTS.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        deaths = driver.createInputTopic(Topics.DEATH_RECORDS.name(), SERDES.key(Topics.DEATH_RECORDS).serializer(),
                SERDES.value(Topics.DEATH_RECORDS).serializer());
        control = driver.createInputTopic(Topics.JOB_CONTROL.name(), SERDES.key(Topics.JOB_CONTROL).serializer(),
                SERDES.value(Topics.JOB_CONTROL).serializer());
        results = output(Topics.MATCH_RESULTS);
        progress = output(Topics.JOB_PROGRESS);
        audit = output(Topics.AUDIT);
        deadLetters = output(Topics.MATCH_REQUESTS_DLQ);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void deadLettersAnUnknownSchemaFingerprintAndCountsItInItsJob() {
        byte[] fingerprint = new byte[8];
        new Random(7).nextBytes(fingerprint);
        byte[] body = Arrays.copyOfRange(sealed("r1"), 10, sealed("r1").length);
        byte[] value = concat(concat(new byte[] {(byte) 0xC3, 0x01}, fingerprint), body);

        requests.pipeInput(new TestRecord<>("r1", value, jobHeader(JOB)));
        control.pipeInput(JOB, closed(1L));

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(header(dead, Topics.ERROR_CODE_HEADER)).isEqualTo("VL-4001");
        assertThat(header(dead, Topics.ERROR_MESSAGE_HEADER)).contains("fingerprint").doesNotContain(DEAD_ID);
        assertThat(dead.value()).isEqualTo(value);
        assertThat(results.isEmpty()).isTrue();
        JobProgress done = latestProgress();
        assertThat(done.getDeadLettered()).isEqualTo(1);
        assertThat(done.getState()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void deadLettersEveryTruncationOfAValidRequestAndCountsThemInItsJob() {
        byte[] valid = sealed("r1");
        // every cut inside the header, and a sample of cuts through the body (each a separate record)
        int[] cuts = {1, 2, 9, 10, 11, valid.length / 2, valid.length - 2, valid.length - 1};
        for (int cut : cuts) {
            requests.pipeInput(new TestRecord<>("r" + cut, Arrays.copyOf(valid, cut), jobHeader(JOB)));
        }
        control.pipeInput(JOB, closed((long) cuts.length));

        assertThat(deadLetters.readRecordsToList()).hasSize(cuts.length)
                .allSatisfy(dead -> assertThat(header(dead, Topics.ERROR_CODE_HEADER)).isEqualTo("VL-4001"));
        assertThat(results.isEmpty()).isTrue();
        JobProgress done = latestProgress();
        assertThat(done.getDeadLettered()).isEqualTo(cuts.length);
        assertThat(done.getState()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void deadLettersAnUndecodableRequestWithoutAJobHeaderCountsItForNoJobAndKeepsRunning() {
        deaths.pipeInput(DEAD_ID, death());
        control.pipeInput(JOB, TopologyRecords.checkedByApi(JobControl.newBuilder().setJobId(JOB).setEvent(JobEvent.OPENED).setAt(NOW)
                .setSource("test")).build());
        requests.pipeInput(new TestRecord<>("r0", Arrays.copyOf(sealed("r0"), 20), new RecordHeaders()));

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(header(dead, Topics.ERROR_CODE_HEADER)).isEqualTo("VL-4001");
        assertThat(dead.headers().lastHeader(Topics.JOB_ID_HEADER)).isNull();

        requests.pipeInput(new TestRecord<>(SERDES.cipher().sealId(DEAD_ID), sealed("r1"), jobHeader(JOB)));
        assertThat(results.readValue().getOutcome()).isEqualTo(Outcome.MATCHED);
        JobProgress progressed = latestProgress();
        assertThat(progressed.getProcessed()).isEqualTo(1);
        assertThat(progressed.getDeadLettered()).isZero();
    }

    @Test
    void matchesADecodableRequestWithoutAJobHeaderByTheJobInItsBody() {
        // the header only names the job of a request that cannot be read; a readable one carries its jobId
        deaths.pipeInput(DEAD_ID, death());
        requests.pipeInput(new TestRecord<>(SERDES.cipher().sealId(DEAD_ID), sealed("r1"), new RecordHeaders()));

        MatchResult result = results.readValue();
        assertThat(result.getJobId()).isEqualTo(JOB);
        assertThat(result.getOutcome()).isEqualTo(Outcome.MATCHED);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    private JobProgress latestProgress() {
        driver.advanceWallClockTime(OPTIONS.countEvery());
        Map<String, JobProgress> table = progress.readKeyValuesToMap();
        assertThat(table).containsKey(JOB);
        return table.get(JOB);
    }

    private static byte[] sealed(String recordId) {
        MatchRequest request = MatchRequest.newBuilder().setJobId(JOB).setRecordId(recordId).setIdNumber(DEAD_ID)
                .setSex("M").setBirthDate(LocalDate.of(1949, 12, 31)).build();
        return SERDES.codec(MatchRequest.class).encode(request);
    }

    private static JobControl closed(Long expected) {
        return JobControl.newBuilder().setJobId(JOB).setEvent(JobEvent.CLOSED).setExpected(expected).setAt(NOW)
                .setSource("test").build();
    }




    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private <V> TestOutputTopic<String, V> output(io.vitalink.topic.Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), SERDES.key(topic).deserializer(), SERDES.value(topic).deserializer());
    }
}
