package io.vitalink.match;

import io.vitalink.avro.Application;
import io.vitalink.avro.ApplicationStatus;
import io.vitalink.avro.JobControl;
import java.util.List;
import io.vitalink.avro.DeathRecord;
import io.vitalink.crypto.FieldCipher;
import io.vitalink.streams.StreamsSettings;
import io.vitalink.topic.TopicSerdes;
import io.vitalink.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** What the topology tests share: the driver, the job header, a header's text, one death record. */
final class TopologyRecords {

    static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    static final String DEAD_ID = "11010519491231002X";
    static final TopicSerdes SERDES = new TopicSerdes(FieldCipher.ephemeral());

    private TopologyRecords() {
    }

    /** The whole topology as configured by default, at {@link #NOW} in the matcher's time zone. */
    static TopologyTestDriver driver(Path stateDir, MatchTopology.Options options) {
        Properties config = StreamsSettings.kafkaOnly(StreamsSettings.defaults());
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return new TopologyTestDriver(MatchTopology.build(java.time.Clock.fixed(NOW, ZoneId.of("Asia/Shanghai")), options,
                config, SERDES), config, NOW);
    }

    /** Every result field group: what a job could read before data-use applications existed. */
    static final List<String> EVERY_FIELD = List.of("DEATH_DATE", "CAUSES", "PLACE");

    /** An OPENED as the API writes it on the shared topic: it has checked the job's application and names its groups. */
    static JobControl.Builder checkedByApi(JobControl.Builder opened) {
        return opened.setApplicationId("application-test").setFieldGroups(EVERY_FIELD);
    }

    /** An approved data-use application of {@code organisation}, valid a year either side of {@link #NOW}. */
    static Application approved(String id, String organisation, List<String> fields) {
        LocalDate today = LocalDate.ofInstant(NOW, ZoneId.of("Asia/Shanghai"));
        return Application.newBuilder().setApplicationId(id).setOrganisation(organisation).setSubmittedBy("someone")
                .setPurpose("survival").setLegalBasis("registry law").setExpectedCohortSize(100)
                .setRequestedFields(EVERY_FIELD).setApprovedFields(fields).setValidFrom(today.minusYears(1))
                .setValidUntil(today.plusYears(1)).setStatus(ApplicationStatus.APPROVED).setSubmittedAt(NOW).setUpdatedAt(NOW)
                .build();
    }

    /** Writes {@code application} to the applications topic, as the API would. */
    static void store(TopologyTestDriver driver, Application application) {
        driver.createInputTopic(Topics.APPLICATIONS.name(), SERDES.key(Topics.APPLICATIONS).serializer(),
                SERDES.value(Topics.APPLICATIONS).serializer()).pipeInput(application.getApplicationId(), application);
    }

    static RecordHeaders jobHeader(String jobId) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.JOB_ID_HEADER, jobId.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** The header's text, or null when the record has none of that name. */
    static String header(TestRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A valid resident ID of Beijing Chaoyang, born {@code yyyyMMdd}, with the three-digit {@code sequence}. */
    static String idBornOn(String yyyyMMdd, String sequence) {
        String body = "110105" + yyyyMMdd + sequence;
        return body + io.vitalink.id.ResidentIds.checkCharacter(body);
    }

    /** The registry's record of {@link #DEAD_ID}: died 2023-05-06 of C34.9. */
    static DeathRecord death() {
        return DeathRecord.newBuilder()
                .setIdNumber(DEAD_ID).setName("王伟").setSex("M").setBirthDate(LocalDate.of(1949, 12, 31))
                .setDeathDate(LocalDate.of(2023, 5, 6)).setDeathPlace("医院")
                .setDirectCause("肺恶性肿瘤").setDirectCauseIcd10("C34.9")
                .setSourceBatch("test").setLoadedAt(NOW)
                .build();
    }
}
