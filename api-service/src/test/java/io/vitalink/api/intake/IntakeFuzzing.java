package io.vitalink.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.api.problem.ApiException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * Hostile uploads for one format: whatever the bytes, the parser gives records or refuses with an
 * {@link ApiException} whose code is {@code VL-dddd}; never another exception, never a hang.
 */
abstract class IntakeFuzzing {

    /** The format under test. */
    abstract UploadFormat format();

    /** A valid body of that format with a few records; {@code %s} marks where a field value may be replaced. */
    abstract String validTemplate();

    /** The value the template holds at its {@code %s}. */
    String templateValue() {
        return "r1";
    }

    /** The longest value the parser itself takes (longer ones are refused before validation). */
    int fieldLimit() {
        return 64 * 1024;
    }

    /** A value as it must be written in the format (quoted and escaped for JSON, quoted for CSV). */
    abstract String quoted(String value);

    final byte[] valid() {
        return validTemplate().replace("%s", quoted(templateValue())).getBytes(StandardCharsets.UTF_8);
    }

    @Example
    void theValidBodyGivesRecords() {
        assertThat(outcome(valid()).records).isNotEmpty();
    }

    @Property(tries = 300)
    void anyBytesGiveRecordsOrACodedRefusal(@ForAll @Size(max = 400) byte[] body) {
        outcome(body);
    }

    @Property(tries = 500)
    void anyMutationOfAValidBodyGivesRecordsOrACodedRefusal(@ForAll("mutations") byte[] body) {
        outcome(body);
    }

    @Property(tries = 300)
    void anyFieldValueGivesRecordsOrACodedRefusal(@ForAll("hostileValues") String value) {
        outcome(validTemplate().replace("%s", quoted(value)).getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 200)
    void anyLineBreaksAndABomGiveRecordsOrACodedRefusal(@ForAll("lineBreaks") List<String> breaks, @ForAll boolean bom) {
        String[] lines = new String(valid(), StandardCharsets.UTF_8).split("\n", -1);
        StringBuilder body = new StringBuilder(bom ? "\uFEFF" : "");
        for (int i = 0; i < lines.length; i++) {
            body.append(lines[i]);
            if (i < lines.length - 1) {
                body.append(breaks.get(i % breaks.size()));
            }
        }
        outcome(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Example
    void aBomBeforeAValidBodyIsReadOrRefusedWithACode() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        outcome(concat(bom, valid()));
    }

    @Example
    void tenThousandOpeningBracketsAreRefusedWithACode() {
        assertThat(refusal("[".repeat(10_000).getBytes(StandardCharsets.UTF_8))).isNotNull();
        assertThat(refusal("{\"a\":".repeat(10_000).getBytes(StandardCharsets.UTF_8))).isNotNull();
    }

    @Example
    void aFieldOverTheLimitsIsRefusedWithACode() {
        for (int length : new int[] {fieldLimit() + 1, 200_000}) {
            byte[] body = validTemplate().replace("%s", quoted("7".repeat(length))).getBytes(StandardCharsets.UTF_8);
            assertThat(refusal(body)).as("a value of %d characters", length).isNotNull()
                    .extracting(e -> e.code().code()).isEqualTo("VL-1001");
        }
    }

    @Example
    void invalidUtf8IsRefusedWithACode() {
        for (byte[] bad : List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF0, (byte) 0x9F})) {
            byte[] body = validTemplate().replace("%s", quoted("x%sx"))
                    .getBytes(StandardCharsets.UTF_8);
            String text = new String(body, StandardCharsets.UTF_8);
            int at = text.indexOf("x%sx") + 1;
            byte[] prefix = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
            byte[] suffix = text.substring(at + 2).getBytes(StandardCharsets.UTF_8);
            assertThat(refusal(concat(concat(prefix, bad), suffix))).as("bytes %s", Arrays.toString(bad)).isNotNull();
        }
    }

    @Example
    void aUtf8EncodedSurrogateIsRefusedAsNotUtf8() {
        // shrunk: ED A0 80 (U+D800 written as UTF-8) inside a value; Jackson alone read it as a lone surrogate
        String text = validTemplate().replace("%s", quoted("x%sx"));
        int at = text.indexOf("x%sx") + 1;
        byte[] body = concat(concat(text.substring(0, at).getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}), text.substring(at + 2).getBytes(StandardCharsets.UTF_8));
        assertThat(refusal(body)).isNotNull().extracting(e -> e.code().code()).isEqualTo("VL-1001");
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        byte[] valid = valid();
        Arbitrary<byte[]> flipped = Arbitraries.integers().between(0, valid.length - 1).list().ofMinSize(1).ofMaxSize(4)
                .flatMap(at -> Arbitraries.bytes().list().ofSize(at.size()).map(values -> {
                    byte[] copy = valid.clone();
                    for (int i = 0; i < at.size(); i++) {
                        copy[at.get(i)] = values.get(i);
                    }
                    return copy;
                }));
        Arbitrary<byte[]> inserted = Arbitraries.integers().between(0, valid.length).flatMap(at ->
                Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8),
                                Arbitraries.of("\u0000", "\r", "\n", "\r\n", "\"", ",", "[", "{", "}", "]", "\uFEFF")
                                        .map(s -> s.getBytes(StandardCharsets.UTF_8)))
                        .map(extra -> concat(concat(Arrays.copyOf(valid, at), extra),
                                Arrays.copyOfRange(valid, at, valid.length))));
        Arbitrary<byte[]> deleted = Arbitraries.integers().between(0, valid.length - 1).flatMap(at ->
                Arbitraries.integers().between(1, 8).map(n -> concat(Arrays.copyOf(valid, at),
                        Arrays.copyOfRange(valid, Math.min(valid.length, at + n), valid.length))));
        Arbitrary<byte[]> truncated = Arbitraries.integers().between(0, valid.length).map(n -> Arrays.copyOf(valid, n));
        return Arbitraries.oneOf(flipped, inserted, deleted, truncated);
    }

    @Provide
    Arbitrary<String> hostileValues() {
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(50);
        Arbitrary<String> controls = Arbitraries.strings()
                .withChars('\u0000', '\r', '\n', '\t', '\uFEFF', '"', ',', '\\', '\u2028', 'a').ofMaxLength(30);
        Arbitrary<String> surrogates = Arbitraries.strings().withCharRange('\uD800', '\uDFFF').ofMinLength(1).ofMaxLength(5);
        Arbitrary<String> huge = Arbitraries.integers().between(8_000, 70_000).map("x"::repeat);
        return Arbitraries.frequencyOf(Tuple.of(4, any), Tuple.of(4, controls), Tuple.of(1, surrogates), Tuple.of(1, huge));
    }

    @Provide
    Arbitrary<List<String>> lineBreaks() {
        return Arbitraries.of("\n", "\r\n", "\r", "\n\n", "\r\r\n").list().ofMinSize(1).ofMaxSize(8);
    }

    record Outcome(List<RawRecord> records, ApiException refusal) {
    }

    /** Parses, and fails the property on anything but records or a coded refusal. */
    final Outcome outcome(byte[] body) {
        List<RawRecord> records = new ArrayList<>();
        try {
            format().parse(new ByteArrayInputStream(body), records::add);
        } catch (ApiException e) {
            assertThat(e.code().code()).matches("VL-\\d{4}");
            assertThat(e.getMessage()).isNotBlank();
            return new Outcome(records, e);
        } catch (Throwable t) {
            throw new AssertionError("not a coded refusal: " + t, t);
        }
        for (RawRecord record : records) {
            assertThat(record.line()).isPositive();
        }
        return new Outcome(records, null);
    }

    final ApiException refusal(byte[] body) {
        return outcome(body).refusal;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static String jsonString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
