package io.vitalink.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vitalink.avro.DeathRecord;
import io.vitalink.avro.MatchRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.avro.Schema;
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
    void readsRecordWrittenWithOlderSchemaVersion() throws IOException {
        Schema v1 = olderMatchRequestSchema();
        GenericRecord old = new GenericData.Record(v1);
        old.put("jobId", "job-1");
        old.put("recordId", "r1");
        old.put("idNumber", "11010519491231002X");
        old.put("name", "王伟");
        byte[] writtenByOldProducer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old).array();

        MatchRequest read = Codecs.MATCH_REQUEST.decode(writtenByOldProducer);

        assertThat(read.getJobId()).isEqualTo("job-1");
        assertThat(read.getRecordId()).isEqualTo("r1");
        assertThat(read.getIdNumber()).isEqualTo("11010519491231002X");
        assertThat(read.getName()).isEqualTo("王伟");
        assertThat(read.getSex()).isNull();
        assertThat(read.getBirthDate()).isNull();
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
        try (InputStream in = SingleObjectAvroCodecTest.class.getResourceAsStream(
                "/io/vitalink/avro/history/MatchRequest-v1.avsc")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return new Schema.Parser().parse(out.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
