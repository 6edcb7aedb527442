package io.vitalink.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vitalink.id.IdCheck;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WithdrawalReaderTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 6, 1);
    private static final String W = TestIds.WOMAN_1949;
    private static final String M = TestIds.MAN_1950;

    private static List<WithdrawalReader.ParsedWithdrawal> read(byte[] bytes) {
        try (WithdrawalReader reader = new WithdrawalReader(new ByteArrayInputStream(bytes), TODAY)) {
            List<WithdrawalReader.ParsedWithdrawal> lines = new ArrayList<>();
            for (Optional<WithdrawalReader.ParsedWithdrawal> line = reader.next(); line.isPresent(); line = reader.next()) {
                lines.add(line.get());
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<WithdrawalReader.ParsedWithdrawal> read(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String key(WithdrawalReader.ParsedWithdrawal line) {
        assertThat(line.id()).isInstanceOf(IdCheck.Valid.class);
        return ((IdCheck.Valid) line.id()).id();
    }

    @Test
    void readsAPlainListOfResidentIdsNormalisedAsInTheExport() {
        List<WithdrawalReader.ParsedWithdrawal> lines = read(" " + W.substring(0, 17) + "x \n\n110105491231002\r\n" + M);

        assertThat(lines).extracting(WithdrawalReader.ParsedWithdrawal::line).containsExactly(1L, 3L, 4L);
        assertThat(lines.get(0).toString()).doesNotContain(W).contains("line=1");
        assertThat(key(lines.get(0))).isEqualTo(W);
        assertThat(key(lines.get(1))).isEqualTo(W);
        assertThat(key(lines.get(2))).isEqualTo(M);
    }

    @Test
    void checksEveryIdOfAPlainList() {
        List<WithdrawalReader.ParsedWithdrawal> lines = read(TestIds.withBadCheck(W) + "\nbad\n");

        assertThat(lines).extracting(l -> ((IdCheck.Invalid) l.id()).reason().code()).containsExactly("VL-2005", "VL-2002");
    }

    @Test
    void refusesAPlainLineWithMoreThanOneValue() {
        List<WithdrawalReader.ParsedWithdrawal> lines = read(W + ",extra\n" + M + "\n");

        assertThat(lines.get(0).unreadable().code()).isEqualTo("VL-3006");
        assertThat(lines.get(0).unreadable().message()).contains("one ID per line").doesNotContain(W);
        assertThat(key(lines.get(1))).isEqualTo(M);
    }

    @Test
    void readsACsvWithHeaderAndOptionalIdType() {
        List<WithdrawalReader.ParsedWithdrawal> lines = read("""
                id_type,id_number,reason
                PASSPORT,e12345678,duplicate registration
                ,%s,
                护照,ABCDEFGH,x
                spaceship,X1,y
                """.formatted(W));

        assertThat(key(lines.get(0))).isEqualTo("PASSPORT:E12345678");
        assertThat(key(lines.get(1))).isEqualTo(W);
        assertThat(((IdCheck.Invalid) lines.get(2).id()).reason().code()).isEqualTo("VL-2008");
        assertThat(((IdCheck.Invalid) lines.get(3).id()).reason().code()).isEqualTo("VL-2007");
        assertThat(lines).extracting(WithdrawalReader.ParsedWithdrawal::line).containsExactly(2L, 3L, 4L, 5L);
    }

    @Test
    void readsAChineseHeaderWithoutIdTypeAsResidentIds() throws IOException {
        try (WithdrawalReader reader = new WithdrawalReader(new ByteArrayInputStream(
                ("\uFEFF姓名,身份证件号码\n张三," + W + "\n").getBytes(StandardCharsets.UTF_8)), TODAY)) {
            assertThat(reader.hasHeader()).isTrue();
            assertThat(key(reader.next().orElseThrow())).isEqualTo(W);
            assertThat(reader.next()).isEmpty();
        }
    }

    @Test
    void refusesACsvRowWithTheWrongNumberOfColumns() {
        List<WithdrawalReader.ParsedWithdrawal> lines = read("id_number,id_type\n" + W + "\n");

        assertThat(lines).singleElement().satisfies(l -> assertThat(l.unreadable().code()).isEqualTo("VL-3006"));
    }

    @Test
    void readsAnEmptyFileAsNoIds() {
        assertThat(read("")).isEmpty();
        assertThat(read("\n\n")).isEmpty();
        assertThat(read("id_number\n")).isEmpty();
    }

    @Test
    void refusesAHeaderNamingTheIdTwice() {
        assertThatThrownBy(() -> read("id_number,身份证件号码\n" + W + "," + W + "\n"))
                .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.failure()).isEqualTo(LoadFailure.BAD_HEADER));
    }

    @Test
    void refusesAFileThatIsNotUtf8() {
        assertThatThrownBy(() -> read(("身份证件号码\n" + W + "\n").getBytes(Charset.forName("GB18030"))))
                .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.failure()).isEqualTo(LoadFailure.MALFORMED_INPUT));
    }
}
