package io.vitalink.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeathCsvReaderTest {

    private static final RowCleaner CLEANER = new RowCleaner(LocalDate.of(2025, 6, 1));
    private static final String W = TestIds.WOMAN_1949;
    private static final String M = TestIds.MAN_1950;

    private static List<DeathCsvReader.ParsedRow> read(byte[] bytes) {
        try (DeathCsvReader reader = new DeathCsvReader(new ByteArrayInputStream(bytes), CLEANER)) {
            List<DeathCsvReader.ParsedRow> rows = new ArrayList<>();
            for (Optional<DeathCsvReader.ParsedRow> row = reader.next(); row.isPresent(); row = reader.next()) {
                rows.add(row.get());
            }
            return rows;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<DeathCsvReader.ParsedRow> read(String csv) {
        return read(csv.getBytes(StandardCharsets.UTF_8));
    }

    private static DeathRow accepted(DeathCsvReader.ParsedRow row) {
        assertThat(row.outcome()).isInstanceOf(RowOutcome.Accepted.class);
        return ((RowOutcome.Accepted) row.outcome()).row();
    }

    private static String code(DeathCsvReader.ParsedRow row) {
        assertThat(row.outcome()).isInstanceOf(RowOutcome.Rejected.class);
        return ((RowOutcome.Rejected) row.outcome()).reason().code();
    }

    @Test
    void readsEnglishHeaderedFile() {
        List<DeathCsvReader.ParsedRow> rows = read("""
                name,id_number,sex,birth_date,age,death_date,death_place,direct_cause,direct_cause_icd10,other_diagnoses
                张三,%s,女,1949-12-31,74,2024-01-05,家中,肺癌,C34.9,高血压
                """.formatted(W));

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).line()).isEqualTo(2);
        assertThat(accepted(rows.get(0))).isEqualTo(new DeathRow(W, "张三", "F", LocalDate.of(1949, 12, 31), 74,
                LocalDate.of(2024, 1, 5), "家中", "肺癌", "C34.9", "高血压"));
    }

    @Test
    void readsChineseHeaderedFileInAnotherOrder() {
        List<DeathCsvReader.ParsedRow> rows = read("""
                死亡日期,身份证件号码,姓名,性别,年龄,直接死因编码
                2024/1/5,%s,李四,男,73,C16.9
                """.formatted(M));

        assertThat(accepted(rows.get(0))).isEqualTo(new DeathRow(M, "李四", "M", LocalDate.of(1950, 3, 7), 73,
                LocalDate.of(2024, 1, 5), null, null, "C16.9", null));
    }

    @Test
    void toleratesUtf8ByteOrderMark() {
        byte[] body = ("身份证件号码,死亡日期\n" + W + ",20240105\n").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);

        List<DeathCsvReader.ParsedRow> rows = read(withBom);

        assertThat(accepted(rows.get(0)).idNumber()).isEqualTo(W);
    }

    @Test
    void keepsCommasAndQuotesInsideQuotedFields() {
        List<DeathCsvReader.ParsedRow> rows = read("id_number,death_date,other_diagnoses,death_place\n"
                + W + ",2024-01-05,\"高血压, 糖尿病, \"\"II型\"\"\",\"Ward 3, Bed 12\"\n");

        DeathRow row = accepted(rows.get(0));
        assertThat(row.otherDiagnoses()).isEqualTo("高血压, 糖尿病, \"II型\"");
        assertThat(row.deathPlace()).isEqualTo("Ward 3, Bed 12");
    }

    @Test
    void keepsLineBreaksInsideQuotedFields() {
        List<DeathCsvReader.ParsedRow> rows = read("id_number,death_date,other_diagnoses\n"
                + W + ",2024-01-05,\"高血压\n糖尿病\"\n");

        assertThat(accepted(rows.get(0)).otherDiagnoses()).isEqualTo("高血压\n糖尿病");
    }

    @Test
    void numbersRowsByTheLineTheyStartOnAcrossMultiLineFieldsAndBlankLines() {
        String csv = "id_number,death_date,other_diagnoses\n"        // 1
                + W + ",2024-01-05,a\n"                              // 2
                + "\n"                                               // 3 (blank, skipped)
                + M + ",2024-01-05,\"one\ntwo\nthree\"\n"            // 4-6
                + "bad,2024-01-05,x\r\n"                             // 7
                + M + ",2024-01-05,\"crlf\r\ninside\"\r\n"           // 8-9
                + "bad,2024-01-05,last";                             // 10, no final line break

        List<DeathCsvReader.ParsedRow> rows = read(csv);

        assertThat(rows).extracting(DeathCsvReader.ParsedRow::line).containsExactly(2L, 4L, 7L, 8L, 10L);
    }

    @Test
    void numbersRowsRightWhenAFileEndsWithLineBreaks() {
        List<DeathCsvReader.ParsedRow> rows = read("id_number,death_date\nbad,2024-01-05\n\"bad\",\"2024-01-05\"\n\n");

        assertThat(rows).extracting(DeathCsvReader.ParsedRow::line).containsExactly(2L, 3L);
    }

    @Test
    void rejectsRowWithTooFewOrTooManyColumns() {
        List<DeathCsvReader.ParsedRow> rows = read("""
                id_number,death_date,name
                %s,2024-01-05
                %s,2024-01-05,王五,extra
                %s,2024-01-05,王五
                """.formatted(W, W, W));

        assertThat(code(rows.get(0))).isEqualTo("VL-3006");
        assertThat(code(rows.get(1))).isEqualTo("VL-3006");
        assertThat(accepted(rows.get(2)).name()).isEqualTo("王五");
    }

    @Test
    void refusesFileWithoutRequiredColumns() {
        assertThatThrownBy(() -> read("name,death_date\n张三,2024-01-05\n"))
                .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.failure()).isEqualTo(LoadFailure.BAD_HEADER));
    }

    @Test
    void refusesEmptyFile() {
        assertThatThrownBy(() -> read(""))
                .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.failure()).isEqualTo(LoadFailure.BAD_HEADER))
                .hasMessageContaining("empty");
    }

    @Test
    void readsHeaderOnlyFileAsNoRows() {
        assertThat(read("id_number,death_date\n")).isEmpty();
    }

    @Test
    void refusesFileThatIsNotUtf8() {
        byte[] gbk = ("身份证件号码,死亡日期\n" + W + ",20240105\n").getBytes(Charset.forName("GB18030"));

        assertThatThrownBy(() -> read(gbk))
                .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.failure()).isEqualTo(LoadFailure.MALFORMED_INPUT))
                .hasMessageContaining("UTF-8");
    }

    @Test
    void refusesFileWithNonUtf8BytesInALaterRow() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("id_number,death_date,name\n" + W + ",20240105,ok\n" + M + ",20240105,").getBytes(StandardCharsets.UTF_8));
        out.writeBytes("王五\n".getBytes(Charset.forName("GB18030")));

        assertThatThrownBy(() -> read(out.toByteArray()))
                .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.failure()).isEqualTo(LoadFailure.MALFORMED_INPUT))
                .hasMessageContaining("UTF-8")
                .hasMessageNotContaining(M);
    }

    @Test
    void refusesFileWithUnbalancedQuote() {
        assertThatThrownBy(() -> read("id_number,death_date,name\n" + W + ",20240105,\"unterminated\n" + M + ",20240105,x\n"))
                .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.failure()).isEqualTo(LoadFailure.MALFORMED_INPUT))
                .hasMessageContaining("broken CSV")
                .hasMessageNotContaining(M);
    }

    @Test
    void countsLineBreaksLikeTheParser() {
        assertThat(CsvSource.lineBreaks("")).isZero();
        assertThat(CsvSource.lineBreaks("a\nb")).isEqualTo(1);
        assertThat(CsvSource.lineBreaks("a\r\nb")).isEqualTo(1);
        assertThat(CsvSource.lineBreaks("a\rb\n\nc")).isEqualTo(3);
    }

    @Test
    void readsTheIdTypeColumnUnderEitherHeader() {
        List<DeathCsvReader.ParsedRow> rows = read("""
                证件类型,身份证件号码,死亡日期
                护照,e12345678,2024-01-05
                ,%s,2024-01-05
                """.formatted(W));
        List<DeathCsvReader.ParsedRow> english = read("id_type,id_number,death_date\nPASSPORT,E12345678,2024-01-05\n");

        assertThat(accepted(rows.get(0)).idNumber()).isEqualTo("PASSPORT:E12345678");
        assertThat(accepted(rows.get(1)).idNumber()).isEqualTo(W);
        assertThat(accepted(english.get(0)).idNumber()).isEqualTo("PASSPORT:E12345678");
    }
}
