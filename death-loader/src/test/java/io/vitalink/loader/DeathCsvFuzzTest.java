package io.vitalink.loader;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.id.IdCheck;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * Hostile death exports and withdrawal lists: every row is loaded or refused with a code, or the whole load fails
 * with a coded {@link LoadException}; never another exception.
 */
class DeathCsvFuzzTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 6, 1);
    private static final RowCleaner CLEANER = new RowCleaner(TODAY);
    private static final String EXPORT_TEMPLATE =
            "name,id_number,sex,birth_date,age,death_date,death_place,direct_cause,direct_cause_icd10,other_diagnoses\n"
                    + "王芳,%s,F,1949-12-31,74,2024-03-01,医院,肺癌,C34.9,\n"
                    + "\"Smith, John\"," + TestIds.MAN_1950 + ",男,1950/3/7,,20240105,家中,\"肝癌\",C22,\"I10,E11\"\n";
    private static final String WITHDRAWAL_TEMPLATE = "id_number,id_type\n%s,\n" + TestIds.MAN_1950 + ",居民身份证\n";
    private static final byte[] EXPORT = fill(EXPORT_TEMPLATE, TestIds.WOMAN_1949);
    private static final byte[] WITHDRAWALS = fill(WITHDRAWAL_TEMPLATE, TestIds.WOMAN_1949);

    @Example
    void theValidFilesAreRead() {
        assertThat(readExport(EXPORT)).hasSize(2).allSatisfy(row -> assertThat(row.outcome())
                .isInstanceOf(RowOutcome.Accepted.class));
        assertThat(readWithdrawals(WITHDRAWALS)).hasSize(2)
                .allSatisfy(w -> assertThat(w.id()).isInstanceOf(IdCheck.Valid.class));
    }

    @Property(tries = 300)
    void anyBytesGiveRowsOrACodedFailure(@ForAll @Size(max = 400) byte[] bytes) {
        readExport(bytes);
        readWithdrawals(bytes);
    }

    @Property(tries = 500)
    void anyMutationOfAValidExportGivesRowsOrACodedFailure(@ForAll("exportMutations") byte[] bytes) {
        readExport(bytes);
    }

    @Property(tries = 500)
    void anyMutationOfAValidWithdrawalListGivesIdsOrACodedFailure(@ForAll("withdrawalMutations") byte[] bytes) {
        readWithdrawals(bytes);
    }

    @Property(tries = 300)
    void anyFieldValueGivesRowsOrACodedFailure(@ForAll("hostileValues") String value) {
        String quoted = "\"" + value.replace("\"", "\"\"") + "\"";
        readExport(fill(EXPORT_TEMPLATE, quoted));
        readWithdrawals(fill(WITHDRAWAL_TEMPLATE, quoted));
        readWithdrawals(value.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 200)
    void anyLineBreaksAndABomGiveRowsOrACodedFailure(@ForAll("lineBreaks") List<String> breaks, @ForAll boolean bom) {
        for (byte[] file : List.of(EXPORT, WITHDRAWALS)) {
            String[] lines = new String(file, StandardCharsets.UTF_8).split("\n", -1);
            StringBuilder text = new StringBuilder(bom ? "\uFEFF" : "");
            for (int i = 0; i < lines.length; i++) {
                text.append(lines[i]).append(i < lines.length - 1 ? breaks.get(i % breaks.size()) : "");
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            assertThat(file == EXPORT ? readExport(bytes) : readWithdrawals(bytes)).isNotNull();
        }
    }

    @Example
    void invalidUtf8InARowFailsTheLoadWithACode() {
        byte[] bad = {(byte) 0xED, (byte) 0xA0, (byte) 0x80};
        String text = new String(EXPORT, StandardCharsets.UTF_8);
        int at = text.indexOf("医院");
        byte[] bytes = concat(concat(text.substring(0, at).getBytes(StandardCharsets.UTF_8), bad),
                text.substring(at).getBytes(StandardCharsets.UTF_8));
        assertThat(readExport(bytes)).as("null: the load failed with a coded LoadException").isNull();
    }

    @Provide
    Arbitrary<byte[]> exportMutations() {
        return mutationsOf(EXPORT);
    }

    @Provide
    Arbitrary<byte[]> withdrawalMutations() {
        return mutationsOf(WITHDRAWALS);
    }

    @Provide
    Arbitrary<String> hostileValues() {
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(50);
        Arbitrary<String> controls = Arbitraries.strings()
                .withChars('\u0000', '\r', '\n', '\t', '\uFEFF', '"', ',', '\u3000', '1', 'X').ofMaxLength(30);
        Arbitrary<String> huge = Arbitraries.integers().between(8_000, 100_000).map("1"::repeat);
        return Arbitraries.frequencyOf(Tuple.of(4, any), Tuple.of(4, controls), Tuple.of(1, huge));
    }

    @Provide
    Arbitrary<List<String>> lineBreaks() {
        return Arbitraries.of("\n", "\r\n", "\r", "\n\n", "\r\r\n").list().ofMinSize(1).ofMaxSize(8);
    }

    private static Arbitrary<byte[]> mutationsOf(byte[] valid) {
        Arbitrary<byte[]> flipped = Arbitraries.integers().between(0, valid.length - 1).flatMap(at ->
                Arbitraries.bytes().map(b -> {
                    byte[] copy = valid.clone();
                    copy[at] = b;
                    return copy;
                }));
        Arbitrary<byte[]> inserted = Arbitraries.integers().between(0, valid.length).flatMap(at ->
                Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8),
                                Arbitraries.of("\u0000", "\r", "\n", "\"", ",", "\uFEFF").map(s -> s.getBytes(StandardCharsets.UTF_8)))
                        .map(extra -> concat(concat(Arrays.copyOf(valid, at), extra), Arrays.copyOfRange(valid, at, valid.length))));
        Arbitrary<byte[]> deleted = Arbitraries.integers().between(0, valid.length - 1).flatMap(at ->
                Arbitraries.integers().between(1, 8).map(n -> concat(Arrays.copyOf(valid, at),
                        Arrays.copyOfRange(valid, Math.min(valid.length, at + n), valid.length))));
        Arbitrary<byte[]> truncated = Arbitraries.integers().between(0, valid.length).map(n -> Arrays.copyOf(valid, n));
        return Arbitraries.oneOf(flipped, inserted, deleted, truncated);
    }

    /** The rows read, each with its invariants checked; null when the load failed with a coded LoadException. */
    private static List<DeathCsvReader.ParsedRow> readExport(byte[] bytes) {
        List<DeathCsvReader.ParsedRow> rows = new ArrayList<>();
        LoadException failed = failure(() -> {
            try (DeathCsvReader reader = new DeathCsvReader(new ByteArrayInputStream(bytes), CLEANER)) {
                for (Optional<DeathCsvReader.ParsedRow> row = reader.next(); row.isPresent(); row = reader.next()) {
                    rows.add(row.get());
                }
            }
        });
        for (DeathCsvReader.ParsedRow row : rows) {
            assertThat(row.line()).isPositive();
            if (row.outcome() instanceof RowOutcome.Rejected rejected) {
                assertThat(rejected.reason().code()).matches("VL-\\d{4}");
            } else {
                DeathRow death = ((RowOutcome.Accepted) row.outcome()).row();
                assertThat(death.idNumber()).isNotBlank();
                assertThat(death.deathDate()).isNotNull().isBeforeOrEqualTo(TODAY);
            }
        }
        return failed == null ? rows : null;
    }

    private static List<WithdrawalReader.ParsedWithdrawal> readWithdrawals(byte[] bytes) {
        List<WithdrawalReader.ParsedWithdrawal> ids = new ArrayList<>();
        LoadException failed = failure(() -> {
            try (WithdrawalReader reader = new WithdrawalReader(new ByteArrayInputStream(bytes), TODAY)) {
                for (Optional<WithdrawalReader.ParsedWithdrawal> id = reader.next(); id.isPresent(); id = reader.next()) {
                    ids.add(id.get());
                }
            }
        });
        for (WithdrawalReader.ParsedWithdrawal id : ids) {
            assertThat(id.line()).isPositive();
            if (id.unreadable() != null) {
                assertThat(id.unreadable().code()).matches("VL-\\d{4}");
            } else if (id.id() instanceof IdCheck.Invalid invalid) {
                assertThat(invalid.reason().code()).matches("VL-\\d{4}");
            } else {
                assertThat(((IdCheck.Valid) id.id()).id()).isNotBlank();
            }
        }
        return failed == null ? ids : null;
    }

    interface Load {
        void run() throws Exception;
    }

    /** Runs the load; returns its coded LoadException, null when it finished, and fails on any other throwable. */
    private static LoadException failure(Load load) {
        try {
            load.run();
            return null;
        } catch (LoadException e) {
            assertThat(e.failure().code()).matches("VL-\\d{4}");
            return e;
        } catch (Throwable t) {
            throw new AssertionError("not a coded failure: " + t, t);
        }
    }

    private static byte[] fill(String template, String value) {
        return template.replace("%s", value).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
