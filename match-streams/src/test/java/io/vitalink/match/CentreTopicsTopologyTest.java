package io.vitalink.match;

import static io.vitalink.match.TopologyRecords.DEAD_ID;
import static io.vitalink.match.TopologyRecords.NOW;
import static io.vitalink.match.TopologyRecords.SERDES;
import static io.vitalink.match.TopologyRecords.death;
import static io.vitalink.match.TopologyRecords.header;
import static io.vitalink.match.TopologyRecords.jobHeader;
import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.JobControl;
import io.vitalink.avro.JobEvent;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import io.vitalink.streams.StreamsSettings;
import io.vitalink.topic.CentreTopics;
import io.vitalink.topic.Topic;
import io.vitalink.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
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

/** A centre's own topics: the organisation is the topic's, and a centre reaches no other organisation's job. */
class CentreTopicsTopologyTest {

    private static final String A = "centre-a";
    private static final String B = "centre-b";
    private static final String JOB_A = "job-of-a";
    private static final String JOB_B = "job-of-b";
    private static final MatchTopology.Options OPTIONS =
            MatchTopology.Options.of(StreamsSettings.probableMatcher(StreamsSettings.defaults()), 1).withCentres(Set.of(A, B));

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;

    @BeforeEach
    void startDriver() {
        driver = TopologyRecords.driver(stateDir, OPTIONS);
        TopologyRecords.store(driver, TopologyRecords.approved("application-a", A, TopologyRecords.EVERY_FIELD));
        TopologyRecords.store(driver, TopologyRecords.approved("application-b", B, TopologyRecords.EVERY_FIELD));
        input(Topics.DEATH_RECORDS.name(), Topics.DEATH_RECORDS).pipeInput(DEAD_ID, death());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void answersACentresRequestOnItsOwnResultsTopicAndTheSharedOne() {
        open(A, JOB_A, null);

        request(A, JOB_A, "r1");

        assertThat(results(CentreTopics.name(A, Topics.MATCH_RESULTS)).readValue().getOutcome()).isEqualTo(Outcome.MATCHED);
        assertThat(results(Topics.MATCH_RESULTS.name()).readValue().getRecordId()).isEqualTo("r1");
        assertThat(results(CentreTopics.name(B, Topics.MATCH_RESULTS)).isEmpty()).isTrue();
        JobProgress progress = progress(CentreTopics.name(A, Topics.JOB_PROGRESS)).get(JOB_A);
        assertThat(progress.getOrganisation()).isEqualTo(A);
        assertThat(progress.getProcessed()).isEqualTo(1);
    }

    @Test
    void leavesBothSidesOfAnUncertainLinkOffTheCentresOwnResults() {
        open(A, JOB_A, null);

        input(CentreTopics.name(A, Topics.MATCH_REQUESTS)).pipeInput(new TestRecord<>(SERDES.cipher().sealId(DEAD_ID),
                SERDES.codec(MatchRequest.class).encode(MatchRequest.newBuilder().setJobId(JOB_A).setRecordId("r1")
                        .setIdNumber(DEAD_ID).setName("王卫").setSex("F").setBirthDate(LocalDate.of(1949, 12, 31)).build()),
                jobHeader(JOB_A)));

        MatchResult own = results(CentreTopics.name(A, Topics.MATCH_RESULTS)).readValue();
        MatchResult shared = results(Topics.MATCH_RESULTS.name()).readValue();
        assertThat(own.getOutcome()).isEqualTo(Outcome.MATCHED_WITH_DISCREPANCY);
        assertThat(own.getDiscrepancies()).isEqualTo(shared.getDiscrepancies());
        assertThat(own.getComparison()).isNull();
        assertThat(shared.getComparison().getRequestName()).isEqualTo("王卫");
    }

    @Test
    void takesTheOrganisationFromTheTopicNotFromTheOpening() {
        open(A, JOB_A, B);

        assertThat(progress(Topics.JOB_PROGRESS.name()).get(JOB_A).getOrganisation()).isEqualTo(A);
        assertThat(progress(CentreTopics.name(B, Topics.JOB_PROGRESS))).doesNotContainKey(JOB_A);
    }

    @Test
    void refusesACentresRequestForAnotherOrganisationsJobWithoutCountingIt() {
        open(B, JOB_B, null);
        request(B, JOB_B, "b1");

        request(A, JOB_B, "injected");

        TestRecord<String, byte[]> refused = deadLetters(A).readRecord();
        assertThat(header(refused, Topics.ERROR_CODE_HEADER)).isEqualTo("VL-4006");
        assertThat(header(refused, CentreTopics.ORIGIN_HEADER)).isEqualTo(A);
        assertThat(results(Topics.MATCH_RESULTS.name()).readValuesToList()).extracting(MatchResult::getRecordId).containsExactly("b1");
        assertThat(results(CentreTopics.name(A, Topics.MATCH_RESULTS)).isEmpty()).isTrue();
        JobProgress jobB = progress(Topics.JOB_PROGRESS.name()).get(JOB_B);
        assertThat(jobB.getProcessed()).isEqualTo(1);
        assertThat(jobB.getDeadLettered()).isZero();
        assertThat(deadLetters(B).isEmpty()).isTrue();
    }

    @Test
    void refusesACentresRequestForAJobItHasNotOpened() {
        request(A, "never-opened", "r1");

        assertThat(header(deadLetters(A).readRecord(), Topics.ERROR_CODE_HEADER)).isEqualTo("VL-4006");
        assertThat(results(Topics.MATCH_RESULTS.name()).isEmpty()).isTrue();
    }

    @Test
    void doesNotCountACentresUndecodableRecordForAnotherOrganisationsJob() {
        open(B, JOB_B, null);

        input(CentreTopics.name(A, Topics.MATCH_REQUESTS)).pipeInput(new TestRecord<>("x", "garbage".getBytes(StandardCharsets.UTF_8),
                jobHeader(JOB_B)));

        assertThat(header(deadLetters(A).readRecord(), Topics.ERROR_CODE_HEADER)).isEqualTo("VL-4001");
        assertThat(progress(Topics.JOB_PROGRESS.name()).get(JOB_B).getDeadLettered()).isZero();
    }

    @Test
    void ignoresACentresCancellationAndEndMarkerOfAnotherOrganisationsJob() {
        open(B, JOB_B, null);

        control(A, JobControl.newBuilder().setJobId(JOB_B).setEvent(JobEvent.CANCELLED).setReason("not mine").setAt(NOW).build());
        control(A, JobControl.newBuilder().setJobId(JOB_B).setEvent(JobEvent.CLOSED).setExpected(0L).setAt(NOW).build());
        request(B, JOB_B, "b1");

        JobProgress jobB = progress(Topics.JOB_PROGRESS.name()).get(JOB_B);
        assertThat(jobB.getState()).isEqualTo(JobState.RECEIVING);
        assertThat(jobB.getExpected()).isNull();
        assertThat(jobB.getProcessed()).isEqualTo(1);
    }

    @Test
    void letsACentreCancelItsOwnJob() {
        open(A, JOB_A, null);

        control(A, JobControl.newBuilder().setJobId(JOB_A).setEvent(JobEvent.CANCELLED).setReason("mine").setAt(NOW).build());

        assertThat(progress(CentreTopics.name(A, Topics.JOB_PROGRESS)).get(JOB_A).getState()).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void dropsAnOriginHeaderAProducerSetItselfOnTheSharedTopic() {
        input(Topics.JOB_CONTROL.name(), Topics.JOB_CONTROL).pipeInput(JOB_A, opening(JOB_A, A));
        RecordHeaders forged = jobHeader(JOB_A);
        forged.add(CentreTopics.ORIGIN_HEADER, B.getBytes(StandardCharsets.UTF_8));

        input(Topics.MATCH_REQUESTS.name()).pipeInput(new TestRecord<>("k", encode(JOB_A, "r1"), forged));

        TestRecord<String, MatchResult> shared = results(Topics.MATCH_RESULTS.name()).readRecord();
        assertThat(shared.headers().lastHeader(CentreTopics.ORIGIN_HEADER)).isNull();
        assertThat(results(CentreTopics.name(B, Topics.MATCH_RESULTS)).isEmpty()).isTrue();
    }

    private void open(String centre, String jobId, String claimedOrganisation) {
        control(centre, opening(jobId, claimedOrganisation));
    }

    private static JobControl opening(String jobId, String organisation) {
        return JobControl.newBuilder().setJobId(jobId).setEvent(JobEvent.OPENED).setOrganisation(organisation)
                .setSubmittedBy("system").setAt(NOW).setSource("test").build();
    }

    private void control(String centre, JobControl event) {
        input(CentreTopics.name(centre, Topics.JOB_CONTROL), Topics.JOB_CONTROL).pipeInput(event.getJobId(), event);
        driver.advanceWallClockTime(OPTIONS.countEvery());
    }

    private void request(String centre, String jobId, String recordId) {
        input(CentreTopics.name(centre, Topics.MATCH_REQUESTS))
                .pipeInput(new TestRecord<>(SERDES.cipher().sealId(DEAD_ID), encode(jobId, recordId), jobHeader(jobId)));
    }

    private static byte[] encode(String jobId, String recordId) {
        return SERDES.codec(MatchRequest.class).encode(MatchRequest.newBuilder().setJobId(jobId).setRecordId(recordId)
                .setIdNumber(DEAD_ID).setSex("M").setBirthDate(LocalDate.of(1949, 12, 31)).build());
    }

    private TestInputTopic<String, byte[]> input(String name) {
        return driver.createInputTopic(name, Serdes.String().serializer(), Serdes.ByteArray().serializer());
    }

    private <V> TestInputTopic<String, V> input(String name, Topic<String, V> shape) {
        return driver.createInputTopic(name, SERDES.key(shape).serializer(), SERDES.value(shape).serializer());
    }

    private TestOutputTopic<String, MatchResult> results(String name) {
        return driver.createOutputTopic(name, Serdes.String().deserializer(), SERDES.value(Topics.MATCH_RESULTS).deserializer());
    }

    private TestOutputTopic<String, byte[]> deadLetters(String centre) {
        return driver.createOutputTopic(CentreTopics.name(centre, Topics.MATCH_REQUESTS_DLQ), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    /** Each job's latest progress on {@code name}, once every task has sent its counts on. */
    private Map<String, JobProgress> progress(String name) {
        driver.advanceWallClockTime(OPTIONS.countEvery());
        return driver.createOutputTopic(name, Serdes.String().deserializer(), SERDES.value(Topics.JOB_PROGRESS).deserializer())
                .readKeyValuesToMap();
    }



}
