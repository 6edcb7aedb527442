package io.vitalink.match;

import static io.vitalink.match.TopologyRecords.DEAD_ID;
import static io.vitalink.match.TopologyRecords.EVERY_FIELD;
import static io.vitalink.match.TopologyRecords.NOW;
import static io.vitalink.match.TopologyRecords.SERDES;
import static io.vitalink.match.TopologyRecords.approved;
import static io.vitalink.match.TopologyRecords.death;
import static io.vitalink.match.TopologyRecords.jobHeader;
import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.Application;
import io.vitalink.avro.ApplicationStatus;
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
import java.util.HashMap;
import java.util.List;
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

/** Jobs under data-use applications in the matcher: which may run, and which fields their results carry. */
class ApplicationTopologyTest {

    private static final String A = "centre-a";
    private static final MatchTopology.Options OPTIONS =
            MatchTopology.Options.of(StreamsSettings.probableMatcher(StreamsSettings.defaults()), 1).withCentres(Set.of(A));

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;

    @BeforeEach
    void startDriver() {
        driver = TopologyRecords.driver(stateDir, OPTIONS);
        driver.createInputTopic(Topics.DEATH_RECORDS.name(), SERDES.key(Topics.DEATH_RECORDS).serializer(),
                SERDES.value(Topics.DEATH_RECORDS).serializer()).pipeInput(DEAD_ID, death());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void failsAJobACentreOpensWithoutAnApplicationAndSkipsItsRequests() {
        openOnCentreTopic("job-1", null);

        JobProgress failed = progress(CentreTopics.name(A, Topics.JOB_PROGRESS)).get("job-1");
        assertThat(failed.getState()).isEqualTo(JobState.FAILED);
        assertThat(failed.getReasonCode()).isEqualTo("VL-4010");
        assertThat(failed.getOrganisation()).isEqualTo(A);

        requestOnCentreTopic("job-1", "r1");
        driver.advanceWallClockTime(OPTIONS.countEvery());

        assertThat(results(Topics.MATCH_RESULTS.name()).isEmpty()).isTrue();
        assertThat(progress(Topics.JOB_PROGRESS.name()).get("job-1").getSkipped()).isEqualTo(1);
    }

    @Test
    void failsAJobNamingARevokedApplicationWithItsOwnCode() {
        TopologyRecords.store(driver, Application.newBuilder(approved("app-1", A, EVERY_FIELD)).setStatus(ApplicationStatus.REVOKED).build());

        openOnCentreTopic("job-1", "app-1");

        JobProgress failed = progress(Topics.JOB_PROGRESS.name()).get("job-1");
        assertThat(failed.getState()).isEqualTo(JobState.FAILED);
        assertThat(failed.getReasonCode()).isEqualTo("VL-4013");
        assertThat(failed.getApplicationId()).isEqualTo("app-1");
    }

    @Test
    void failsAJobNamingAnotherOrganisationsApplication() {
        TopologyRecords.store(driver, approved("app-b", "centre-b", EVERY_FIELD));

        openOnCentreTopic("job-1", "app-b");

        assertThat(progress(Topics.JOB_PROGRESS.name()).get("job-1").getReasonCode()).isEqualTo("VL-4011");
    }

    @Test
    void failsAJobUnderAnExpiredApplication() {
        LocalDate today = LocalDate.ofInstant(NOW, java.time.ZoneId.of("Asia/Shanghai"));
        TopologyRecords.store(driver, Application.newBuilder(approved("app-1", A, EVERY_FIELD))
                .setValidFrom(today.minusYears(1)).setValidUntil(today.minusDays(1)).build());

        openOnCentreTopic("job-1", "app-1");

        assertThat(progress(Topics.JOB_PROGRESS.name()).get("job-1").getReasonCode()).isEqualTo("VL-4014");
    }

    @Test
    void sendsOnlyTheDeathDateWhenOnlyItIsApprovedOnTheSharedTopicAndTheCentresCopy() {
        TopologyRecords.store(driver, approved("app-1", A, List.of("DEATH_DATE")));
        openOnCentreTopic("job-1", null);
        JobProgress running = progress(CentreTopics.name(A, Topics.JOB_PROGRESS)).get("job-1");
        assertThat(running.getApplicationId()).isEqualTo("app-1");
        assertThat(running.getFieldGroups()).containsExactly("DEATH_DATE");

        requestOnCentreTopic("job-1", "r1");

        for (String topic : List.of(Topics.MATCH_RESULTS.name(), CentreTopics.name(A, Topics.MATCH_RESULTS))) {
            MatchResult result = results(topic).readValue();
            assertThat(result.getOutcome()).as(topic).isEqualTo(Outcome.MATCHED);
            assertThat(result.getDeathDate()).as(topic).isEqualTo(death().getDeathDate());
            assertThat(result.getLinkedId()).as(topic).isEqualTo(DEAD_ID);
            assertThat(result).as(topic).extracting(MatchResult::getDeathPlace, MatchResult::getDirectCause,
                    MatchResult::getDirectCauseIcd10, MatchResult::getUnderlyingCause, MatchResult::getUnderlyingCauseIcd10,
                    MatchResult::getUnderlyingCauseChapter, MatchResult::getAntecedentCauses, MatchResult::getOtherDiagnoses)
                    .containsOnlyNulls();
        }
    }

    @Test
    void sendsTheCausesOfAJobWhoseApplicationApprovedThem() {
        TopologyRecords.store(driver, approved("app-1", A, List.of("DEATH_DATE", "CAUSES")));
        openOnCentreTopic("job-1", "app-1");

        requestOnCentreTopic("job-1", "r1");

        MatchResult result = results(CentreTopics.name(A, Topics.MATCH_RESULTS)).readValue();
        assertThat(result.getDirectCauseIcd10()).isEqualTo(death().getDirectCauseIcd10());
        assertThat(result.getDeathPlace()).isNull();
    }

    @Test
    void usesTheGroupsTheApiNamedUntilTheJobsProgressIsKnownAndOnlyTheDeathDateWithoutThem() {
        // the API's requests may be decided before the job's progress reaches the job-states table
        RecordHeaders named = jobHeader("api-job");
        named.add(Topics.FIELD_GROUPS_HEADER, "DEATH_DATE,CAUSES".getBytes(StandardCharsets.UTF_8));
        sharedRequests().pipeInput(new TestRecord<>(SERDES.cipher().sealId(DEAD_ID), encode("api-job", "r1"), named));
        sharedRequests().pipeInput(new TestRecord<>(SERDES.cipher().sealId(DEAD_ID), encode("unnamed-job", "r1"), jobHeader("unnamed-job")));

        Map<String, MatchResult> byJob = new HashMap<>();
        results(Topics.MATCH_RESULTS.name()).readValuesToList().forEach(r -> byJob.put(r.getJobId(), r));
        assertThat(byJob.get("api-job").getDirectCauseIcd10()).isEqualTo(death().getDirectCauseIcd10());
        assertThat(byJob.get("unnamed-job").getDirectCauseIcd10()).isNull();
        assertThat(byJob.get("unnamed-job").getDeathDate()).isEqualTo(death().getDeathDate());
    }

    @Test
    void ignoresFieldGroupsACentreNamesItself() {
        TopologyRecords.store(driver, approved("app-1", A, List.of("DEATH_DATE")));
        driver.createInputTopic(CentreTopics.name(A, Topics.JOB_CONTROL), SERDES.key(Topics.JOB_CONTROL).serializer(),
                SERDES.value(Topics.JOB_CONTROL).serializer()).pipeInput("job-1", JobControl.newBuilder(opened("job-1", null))
                .setFieldGroups(EVERY_FIELD).build());
        driver.advanceWallClockTime(OPTIONS.countEvery());
        RecordHeaders forged = jobHeader("job-1");
        forged.add(Topics.FIELD_GROUPS_HEADER, "DEATH_DATE,CAUSES,PLACE".getBytes(StandardCharsets.UTF_8));

        driver.createInputTopic(CentreTopics.name(A, Topics.MATCH_REQUESTS), Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .pipeInput(new TestRecord<>(SERDES.cipher().sealId(DEAD_ID), encode("job-1", "r1"), forged));

        assertThat(progress(Topics.JOB_PROGRESS.name()).get("job-1").getFieldGroups()).containsExactly("DEATH_DATE");
        assertThat(results(CentreTopics.name(A, Topics.MATCH_RESULTS)).readValue().getDirectCause()).isNull();
    }

    @Test
    void checksAJobOpenedOnTheSharedTopicWithoutTheApisFieldGroupsByTheSameRule() {
        TestInputTopic<String, JobControl> shared = driver.createInputTopic(Topics.JOB_CONTROL.name(),
                SERDES.key(Topics.JOB_CONTROL).serializer(), SERDES.value(Topics.JOB_CONTROL).serializer());

        shared.pipeInput("unchecked", opened("unchecked", null));
        TopologyRecords.store(driver, approved("app-1", A, List.of("DEATH_DATE", "PLACE")));
        shared.pipeInput("checked", opened("checked", null));
        driver.advanceWallClockTime(OPTIONS.countEvery());

        Map<String, JobProgress> jobs = progress(Topics.JOB_PROGRESS.name());
        assertThat(jobs.get("unchecked").getReasonCode()).isEqualTo("VL-4010");
        assertThat(jobs.get("checked").getState()).isEqualTo(JobState.RECEIVING);
        assertThat(jobs.get("checked").getFieldGroups()).containsExactly("DEATH_DATE", "PLACE");
    }

    private void openOnCentreTopic(String jobId, String applicationId) {
        driver.createInputTopic(CentreTopics.name(A, Topics.JOB_CONTROL), SERDES.key(Topics.JOB_CONTROL).serializer(),
                SERDES.value(Topics.JOB_CONTROL).serializer()).pipeInput(jobId, opened(jobId, applicationId));
        driver.advanceWallClockTime(OPTIONS.countEvery());
    }

    private static JobControl opened(String jobId, String applicationId) {
        return JobControl.newBuilder().setJobId(jobId).setEvent(JobEvent.OPENED).setOrganisation(A).setSubmittedBy("centre-a-batch")
                .setApplicationId(applicationId).setAt(NOW).setSource("test").build();
    }

    private void requestOnCentreTopic(String jobId, String recordId) {
        driver.createInputTopic(CentreTopics.name(A, Topics.MATCH_REQUESTS), Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .pipeInput(new TestRecord<>(SERDES.cipher().sealId(DEAD_ID), encode(jobId, recordId), jobHeader(jobId)));
    }

    private TestInputTopic<String, byte[]> sharedRequests() {
        return driver.createInputTopic(Topics.MATCH_REQUESTS.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    }

    private static byte[] encode(String jobId, String recordId) {
        return SERDES.codec(MatchRequest.class).encode(MatchRequest.newBuilder().setJobId(jobId).setRecordId(recordId)
                .setIdNumber(DEAD_ID).setSex("M").setBirthDate(LocalDate.of(1949, 12, 31)).build());
    }

    private TestOutputTopic<String, MatchResult> results(String topic) {
        return driver.createOutputTopic(topic, Serdes.String().deserializer(), SERDES.value(Topics.MATCH_RESULTS).deserializer());
    }

    private Map<String, JobProgress> progress(String topic) {
        Topic<String, JobProgress> t = Topics.JOB_PROGRESS;
        return driver.createOutputTopic(topic, Serdes.String().deserializer(), SERDES.value(t).deserializer()).readKeyValuesToMap();
    }
}
