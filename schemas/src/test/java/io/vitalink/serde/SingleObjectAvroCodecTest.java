package io.vitalink.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vitalink.avro.AuditEvent;
import io.vitalink.avro.DeathRecord;
import io.vitalink.avro.JobControl;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.ProbableSearch;
import java.io.IOException;
import java.util.List;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class SingleObjectAvroCodecTest {

    @Test
    void roundTripsEveryFieldIncludingLogicalTypes() {
        DeathRecord death = DeathRecord.newBuilder()
                .setIdNumber("11010519491231002X").setName("王伟").setSex("M")
                .setBirthDate(LocalDate.of(1949, 12, 31)).setAge(74)
                .setDeathDate(LocalDate.of(2024, 3, 1)).setDeathPlace("医院")
                .setDirectCause("肺癌").setDirectCauseIcd10("C34.9").setOtherDiagnoses(null)
                .setSourceBatch("2024").setLoadedAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .build();

        byte[] bytes = Codecs.DEATH_RECORD.encode(death);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(Codecs.DEATH_RECORD.decode(bytes)).isEqualTo(death);
    }

    @Test
    void readsOnlyTheLeadingFieldsOfAProjectionAndLeavesTheRestUnset() {
        DeathRecord death = DeathRecord.newBuilder()
                .setIdNumber("11010519491231002X").setName("王伟").setSex("M")
                .setBirthDate(LocalDate.of(1949, 12, 31)).setAge(74)
                .setDeathDate(LocalDate.of(2024, 3, 1)).setDirectCause("肺癌").setDirectCauseIcd10("C34.9")
                .setLoadedAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .build();

        DeathRecord read = Codecs.DEATH_FOR_BLOCKING.decode(Codecs.DEATH_RECORD.encode(death));

        assertThat(read.getIdNumber()).isEqualTo("11010519491231002X");
        assertThat(read.getName()).isEqualTo("王伟");
        assertThat(read.getSex()).isEqualTo("M");
        assertThat(read.getBirthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(read.getAge()).isNull();
        assertThat(read.getDeathDate()).isNull();
        assertThat(read.getDirectCause()).isNull();
        assertThat(read.getLoadedAt()).isNull();
    }

    @Test
    void refusesAProjectionThatIsNotTheSchemasLeadingFieldsAndBytesThatAreNotARecord() {
        SingleObjectAvroCodec<DeathRecord> deaths = SingleObjectAvroCodec.of(DeathRecord.class);

        assertThatThrownBy(() -> deaths.leading("name", "idNumber")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> deaths.leading("idNumber", "sex")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Codecs.DEATH_FOR_BLOCKING.decode(new byte[] {(byte) 0xC3, 0x01, 1, 2}))
                .isInstanceOf(UndecodableException.class);
        assertThatThrownBy(() -> Codecs.DEATH_FOR_BLOCKING.decode(Codecs.MATCH_RESULT.encode(MatchResult.newBuilder()
                .setJobId("j").setRecordId("r").setSequence(1L).setOutcome(io.vitalink.avro.Outcome.NOT_FOUND)
                .setDecidedAt(Instant.EPOCH).build()))).isInstanceOf(UndecodableException.class);
    }

    @Test
    void writesAndReadsExactlyTheBytesOfAvrosOwnSingleObjectEncoding() throws IOException {
        MatchResult result = MatchResult.newBuilder().setJobId("job-1").setRecordId("r1").setSequence(7L)
                .setOutcome(io.vitalink.avro.Outcome.MATCHED).setDeathDate(LocalDate.of(2024, 3, 1))
                .setDiscrepancies(List.of("name")).setDecidedAt(Instant.ofEpochMilli(1_700_000_000_000L)).build();
        BinaryMessageEncoder<MatchResult> avros = new BinaryMessageEncoder<>(SpecificData.getForClass(MatchResult.class),
                MatchResult.getClassSchema());
        java.nio.ByteBuffer buffer = avros.encode(result);
        byte[] byAvro = new byte[buffer.remaining()];
        buffer.get(byAvro);

        assertThat(Codecs.MATCH_RESULT.encode(result)).isEqualTo(byAvro);
        assertThat(Codecs.MATCH_RESULT.decode(byAvro)).isEqualTo(result);
        assertThat(new org.apache.avro.message.BinaryMessageDecoder<MatchResult>(SpecificData.getForClass(MatchResult.class),
                MatchResult.getClassSchema()).decode(Codecs.MATCH_RESULT.encode(result))).isEqualTo(result);
    }

    @Test
    void readsRecordWrittenWithOlderSchemaVersion() throws IOException {
        Schema v1 = olderMatchRequestSchema();
        GenericRecord old = new GenericData.Record(v1);
        old.put("jobId", "job-1");
        old.put("recordId", "r1");
        old.put("idNumber", "11010519491231002X");
        old.put("name", "王伟");
        old.put("sex", "M");
        old.put("birthDate", 0);
        byte[] writtenByOldProducer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old).array();

        MatchRequest read = Codecs.MATCH_REQUEST.decode(writtenByOldProducer);

        assertThat(read.getJobId()).isEqualTo("job-1");
        assertThat(read.getRecordId()).isEqualTo("r1");
        assertThat(read.getIdNumber()).isEqualTo("11010519491231002X");
        assertThat(read.getName()).isEqualTo("王伟");
        assertThat(read.getSex()).isEqualTo("M");
        assertThat(read.getIdType()).isNull();
    }

    @Test
    void readsADeathRecordWrittenBeforeTheCertificateFieldsWithoutACauseSection() throws IOException {
        Schema v1 = SingleObjectAvroCodec.olderVersions(DeathRecord.class).get(0);
        GenericRecord old = new GenericData.Record(v1);
        old.put("idNumber", "11010519491231002X");
        old.put("deathDate", 18000);
        old.put("directCause", "肺恶性肿瘤");
        old.put("directCauseIcd10", "C34.9");
        old.put("loadedAt", 0L);
        byte[] writtenByOldLoader = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old).array();

        DeathRecord read = Codecs.DEATH_RECORD.decode(writtenByOldLoader);

        assertThat(read.getDirectCauseIcd10()).isEqualTo("C34.9");
        assertThat(read.getAntecedentCauses()).isNull();
        assertThat(read.getUnderlyingCauseIcd10()).isNull();
        assertThat(read.getUnderlyingCauseChapter()).isNull();
    }

    @Test
    void readsAResultWrittenBeforeTheReviewComparisonWithoutOne() throws IOException {
        List<Schema> versions = SingleObjectAvroCodec.olderVersions(MatchResult.class);
        Schema v5 = versions.get(versions.size() - 1);
        assertThat(v5.getField("comparison")).isNull();
        assertThat(v5.getField("otherConditions")).isNotNull();
        GenericRecord old = new GenericData.Record(v5);
        old.put("jobId", "job-1");
        old.put("recordId", "r1");
        old.put("outcome", new GenericData.EnumSymbol(v5.getField("outcome").schema(), "PROBABLE"));
        old.put("discrepancies", List.of());
        old.put("decidedAt", 0L);
        old.put("score", 0.97);
        byte[] writtenByOldMatcher = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v5).encode(old).array();

        MatchResult read = Codecs.MATCH_RESULT.decode(writtenByOldMatcher);

        assertThat(read.getScore()).isEqualTo(0.97);
        assertThat(read.getComparison()).isNull();
    }

    @Test
    void readsEveryReleasedVersionOfEveryTopicSchema() {
        for (Class<?> type : List.of(MatchRequest.class, MatchResult.class, DeathRecord.class, JobProgress.class,
                JobControl.class, AuditEvent.class, ProbableSearch.class, io.vitalink.avro.ReviewDecision.class,
                io.vitalink.avro.Application.class)) {
            Schema current = SpecificData.get().getSchema(type);
            for (Schema released : SingleObjectAvroCodec.olderVersions(type)) {
                assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, released).getType())
                        .as(type.getSimpleName() + " reads " + released)
                        .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
            }
        }
    }

    @Test
    void refusesBytesOfAnUnknownSchema() {
        Schema stranger = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"Stranger\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}");
        GenericRecord record = new GenericData.Record(stranger);
        record.put("x", 1);
        byte[] bytes = encode(stranger, record);

        assertThatThrownBy(() -> Codecs.MATCH_REQUEST.decode(bytes))
                .isInstanceOf(UndecodableException.class)
                .hasMessageContaining("MatchRequest");
    }

    @Test
    void refusesBytesWithoutTheSingleObjectHeader() {
        assertThatThrownBy(() -> Codecs.MATCH_REQUEST.decode("not avro at all".getBytes()))
                .isInstanceOf(UndecodableException.class);
    }

    @Test
    void refusesTruncatedBytes() {
        MatchRequest request = MatchRequest.newBuilder().setJobId("job-1").setRecordId("r1").setName("王伟").build();
        byte[] bytes = Codecs.MATCH_REQUEST.encode(request);
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 3);

        assertThatThrownBy(() -> Codecs.MATCH_REQUEST.decode(truncated)).isInstanceOf(UndecodableException.class);
    }

    @Test
    void serdePassesTombstonesThrough() {
        var serde = Codecs.serde(DeathRecord.class);
        assertThat(serde.serializer().serialize("death-records", null)).isNull();
        assertThat(serde.deserializer().deserialize("death-records", null)).isNull();
    }

    private static byte[] encode(Schema schema, GenericRecord record) {
        try {
            return new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record).array();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Schema olderMatchRequestSchema() throws IOException {
        return SingleObjectAvroCodec.olderVersions(MatchRequest.class).get(0);
    }
}
