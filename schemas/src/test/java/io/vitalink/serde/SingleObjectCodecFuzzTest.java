package io.vitalink.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.DeathRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Hostile bytes on a topic: the codec either decodes a record or refuses with {@link UndecodableException}. */
class SingleObjectCodecFuzzTest {

    private static final List<RecordCodec<?>> CODECS = List.of(Codecs.MATCH_REQUEST, Codecs.DEATH_RECORD,
            Codecs.MATCH_RESULT, Codecs.JOB_PROGRESS, Codecs.JOB_CONTROL, Codecs.AUDIT_EVENT, Codecs.PROBABLE_SEARCH,
            Codecs.USER, Codecs.WEBHOOK_DELIVERY);

    private static final byte[] VALID = Codecs.DEATH_RECORD.encode(DeathRecord.newBuilder()
            .setIdNumber("11010519491231002X").setName("王伟").setSex("M")
            .setBirthDate(LocalDate.of(1949, 12, 31)).setAge(74)
            .setDeathDate(LocalDate.of(2024, 3, 1)).setDeathPlace("医院")
            .setDirectCause("肺癌").setDirectCauseIcd10("C34.9")
            .setSourceBatch("2024").setLoadedAt(Instant.ofEpochMilli(1_700_000_000_000L))
            .build());

    @Property(tries = 500)
    void anyBytesDecodeOrAreRefusedAsUndecodable(@ForAll @Size(max = 300) byte[] bytes) {
        for (RecordCodec<?> codec : CODECS) {
            assertDecodesOrRefuses(codec::decode, bytes);
        }
    }

    @Property(tries = 500)
    void anyBodyBehindAKnownHeaderDecodesOrIsRefused(@ForAll @Size(max = 300) byte[] body) {
        byte[] withHeader = concat(Arrays.copyOf(VALID, 10), body);
        assertDecodesOrRefuses(Codecs.DEATH_RECORD::decode, withHeader);
        assertDecodesOrRefuses(Codecs.DEATH_FOR_BLOCKING::decode, withHeader);
    }

    @Property(tries = 500)
    void anUnknownFingerprintIsRefused(@ForAll @Size(8) byte[] fingerprint, @ForAll @Size(max = 100) byte[] body) {
        byte[] bytes = concat(concat(new byte[] {(byte) 0xC3, 0x01}, fingerprint), body);
        Throwable thrown = attempt(Codecs.DEATH_RECORD::decode, bytes);
        // 8 random bytes hit one of our few fingerprints with a chance of about 2^-61
        assertThat(thrown).isInstanceOf(UndecodableException.class).hasMessageContaining("fingerprint");
    }

    @Property(tries = 1000)
    void aMutatedOrTruncatedRecordDecodesOrIsRefused(@ForAll("mutations") byte[] bytes) {
        assertDecodesOrRefuses(Codecs.DEATH_RECORD::decode, bytes);
        assertDecodesOrRefuses(Codecs.DEATH_FOR_BLOCKING::decode, bytes);
    }

    @Example
    void everyTruncationOfAValidRecordIsRefused() {
        for (int length = 0; length < VALID.length; length++) {
            assertThat(attempt(Codecs.DEATH_RECORD::decode, Arrays.copyOf(VALID, length)))
                    .as("truncated to %d bytes", length).isInstanceOf(UndecodableException.class);
        }
    }

    @Example
    void aHugeClaimedStringLengthIsRefusedWithoutAllocatingIt() {
        // first field (idNumber, a string) claims 2^30 bytes: zig-zag varint of 2^30 is 80 80 80 80 08
        byte[] bytes = concat(Arrays.copyOf(VALID, 10), new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08});
        assertThat(attempt(Codecs.DEATH_RECORD::decode, bytes)).isInstanceOf(UndecodableException.class);
    }

    @Example
    void aStringLengthOverAvrosLimitIsRefusedAsUndecodable() {
        // shrunk: a DeathRecord header, then FE FF FF FF 0F, a string length of 2^31 - 1 (over Avro's limit)
        byte[] bytes = concat(Arrays.copyOf(VALID, 10), new byte[] {-2, -1, -1, -1, 15});
        assertThat(attempt(Codecs.DEATH_RECORD::decode, bytes)).isInstanceOf(UndecodableException.class);
        assertThat(attempt(Codecs.DEATH_FOR_BLOCKING::decode, bytes)).isInstanceOf(UndecodableException.class);
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        Arbitrary<byte[]> truncated = Arbitraries.integers().between(0, VALID.length)
                .map(n -> Arrays.copyOf(VALID, n));
        Arbitrary<byte[]> flipped = Arbitraries.integers().between(0, VALID.length - 1)
                .flatMap(i -> Arbitraries.bytes().map(b -> {
                    byte[] copy = VALID.clone();
                    copy[i] = b;
                    return copy;
                }));
        Arbitrary<byte[]> inserted = Arbitraries.integers().between(0, VALID.length)
                .flatMap(i -> Arbitraries.bytes().array(byte[].class).ofMaxSize(8).map(extra ->
                        concat(concat(Arrays.copyOf(VALID, i), extra), Arrays.copyOfRange(VALID, i, VALID.length))));
        Arbitrary<byte[]> deleted = Arbitraries.integers().between(0, VALID.length - 1)
                .map(i -> concat(Arrays.copyOf(VALID, i), Arrays.copyOfRange(VALID, i + 1, VALID.length)));
        return Arbitraries.oneOf(truncated, flipped, inserted, deleted);
    }

    private static void assertDecodesOrRefuses(Function<byte[], ?> codec, byte[] bytes) {
        Throwable thrown = attempt(codec, bytes);
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(UndecodableException.class);
        }
    }

    private static Throwable attempt(Function<byte[], ?> codec, byte[] bytes) {
        try {
            assertThat((Object) codec.apply(bytes)).isNotNull();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
