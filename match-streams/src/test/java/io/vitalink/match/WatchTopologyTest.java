package io.vitalink.match;

import static io.vitalink.match.TopologyRecords.NOW;
import static io.vitalink.match.TopologyRecords.idBornOn;
import static io.vitalink.match.TopologyRecords.SERDES;
import static io.vitalink.match.TopologyRecords.jobHeader;
import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.DeathRecord;
import io.vitalink.avro.JobControl;
import io.vitalink.avro.JobEvent;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import io.vitalink.avro.ResultTrigger;
import io.vitalink.id.IdCheck;
import io.vitalink.id.ResidentIds;
import io.vitalink.match.rules.Decisions;
import io.vitalink.streams.StreamsSettings;
import io.vitalink.topic.Topic;
import io.vitalink.topic.Topics;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchTopologyTest {

    private static final String JOB = "cohort-1";
    private static final LocalDate TODAY = NOW.atZone(ZoneId.of("Asia/Shanghai")).toLocalDate();
    private static final LocalDate UNTIL = LocalDate.of(2031, 12, 31);
    private static final LocalDate BIRTH = LocalDate.of(1949, 12, 31);
    private static final String ID = idBornOn("19491231", "001");
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

    @BeforeEach
    void startDriver() {
        driver = TopologyRecords.driver(stateDir, OPTIONS);
        TopologyRecords.store(driver, TopologyRecords.approved("application-test", "centre-a", TopologyRecords.EVERY_FIELD));
        requests = driver.createInputTopic(Topics.MATCH_REQUESTS.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        deaths = input(Topics.DEATH_RECORDS);
        control = input(Topics.JOB_CONTROL);
        results = output(Topics.MATCH_RESULTS);
        progress = output(Topics.JOB_PROGRESS);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void linksAWatchedRecordWhenItsDeathIsLoadedLater() {
        open(JOB, UNTIL);
        send(request(JOB, "r1", ID, null));
        assertThat(results.readValue().getOutcome()).isEqualTo(Outcome.NOT_FOUND);

        deaths.pipeInput(ID, death(ID, "C34.9"));

        MatchResult late = results.readValue();
        assertThat(late.getTrigger()).isEqualTo(ResultTrigger.NEW_DEATH_RECORD);
        assertThat(late.getPreviousOutcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(late.getOutcome()).isEqualTo(Outcome.MATCHED);
        assertThat(late.getRecordId()).isEqualTo("r1");
        assertThat(late.getDirectCauseIcd10()).isEqualTo("C34.9");
        assertThat(results.isEmpty()).isTrue();
        JobProgress job = latestProgress(JOB);
        assertThat(job.getProcessed()).isEqualTo(1);
        assertThat(job.getNotFound()).isZero();
        assertThat(job.getMatched()).isEqualTo(1);
        assertThat(job.getChanges()).isEqualTo(1);
    }

    @Test
    void stopsAWatchedJobsLaterResultsOnceItsApplicationIsRevoked() {
        open(JOB, UNTIL);
        send(request(JOB, "r1", ID, null));
        assertThat(results.readValue().getOutcome()).isEqualTo(Outcome.NOT_FOUND);

        TopologyRecords.store(driver, io.vitalink.avro.Application.newBuilder(
                        TopologyRecords.approved("application-test", "centre-a", TopologyRecords.EVERY_FIELD))
                .setStatus(io.vitalink.avro.ApplicationStatus.REVOKED).build());
        deaths.pipeInput(ID, death(ID, "C34.9"));

        assertThat(results.isEmpty()).as("no later result under a revoked application").isTrue();
        JobProgress job = latestProgress(JOB);
        assertThat(job.getNotFound()).isEqualTo(1);
        assertThat(job.getChanges()).isZero();
    }

    @Test
    void stopsAWatchedJobsLaterResultsOnceItsApplicationHasExpired() {
        open(JOB, UNTIL);
        send(request(JOB, "r1", ID, null));
        results.readValuesToList();

        TopologyRecords.store(driver, io.vitalink.avro.Application.newBuilder(
                        TopologyRecords.approved("application-test", "centre-a", TopologyRecords.EVERY_FIELD))
                .setValidFrom(TODAY.minusYears(2)).setValidUntil(TODAY.minusDays(1)).build());
        deaths.pipeInput(ID, death(ID, "C34.9"));

        assertThat(results.isEmpty()).as("no later result under an expired application").isTrue();
    }

    @Test
    void sendsACorrectionAsAnUpdateAndAWithdrawalAsARetractionAndARepeatedLoadNotAtAll() {
        open(JOB, UNTIL);
        send(request(JOB, "r1", ID, null));
        deaths.pipeInput(ID, death(ID, "C34.9"));
        results.readValuesToList();

        deaths.pipeInput(ID, death(ID, "C34.9"));
        assertThat(results.isEmpty()).isTrue();

        deaths.pipeInput(ID, death(ID, "C22.0"));
        MatchResult updated = results.readValue();
        assertThat(updated.getTrigger()).isEqualTo(ResultTrigger.UPDATED);
        assertThat(updated.getDirectCauseIcd10()).isEqualTo("C22.0");

        deaths.pipeInput(ID, (DeathRecord) null);
        MatchResult retracted = results.readValue();
        assertThat(retracted.getTrigger()).isEqualTo(ResultTrigger.RETRACTED);
        assertThat(retracted.getPreviousOutcome()).isEqualTo(Outcome.MATCHED);
        assertThat(retracted.getOutcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(retracted.getDeathDate()).isNull();
        JobProgress job = latestProgress(JOB);
        assertThat(job.getMatched()).isZero();
        assertThat(job.getNotFound()).isEqualTo(1);
        assertThat(job.getChanges()).isEqualTo(3);
    }

    @Test
    void retractsALinkMadeAtSubmissionWhenTheDeathIsWithdrawn() {
        deaths.pipeInput(ID, death(ID, "C34.9"));
        open(JOB, UNTIL);
        send(request(JOB, "r1", ID, null));
        assertThat(results.readValue().getOutcome()).isEqualTo(Outcome.MATCHED);

        deaths.pipeInput(ID, (DeathRecord) null);

        MatchResult retracted = results.readValue();
        assertThat(retracted.getTrigger()).isEqualTo(ResultTrigger.RETRACTED);
        assertThat(retracted.getOutcome()).isEqualTo(Outcome.NOT_FOUND);
    }

    @Test
    void linksANamedRecordByItsIdWhenItsDeathReachesItsBlockLater() {
        open(JOB, UNTIL);
        send(request(JOB, "r1", ID, "王伟"));
        assertThat(results.readValue().getOutcome()).isEqualTo(Outcome.NOT_FOUND);

        deaths.pipeInput(ID, death(ID, "C34.9"));

        MatchResult late = results.readValue();
        assertThat(late.getTrigger()).isEqualTo(ResultTrigger.NEW_DEATH_RECORD);
        assertThat(late.getOutcome()).isEqualTo(Outcome.MATCHED);
        assertThat(late.getMatchRule()).isEqualTo(Decisions.ID_EXACT);
        assertThat(results.isEmpty()).isTrue();
    }

    @Test
    void linksANamedRecordByItsIdWithADiscrepancyWhenItsDeathHasAnotherBirthDateAndKeepsTheLink() {
        open(JOB, UNTIL);
        send(request(JOB, "r1", ID, "王伟"));
        results.readValuesToList();

        deaths.pipeInput(ID, bornOn(death(ID, "C34.9"), BIRTH.minusDays(1)));

        MatchResult late = results.readValue();
        assertThat(late.getTrigger()).isEqualTo(ResultTrigger.NEW_DEATH_RECORD);
        assertThat(late.getOutcome()).isEqualTo(Outcome.MATCHED_WITH_DISCREPANCY);
        assertThat(late.getDiscrepancies()).contains("BIRTH_DATE");

        // another death of the record's own block changes nothing for it
        String neighbour = idBornOn("19491231", "003");
        deaths.pipeInput(neighbour, DeathRecord.newBuilder(death(neighbour, "C22.0")).setName("赵六").build());
        assertThat(results.isEmpty()).isTrue();

        // a correction of the birth date moves the death into the record's block: still one link, now consistent
        deaths.pipeInput(ID, death(ID, "C34.9"));
        MatchResult corrected = results.readValue();
        assertThat(corrected.getTrigger()).isEqualTo(ResultTrigger.UPDATED);
        assertThat(corrected.getOutcome()).isEqualTo(Outcome.MATCHED);
        assertThat(results.isEmpty()).isTrue();

        deaths.pipeInput(ID, (DeathRecord) null);
        assertThat(results.readValue().getTrigger()).isEqualTo(ResultTrigger.RETRACTED);
        assertThat(results.isEmpty()).isTrue();
    }

    @Test
    void linksARecordWithoutAUsableIdByNameWhenAMatchingDeathIsLoadedLater() {
        open(JOB, UNTIL);
        String wrongCheckDigit = ID.substring(0, 17) + (ID.endsWith("0") ? "1" : "0");
        send(request(JOB, "r1", wrongCheckDigit, "王伟"));
        MatchResult first = results.readValue();
        assertThat(first.getOutcome()).isEqualTo(Outcome.INVALID);

        deaths.pipeInput(ID, death(ID, "C34.9"));

        MatchResult late = results.readValue();
        assertThat(late.getTrigger()).isEqualTo(ResultTrigger.NEW_DEATH_RECORD);
        assertThat(late.getPreviousOutcome()).isEqualTo(Outcome.INVALID);
        assertThat(late.getOutcome()).isEqualTo(Outcome.PROBABLE);
        assertThat(late.getReasonCode()).isEqualTo(first.getReasonCode());
        assertThat(latestProgress(JOB).getInvalid()).isZero();
    }

    @Test
    void tellsNothingToAJobThatIsNotWatched() {
        open(JOB, null);
        send(request(JOB, "r1", ID, "王伟"));
        results.readValuesToList();

        deaths.pipeInput(ID, death(ID, "C34.9"));

        assertThat(results.isEmpty()).isTrue();
    }

    @Test
    void tellsNothingOnceTheWatchIsOver() {
        open(JOB, TODAY.minusDays(1));
        send(request(JOB, "r1", ID, null));
        results.readValuesToList();

        deaths.pipeInput(ID, death(ID, "C34.9"));

        assertThat(results.isEmpty()).isTrue();
    }

    @Test
    void tellsNothingOnceTheWatchIsCancelledEvenAfterTheJobCompleted() {
        open(JOB, UNTIL);
        send(request(JOB, "r1", ID, null));
        control.pipeInput(JOB, JobControl.newBuilder().setJobId(JOB).setEvent(JobEvent.CLOSED).setExpected(1L).setAt(NOW).build());
        results.readValuesToList();
        control.pipeInput(JOB, JobControl.newBuilder().setJobId(JOB).setEvent(JobEvent.CANCELLED).setReason("done").setAt(NOW).build());
        latestProgress(JOB);

        deaths.pipeInput(ID, death(ID, "C34.9"));

        assertThat(results.isEmpty()).isTrue();
    }

    @Test
    void givesEachWatchingJobItsOwnChange() {
        open(JOB, UNTIL);
        open("cohort-2", UNTIL);
        send(request(JOB, "a", ID, null));
        send(request("cohort-2", "b", ID, "王伟"));
        results.readValuesToList();

        deaths.pipeInput(ID, death(ID, "C34.9"));

        List<TestRecord<String, MatchResult>> changes = results.readRecordsToList();
        assertThat(changes).extracting(TestRecord::key).containsExactlyInAnyOrder(JOB, "cohort-2");
        assertThat(changes).extracting(change -> change.value().getRecordId()).containsExactlyInAnyOrder("a", "b");
        assertThat(changes).allSatisfy(change -> assertThat(change.value().getTrigger()).isEqualTo(ResultTrigger.NEW_DEATH_RECORD));
    }

    private void open(String jobId, LocalDate until) {
        control.pipeInput(jobId, TopologyRecords.checkedByApi(JobControl.newBuilder().setJobId(jobId).setEvent(JobEvent.OPENED).setAt(NOW)
                .setOrganisation("centre-a").setSubmittedBy("alice").setWatchUntil(until)).build());
    }

    private static MatchRequest request(String jobId, String recordId, String idNumber, String name) {
        return MatchRequest.newBuilder().setJobId(jobId).setRecordId(recordId).setIdNumber(idNumber)
                .setName(name).setSex("M").setBirthDate(BIRTH).build();
    }

    private void send(MatchRequest request) {
        String key = ResidentIds.check(request.getIdNumber(), request.getIdType(), TODAY) instanceof IdCheck.Valid valid
                ? sealed(valid.id()) : request.getRecordId();
        requests.pipeInput(new TestRecord<>(key, SERDES.codec(MatchRequest.class).encode(request), jobHeader(request.getJobId())));
    }

    private static String sealed(String id) {
        return SERDES.cipher().sealId(id);
    }

    private static DeathRecord death(String id, String icd10) {
        return DeathRecord.newBuilder(TopologyRecords.death()).setIdNumber(id).setDirectCauseIcd10(icd10).build();
    }

    private static DeathRecord bornOn(DeathRecord death, LocalDate birthDate) {
        return DeathRecord.newBuilder(death).setBirthDate(birthDate).build();
    }

    private JobProgress latestProgress(String jobId) {
        driver.advanceWallClockTime(OPTIONS.countEvery());
        Map<String, JobProgress> table = progress.readKeyValuesToMap();
        assertThat(table).containsKey(jobId);
        return table.get(jobId);
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), SERDES.key(topic).serializer(), SERDES.value(topic).serializer());
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), SERDES.key(topic).deserializer(), SERDES.value(topic).deserializer());
    }
}
