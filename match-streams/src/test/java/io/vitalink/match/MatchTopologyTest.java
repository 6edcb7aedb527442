package io.vitalink.match;

import static io.vitalink.match.TopologyRecords.header;
import static io.vitalink.match.TopologyRecords.idBornOn;
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
import io.vitalink.crypto.FieldCipher;
import io.vitalink.id.IdCheck;
import io.vitalink.id.ResidentIds;
import io.vitalink.match.rules.Comparison;
import io.vitalink.match.rules.Decisions;
import io.vitalink.serde.Codecs;
import io.vitalink.topic.TopicSerdes;
import io.vitalink.streams.StreamsSettings;
import io.vitalink.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MatchTopologyTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private static final String JOB = "job-1";
    private static final TopicSerdes SERDES = new TopicSerdes(FieldCipher.ephemeral());
    private static final String DEAD_ID = "11010519491231002X";
    private static final String ALIVE_ID = "440524188001010014";
    private static final LocalDate BIRTH = LocalDate.of(1949, 12, 31);
    /** The test driver has one partition of every topic. */
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
        Properties config = StreamsSettings.kafkaOnly(StreamsSettings.defaults());
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        Clock clock = Clock.fixed(NOW, ZoneId.of("Asia/Shanghai"));
        driver = new TopologyTestDriver(MatchTopology.build(clock, OPTIONS, config, SERDES), config, NOW);
        requests = driver.createInputTopic(Topics.MATCH_REQUESTS.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        deaths = input(Topics.DEATH_RECORDS);
        control = input(Topics.JOB_CONTROL);
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
    void matchesRequestWhoseIdIsInTheRegistry() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));

        submit("r1", DEAD_ID);

        TestRecord<String, MatchResult> result = results.readRecord();
        assertThat(result.key()).isEqualTo(JOB);
        assertThat(result.value().getOutcome()).isEqualTo(Outcome.MATCHED);
        assertThat(result.value().getRecordId()).isEqualTo("r1");
        assertThat(result.value().getDeathDate()).isEqualTo(LocalDate.of(2023, 5, 6));
        assertThat(result.value().getDirectCauseIcd10()).isEqualTo("C34.9");
        assertThat(result.value().getDirectCause()).isEqualTo("肺恶性肿瘤");
        assertThat(result.value().getDeathPlace()).isEqualTo("医院");
        assertThat(result.value().getReasonCode()).isNull();
        assertThat(result.value().getDecidedAt()).isEqualTo(NOW);
        assertThat(result.value().getComparison()).as("an exact, consistent link needs no review").isNull();
        assertThat(results.isEmpty()).isTrue();
    }

    @Test
    void flagsALinkWhoseNameSexOrBirthDateDisagree() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));
        MatchRequest request = MatchRequest.newBuilder()
                .setJobId(JOB).setRecordId("r1").setIdNumber(DEAD_ID)
                .setName("王卫").setSex("F").setBirthDate(LocalDate.of(1949, 12, 31))
                .build();
        send(request);

        MatchResult result = results.readValue();
        assertThat(result.getOutcome()).isEqualTo(Outcome.MATCHED_WITH_DISCREPANCY);
        assertThat(result.getMatchRule()).isEqualTo(Decisions.ID_EXACT);
        assertThat(result.getDiscrepancies()).containsExactly(Comparison.NAME, Comparison.SEX);
        assertThat(result.getNameSimilarity()).isLessThan(1.0);
        assertThat(result.getScore()).isLessThan(1.0);
        assertThat(result.getDeathDate()).isEqualTo(LocalDate.of(2023, 5, 6));
    }

    @Test
    void givesALinkWithDiscrepanciesBothSidesForTheReview() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));
        send(MatchRequest.newBuilder().setJobId(JOB).setRecordId("r1").setIdNumber(DEAD_ID)
                .setName("王卫").setSex("F").setBirthDate(LocalDate.of(1949, 12, 31)).build());

        MatchResult result = results.readValue();

        assertThat(result.getComparison().getRequestName()).isEqualTo("王卫");
        assertThat(result.getComparison().getRequestSex()).isEqualTo("F");
        assertThat(result.getComparison().getRequestIdNumber()).isEqualTo(DEAD_ID);
        assertThat(result.getComparison().getDeathName()).isEqualTo("王伟");
        assertThat(result.getComparison().getDeathSex()).isEqualTo("M");
        assertThat(result.getComparison().getDeathBirthDate()).isEqualTo("1949-12-31");
        assertThat(result.getComparison().getDeathIdNumber()).isEqualTo(DEAD_ID);
    }

    @Test
    void givesAProbableLinkBothSidesSealedOnTheSharedResultsTopic() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));
        TestOutputTopic<String, byte[]> raw = driver.createOutputTopic(Topics.MATCH_RESULTS.name(),
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer());

        submitPerson("r1", "1101051949123100", "王伟", "M", BIRTH);

        byte[] bytes = raw.readValue();
        MatchResult result = SERDES.value(Topics.MATCH_RESULTS).deserializer().deserialize(Topics.MATCH_RESULTS.name(), bytes);
        assertThat(result.getComparison().getRequestIdNumber()).isEqualTo("1101051949123100");
        assertThat(result.getComparison().getRequestName()).isEqualTo("王伟");
        assertThat(result.getComparison().getRequestBirthDate()).isEqualTo(BIRTH.toString());
        assertThat(result.getComparison().getDeathIdNumber()).isEqualTo(DEAD_ID);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("1101051949123100").doesNotContain(BIRTH.toString())
                .doesNotContain(new String("王伟".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    }

    @Test
    void countsLinksWithDiscrepanciesApart() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));
        control.pipeInput(JOB, controlEvent(JobEvent.CLOSED, 2L));
        submit("r1", DEAD_ID);
        MatchRequest discrepant = MatchRequest.newBuilder().setJobId(JOB).setRecordId("r2").setIdNumber(DEAD_ID)
                .setName("李四").build();
        send(discrepant);

        JobProgress done = latestProgress();
        assertThat(done.getState()).isEqualTo(JobState.COMPLETED);
        assertThat(done.getMatched()).isEqualTo(1);
        assertThat(done.getMatchedWithDiscrepancy()).isEqualTo(1);
    }

    @Test
    void matchesIdSubmittedWithLowerCaseXAndSpaces() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));

        submit("r1", " 11010519491231002x ");

        assertThat(results.readValue().getOutcome()).isEqualTo(Outcome.MATCHED);
    }

    @Test
    void reportsNotFoundWhenIdIsNotInTheRegistry() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));

        submit("r1", ALIVE_ID);

        MatchResult result = results.readValue();
        assertThat(result.getOutcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(result.getDeathDate()).isNull();
        assertThat(result.getReasonCode()).isNull();
    }

    @Test
    void reportsNotFoundAgainstAnEmptyRegistry() {
        submit("r1", DEAD_ID);

        assertThat(results.readValue().getOutcome()).isEqualTo(Outcome.NOT_FOUND);
    }

    @ParameterizedTest
    @ValueSource(strings = {"11010519491231002", "110105194912310021", "11010519491331002X", "1101051949123100AX"})
    void reportsInvalidWithReasonCodeForBadId(String badId) {
        submit("r1", badId);

        MatchResult result = results.readValue();
        assertThat(result.getOutcome()).isEqualTo(Outcome.INVALID);
        assertThat(result.getReasonCode()).matches("VL-200[2-5]");
        assertThat(result.getRecordId()).isEqualTo("r1");
    }

    @Test
    void reportsInvalidForMissingId() {
        submit("r1", null);

        MatchResult result = results.readValue();
        assertThat(result.getOutcome()).isEqualTo(Outcome.INVALID);
        assertThat(result.getReasonCode()).isEqualTo("VL-2001");
    }

    @Test
    void usesTheLatestDeathRecordWhenAnIdIsLoadedTwice() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 7), "C22.0"));

        submit("r1", DEAD_ID);

        MatchResult result = results.readValue();
        assertThat(result.getDeathDate()).isEqualTo(LocalDate.of(2023, 5, 7));
        assertThat(result.getDirectCauseIcd10()).isEqualTo("C22.0");
    }

    @Test
    void reportsNotFoundAfterTheDeathRecordIsWithdrawn() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));
        deaths.pipeInput(DEAD_ID, (DeathRecord) null);

        submit("r1", DEAD_ID);

        assertThat(results.readValue().getOutcome()).isEqualTo(Outcome.NOT_FOUND);
    }

    @Test
    void doesNotEmitResultsWhenTheRegistryChangesAfterARequest() {
        submit("r1", DEAD_ID);
        results.readValue();

        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));

        assertThat(results.isEmpty()).isTrue();
    }

    @Test
    void linksRequestWithInvalidIdByNameBirthDateAndSex() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));

        submitPerson("r1", "1101051949123100", " 王伟 ", "男", BIRTH);

        MatchResult result = results.readValue();
        assertThat(result.getOutcome()).isEqualTo(Outcome.PROBABLE);
        assertThat(result.getMatchRule()).isEqualTo(Decisions.NAME_BIRTH_SEX);
        assertThat(result.getScore()).isEqualTo(1.0);
        assertThat(result.getReasonCode()).isEqualTo("VL-2002");
        assertThat(result.getLinkedId()).isEqualTo(DEAD_ID);
        assertThat(result.getDeathDate()).isEqualTo(LocalDate.of(2023, 5, 6));
        assertThat(result.getDirectCauseIcd10()).isEqualTo("C34.9");
    }

    @Test
    void linksRequestWithoutIdByNameBirthDateAndSex() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));

        submitPerson("r1", null, "王伟", "M", BIRTH);

        MatchResult result = results.readValue();
        assertThat(result.getOutcome()).isEqualTo(Outcome.PROBABLE);
        assertThat(result.getReasonCode()).isEqualTo("VL-2001");
    }

    @Test
    void searchesByNameWhenAValidIdIsNotInTheRegistry() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));
        String mistyped = idBornOn("19491231", "004"); // sequence and check character differ: two edits

        submitPerson("r1", mistyped, "王伟", "M", BIRTH);

        MatchResult result = results.readValue();
        assertThat(result.getOutcome()).isEqualTo(Outcome.PROBABLE);
        assertThat(result.getReasonCode()).isNull();
        assertThat(result.getDiscrepancies()).containsExactly("ID");
    }

    @Test
    void doesNotLinkANamesakeWhoseIdIsFarFromTheSubmittedOne() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));
        String namesake = "320106" + "19491231" + "005";

        submitPerson("r1", namesake + io.vitalink.id.ResidentIds.checkCharacter(namesake), "王伟", "M", BIRTH);

        assertThat(results.readValue().getOutcome()).isEqualTo(Outcome.NOT_FOUND);
    }

    @Test
    void linksALegacyFifteenDigitIdExactly() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));

        submitPerson("r1", "110105491231002", "王伟", "M", BIRTH);

        MatchResult result = results.readValue();
        assertThat(result.getOutcome()).isEqualTo(Outcome.MATCHED);
        assertThat(result.getMatchRule()).isEqualTo(Decisions.ID_EXACT);
    }

    @Test
    void linksAFullWidthIdExactly() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));

        submitPerson("r1", "１１０１０５１９４９１２３１００２ｘ", "王伟", "M", BIRTH);

        assertThat(results.readValue().getOutcome()).isEqualTo(Outcome.MATCHED);
    }

    @Test
    void neverTakesAPassportNumberForAResidentId() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));
        MatchRequest request = MatchRequest.newBuilder().setJobId(JOB).setRecordId("r1").setIdNumber(DEAD_ID)
                .setIdType("PASSPORT").build();
        send(request);

        assertThat(results.readValue().getOutcome()).isEqualTo(Outcome.NOT_FOUND);
    }

    @Test
    void reportsAnUnknownIdType() {
        MatchRequest request = MatchRequest.newBuilder().setJobId(JOB).setRecordId("r1").setIdNumber(DEAD_ID)
                .setIdType("library card").build();
        send(request);

        MatchResult result = results.readValue();
        assertThat(result.getOutcome()).isEqualTo(Outcome.INVALID);
        assertThat(result.getReasonCode()).isEqualTo("VL-2007");
    }

    @Test
    void doesNotLinkATwinWithAnotherName() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));

        submitPerson("r1", null, "王芳", "M", BIRTH);

        MatchResult result = results.readValue();
        assertThat(result.getOutcome()).isEqualTo(Outcome.INVALID);
        assertThat(result.getReasonCode()).isEqualTo("VL-2001");
        assertThat(result.getDeathDate()).isNull();
    }

    @Test
    void doesNotLinkWhenTwoDeathsAreEquallyClose() {
        String otherId = idBornOn("19491231", "013");
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));
        deaths.pipeInput(otherId, death(otherId, LocalDate.of(2021, 1, 1), "C22.0"));

        submitPerson("r1", null, "王伟", "M", BIRTH);

        assertThat(results.readValue().getOutcome()).isEqualTo(Outcome.INVALID);
    }

    @Test
    void searchesOnlyDeathsOfTheSameSexAndBirthDate() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));

        submitPerson("r1", null, "王伟", "F", BIRTH);
        submitPerson("r2", null, "王伟", "M", BIRTH.plusDays(1));

        assertThat(results.readValuesToList()).extracting(MatchResult::getOutcome).containsOnly(Outcome.INVALID);
    }

    @Test
    void seesEveryChangeOfABlockThatWasSearchedBefore() {
        String other = idBornOn("19491231", "013");
        deaths.pipeInput(other, DeathRecord.newBuilder(death(other, LocalDate.of(2022, 1, 1), "C16.9")).setName("赵六").build());
        submitPerson("r1", null, "王伟", "M", BIRTH);
        assertThat(results.readValue().getOutcome()).as("searched once: its block is now held opened").isEqualTo(Outcome.INVALID);

        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));
        submitPerson("r2", null, "王伟", "M", BIRTH);
        MatchResult linked = results.readValue();
        assertThat(linked.getOutcome()).isEqualTo(Outcome.PROBABLE);
        assertThat(linked.getLinkedId()).isEqualTo(DEAD_ID);
        assertThat(linked.getDirectCause()).as("the winner opened in full").isEqualTo("肺恶性肿瘤");

        deaths.pipeInput(DEAD_ID, (DeathRecord) null);
        submitPerson("r3", null, "王伟", "M", BIRTH);
        assertThat(results.readValue().getOutcome()).isEqualTo(Outcome.INVALID);
    }

    @Test
    void forgetsAWithdrawnDeathInTheProbableSearch() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));
        deaths.pipeInput(DEAD_ID, (DeathRecord) null);

        submitPerson("r1", null, "王伟", "M", BIRTH);

        assertThat(results.readValue().getOutcome()).isEqualTo(Outcome.INVALID);
    }

    @Test
    void movesADeathToItsNewBlockWhenItsBirthDateIsCorrected() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));
        DeathRecord corrected = DeathRecord.newBuilder(death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"))
                .setBirthDate(BIRTH.minusYears(1)).build();
        deaths.pipeInput(DEAD_ID, corrected);

        submitPerson("old", null, "王伟", "M", BIRTH);
        submitPerson("new", null, "王伟", "M", BIRTH.minusYears(1));

        Map<String, Outcome> outcomes = new java.util.HashMap<>();
        results.readValuesToList().forEach(r -> outcomes.put(r.getRecordId(), r.getOutcome()));
        assertThat(outcomes).containsEntry("old", Outcome.INVALID).containsEntry("new", Outcome.PROBABLE);
    }

    @Test
    void countsProbableLinks() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));
        control.pipeInput(JOB, controlEvent(JobEvent.CLOSED, 2L));
        submitPerson("r1", null, "王伟", "M", BIRTH);
        submitPerson("r2", null, "李四", "M", BIRTH);

        JobProgress done = latestProgress();
        assertThat(done.getState()).isEqualTo(JobState.COMPLETED);
        assertThat(done.getProbable()).isEqualTo(1);
        assertThat(done.getInvalid()).isEqualTo(1);
    }

    @Test
    void sendsUndecodableBytesToTheDeadLetterTopicWithTheirHeaders() {
        byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
        requests.pipeInput(new TestRecord<>("r9", garbage, jobHeader(JOB)));

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(dead.key()).isEqualTo("r9");
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(header(dead, Topics.JOB_ID_HEADER)).isEqualTo(JOB);
        assertThat(header(dead, Topics.ERROR_CODE_HEADER)).isEqualTo("VL-4001");
        assertThat(results.isEmpty()).isTrue();
        AuditEvent event = audit.readValue();
        assertThat(event.getAction()).isEqualTo(Decisions.DEAD_LETTER);
        assertThat(event.getReasonCode()).isEqualTo("VL-4001");
    }

    @Test
    void deadLettersARequestSealedWithOtherKeys() {
        MatchRequest request = MatchRequest.newBuilder().setJobId(JOB).setRecordId("r8").setIdNumber(DEAD_ID).build();
        byte[] foreign = new TopicSerdes(FieldCipher.ephemeral()).codec(MatchRequest.class).encode(request);

        requests.pipeInput(new TestRecord<>("r8", foreign, jobHeader(JOB)));

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(header(dead, Topics.ERROR_CODE_HEADER)).isEqualTo("VL-4003");
        assertThat(header(dead, Topics.ERROR_MESSAGE_HEADER)).doesNotContain(DEAD_ID);
        assertThat(results.isEmpty()).isTrue();
    }

    @Test
    void treatsADeathSealedWithOtherKeysAsAbsentAndKeepsRunning() {
        var foreign = new TopicSerdes(FieldCipher.ephemeral());
        driver.createInputTopic(Topics.DEATH_RECORDS.name(), SERDES.key(Topics.DEATH_RECORDS).serializer(),
                        foreign.value(Topics.DEATH_RECORDS).serializer())
                .pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));

        submit("r1", DEAD_ID);
        deaths.pipeInput(ALIVE_ID, death(ALIVE_ID, LocalDate.of(2024, 1, 2), "C16.9"));
        submit("r2", ALIVE_ID);

        Map<String, Outcome> outcomes = new java.util.HashMap<>();
        results.readValuesToList().forEach(r -> outcomes.put(r.getRecordId(), r.getOutcome()));
        assertThat(outcomes).containsEntry("r1", Outcome.NOT_FOUND).containsEntry("r2", Outcome.MATCHED);
    }

    @Test
    void treatsAnUndecodableDeathAsAbsentForTheIdAndTheNameSearchAndKeepsRunning() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));
        driver.createInputTopic(Topics.DEATH_RECORDS.name(), SERDES.key(Topics.DEATH_RECORDS).serializer(),
                        Serdes.ByteArray().serializer())
                .pipeInput(DEAD_ID, new byte[] {(byte) 0xC3, 0x01, 9, 9, 9});

        submit("r1", DEAD_ID);
        submitPerson("r2", null, "王伟", "M", BIRTH);
        deaths.pipeInput(ALIVE_ID, death(ALIVE_ID, LocalDate.of(2024, 1, 2), "C16.9"));
        submit("r3", ALIVE_ID);

        Map<String, Outcome> outcomes = new java.util.HashMap<>();
        results.readValuesToList().forEach(r -> outcomes.put(r.getRecordId(), r.getOutcome()));
        assertThat(outcomes).containsEntry("r1", Outcome.NOT_FOUND).containsEntry("r2", Outcome.INVALID)
                .containsEntry("r3", Outcome.MATCHED);
    }

    @Test
    void deadLettersARequestWhoseIdWasSentInClear() {
        MatchRequest clear = MatchRequest.newBuilder().setJobId(JOB).setRecordId("r7").setIdNumber(DEAD_ID).build();

        requests.pipeInput(new TestRecord<>("r7", Codecs.MATCH_REQUEST.encode(clear), jobHeader(JOB)));

        assertThat(header(deadLetters.readRecord(), Topics.ERROR_CODE_HEADER)).isEqualTo("VL-4003");
    }

    @Test
    void sendsEmptyValueToTheDeadLetterTopic() {
        requests.pipeInput(new TestRecord<>("r9", null, jobHeader(JOB)));

        assertThat(header(deadLetters.readRecord(), Topics.ERROR_CODE_HEADER)).isEqualTo("VL-4002");
    }

    @Test
    void keepsRunningAfterADeadLetter() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));
        requests.pipeInput(new TestRecord<>("r0", new byte[] {1, 2, 3}, jobHeader(JOB)));

        submit("r1", DEAD_ID);

        assertThat(results.readValue().getOutcome()).isEqualTo(Outcome.MATCHED);
    }

    @Test
    void countsEveryOutcomeAndCompletesWhenAllExpectedRecordsAreProcessed() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));
        control.pipeInput(JOB, controlEvent(JobEvent.OPENED, null));
        submit("r1", DEAD_ID);
        submit("r2", ALIVE_ID);
        submit("r3", "123");
        requests.pipeInput(new TestRecord<>("r4", new byte[] {9}, jobHeader(JOB)));

        JobProgress beforeClose = latestProgress();
        assertThat(beforeClose.getState()).isEqualTo(JobState.RECEIVING);
        assertThat(beforeClose.getProcessed()).isEqualTo(4);

        control.pipeInput(JOB, controlEvent(JobEvent.CLOSED, 4L));

        JobProgress done = latestProgress();
        assertThat(done.getState()).isEqualTo(JobState.COMPLETED);
        assertThat(done.getExpected()).isEqualTo(4);
        assertThat(done.getProcessed()).isEqualTo(4);
        assertThat(done.getMatched()).isEqualTo(1);
        assertThat(done.getNotFound()).isEqualTo(1);
        assertThat(done.getInvalid()).isEqualTo(1);
        assertThat(done.getDeadLettered()).isEqualTo(1);
        assertThat(done.getCreatedAt()).isEqualTo(NOW);
        assertThat(done.getStartedAt()).isEqualTo(NOW);
        assertThat(done.getCompletedAt()).isEqualTo(NOW);
    }

    @Test
    void staysRunningUntilTheLastExpectedRecordArrives() {
        control.pipeInput(JOB, controlEvent(JobEvent.OPENED, null));
        control.pipeInput(JOB, controlEvent(JobEvent.CLOSED, 2L));
        submit("r1", DEAD_ID);

        JobProgress running = latestProgress();
        assertThat(running.getState()).isEqualTo(JobState.RUNNING);
        assertThat(running.getCompletedAt()).isNull();

        submit("r2", ALIVE_ID);

        assertThat(latestProgress().getState()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void recordsEachDecisionInItsResultAloneWithJobRecordAndRule() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));
        submit("r1", DEAD_ID);
        submit("r2", ALIVE_ID);
        submit("r3", "bad");

        assertThat(results.readValuesToList())
                .extracting(MatchResult::getJobId, MatchResult::getRecordId, MatchResult::getOutcome, MatchResult::getMatchRule)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(JOB, "r1", Outcome.MATCHED, Decisions.ID_EXACT),
                        org.assertj.core.groups.Tuple.tuple(JOB, "r2", Outcome.NOT_FOUND, null),
                        org.assertj.core.groups.Tuple.tuple(JOB, "r3", Outcome.INVALID, null));
        assertThat(audit.isEmpty()).isTrue();
    }

    @Test
    void echoesEachRequestsSequenceInItsResultWhateverTheOutcome() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));
        send(MatchRequest.newBuilder().setJobId(JOB).setRecordId("r1").setIdNumber(DEAD_ID).setSequence(0L).build());
        send(MatchRequest.newBuilder().setJobId(JOB).setRecordId("r2").setIdNumber("bad").setSequence(1L).build());
        send(MatchRequest.newBuilder().setJobId(JOB).setRecordId("r3").setName("王伟").setSex("M").setBirthDate(BIRTH)
                .setSequence(2L).build());

        assertThat(results.readValuesToList()).extracting(MatchResult::getRecordId, MatchResult::getSequence)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("r1", 0L),
                        org.assertj.core.groups.Tuple.tuple("r2", 1L), org.assertj.core.groups.Tuple.tuple("r3", 2L));
    }

    @Test
    void linksARequestKeyedByItsSealedIdWhereItIsWithoutMovingIt() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));
        TestOutputTopic<String, byte[]> moves = repartition(MatchTopology.REQUESTS_BY_ID);

        submit("r1", DEAD_ID);

        assertThat(results.readValue().getOutcome()).isEqualTo(Outcome.MATCHED);
        assertThat(moves.isEmpty()).isTrue();
    }

    @Test
    void movesARequestKeyedOtherwiseToThePartitionOfItsIdAndStillLinksIt() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));
        TestOutputTopic<String, byte[]> moves = repartition(MatchTopology.REQUESTS_BY_ID);
        MatchRequest request = MatchRequest.newBuilder().setJobId(JOB).setRecordId("r1").setIdNumber(" 11010519491231002x ")
                .setName("王伟").setSex("M").setBirthDate(BIRTH).build();
        byte[] sealed = SERDES.codec(MatchRequest.class).encode(request);

        requests.pipeInput(new TestRecord<>("r1", sealed, jobHeader(JOB)));

        MatchResult result = results.readValue();
        assertThat(result.getOutcome()).isEqualTo(Outcome.MATCHED);
        assertThat(result.getLinkedId()).isEqualTo(DEAD_ID);
        TestRecord<String, byte[]> moved = moves.readRecord();
        assertThat(moved.key()).isEqualTo(SERDES.cipher().sealId(DEAD_ID));
        assertThat(moved.value()).as("moved as its producer sealed it, not sealed again").isEqualTo(sealed);
    }

    @Test
    void sendsEachJobsCountsOnOncePerIntervalNotOncePerRequest() {
        control.pipeInput(JOB, controlEvent(JobEvent.OPENED, null));
        driver.advanceWallClockTime(OPTIONS.countEvery());
        progress.readValuesToList();

        submit("r1", DEAD_ID);
        submit("r2", ALIVE_ID);
        submit("r3", "bad");
        assertThat(progress.isEmpty()).as("nothing before the interval ends").isTrue();
        driver.advanceWallClockTime(OPTIONS.countEvery());

        List<JobProgress> updates = progress.readValuesToList();
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).getProcessed()).isEqualTo(3);
        assertThat(updates.get(0).getNotFound()).isEqualTo(2);
        assertThat(updates.get(0).getInvalid()).isEqualTo(1);
    }

    @Test
    void holdsAJobsProgressBackUntilItsOpeningIsCountedSoThatItAlwaysNamesItsOwner() {
        submit("r1", DEAD_ID);
        submit("r2", ALIVE_ID);
        driver.advanceWallClockTime(OPTIONS.countEvery());
        assertThat(progress.isEmpty()).as("counts summed before OPENED stay in the aggregate").isTrue();

        control.pipeInput(JOB, JobControl.newBuilder(controlEvent(JobEvent.OPENED, null)).setOrganisation("centre-a").build());

        JobProgress opened = latestProgress();
        assertThat(opened.getOrganisation()).isEqualTo("centre-a");
        assertThat(opened.getProcessed()).as("nothing counted before the opening is lost").isEqualTo(2);
    }

    @Test
    void skipsAndCountsRequestsThatArriveAfterTheirJobWasCancelled() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));
        control.pipeInput(JOB, controlEvent(JobEvent.OPENED, null));
        submit("r1", DEAD_ID);
        control.pipeInput(JOB, JobControl.newBuilder(controlEvent(JobEvent.CANCELLED, null)).setReason("Cancelled by alice").build());
        assertThat(latestProgress().getState()).isEqualTo(JobState.CANCELLED);
        assertThat(results.readValuesToList()).hasSize(1);

        submit("r2", DEAD_ID);
        submit("r3", ALIVE_ID);
        control.pipeInput(JOB, controlEvent(JobEvent.CLOSED, 3L));

        assertThat(results.isEmpty()).isTrue();
        JobProgress cancelled = latestProgress();
        assertThat(cancelled.getState()).isEqualTo(JobState.CANCELLED);
        assertThat(cancelled.getReason()).isEqualTo("Cancelled by alice");
        assertThat(cancelled.getProcessed()).isEqualTo(1);
        assertThat(cancelled.getSkipped()).isEqualTo(2);
        assertThat(cancelled.getExpected()).isEqualTo(3);
    }

    @Test
    void stillMatchesRequestsOfOtherJobsWhileOneIsCancelled() {
        deaths.pipeInput(DEAD_ID, death(DEAD_ID, LocalDate.of(2023, 5, 6), "C34.9"));
        control.pipeInput("other-job", JobControl.newBuilder(controlEvent(JobEvent.CANCELLED, null)).setJobId("other-job").build());

        submit("r1", DEAD_ID);

        assertThat(results.readValue().getOutcome()).isEqualTo(Outcome.MATCHED);
    }

    /**
     * After a deliberate change, rewrite the pin with {@code ./mvnw -o test -pl match-streams
     * -Dtest=MatchTopologyTest#keepsTheTopologyAsDescribedSoThatANewHopIsADeliberateChange
     * -Dvitalink.topology.pin.rewrite=true} and review its diff.
     */
    @Test
    void keepsTheTopologyAsDescribedSoThatANewHopIsADeliberateChange() throws Exception {
        String description = MatchTopology.build(Clock.systemUTC(), OPTIONS, StreamsSettings.kafkaOnly(StreamsSettings.defaults()), SERDES)
                .describe().toString();
        if (Boolean.getBoolean("vitalink.topology.pin.rewrite")) {
            java.nio.file.Files.writeString(java.nio.file.Path.of("src/test/resources/io/vitalink/match/match-topology.txt"),
                    description.strip() + "\n", StandardCharsets.UTF_8);
        }
        String pinned = new String(getClass().getResourceAsStream("match-topology.txt").readAllBytes(), StandardCharsets.UTF_8);

        assertThat(description).doesNotContainPattern("KSTREAM-|KTABLE-|KSOURCE-");
        assertThat(description.strip()).isEqualTo(pinned.strip());
    }

    /** A request without a name: the ID decides alone, no probable search. */
    private void submit(String recordId, String idNumber) {
        submitPerson(recordId, idNumber, null, "M", LocalDate.of(1949, 12, 31));
    }

    private void submitPerson(String recordId, String idNumber, String name, String sex, LocalDate birthDate) {
        MatchRequest request = MatchRequest.newBuilder()
                .setJobId(JOB).setRecordId(recordId).setIdNumber(idNumber)
                .setName(name).setSex(sex).setBirthDate(birthDate)
                .build();
        send(request);
    }

    /** Keyed as the API and the Kafka contract key a request: by its sealed normalised ID, or its recordId. */
    /** As the API sends it: with the field groups of the job's application (every one here). */
    private void send(MatchRequest request) {
        RecordHeaders headers = jobHeader(request.getJobId());
        headers.add(Topics.FIELD_GROUPS_HEADER, String.join(",", TopologyRecords.EVERY_FIELD).getBytes(StandardCharsets.UTF_8));
        requests.pipeInput(new TestRecord<>(keyOf(request), SERDES.codec(MatchRequest.class).encode(request), headers));
    }

    private static String keyOf(MatchRequest request) {
        return ResidentIds.check(request.getIdNumber(), request.getIdType(), NOW.atZone(ZoneId.of("Asia/Shanghai")).toLocalDate())
                instanceof IdCheck.Valid valid ? SERDES.cipher().sealId(valid.id()) : request.getRecordId();
    }

    /** After each task has sent its counts on. */
    private JobProgress latestProgress() {
        driver.advanceWallClockTime(OPTIONS.countEvery());
        Map<String, JobProgress> table = progress.readKeyValuesToMap();
        assertThat(table).containsKey(JOB);
        return table.get(JOB);
    }




    private static JobControl controlEvent(JobEvent event, Long expected) {
        JobControl.Builder control = JobControl.newBuilder().setJobId(JOB).setEvent(event).setExpected(expected).setAt(NOW).setSource("test");
        return (event == JobEvent.OPENED ? TopologyRecords.checkedByApi(control) : control).build();
    }

    private static DeathRecord death(String id, LocalDate deathDate, String icd10) {
        return DeathRecord.newBuilder()
                .setIdNumber(id).setName("王伟").setSex("M").setBirthDate(LocalDate.of(1949, 12, 31))
                .setDeathDate(deathDate).setDeathPlace("医院")
                .setDirectCause("C34.9".equals(icd10) ? "肺恶性肿瘤" : "肝恶性肿瘤").setDirectCauseIcd10(icd10)
                .setSourceBatch("test").setLoadedAt(NOW)
                .build();
    }

    private <V> TestInputTopic<String, V> input(io.vitalink.topic.Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), SERDES.key(topic).serializer(), SERDES.value(topic).serializer());
    }

    private TestOutputTopic<String, byte[]> repartition(String name) {
        return driver.createOutputTopic("vitalink-match-" + name + "-repartition", Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    private <V> TestOutputTopic<String, V> output(io.vitalink.topic.Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), SERDES.key(topic).deserializer(), SERDES.value(topic).deserializer());
    }
}
