package io.vitalink.loader;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.id.IdRejection;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RowCleanerTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 6, 1);
    private final RowCleaner cleaner = new RowCleaner(TODAY);

    private static Map<Column, String> row(Object... columnsAndValues) {
        Map<Column, String> row = new EnumMap<>(Column.class);
        row.put(Column.ID_NUMBER, TestIds.WOMAN_1949);
        row.put(Column.DEATH_DATE, "2024-01-05");
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            row.put((Column) columnsAndValues[i], (String) columnsAndValues[i + 1]);
        }
        return row;
    }

    private DeathRow accepted(Map<Column, String> row) {
        RowOutcome outcome = cleaner.clean(row);
        assertThat(outcome).isInstanceOf(RowOutcome.Accepted.class);
        return ((RowOutcome.Accepted) outcome).row();
    }

    private String rejectionCode(Map<Column, String> row) {
        RowOutcome outcome = cleaner.clean(row);
        assertThat(outcome).isInstanceOf(RowOutcome.Rejected.class);
        return ((RowOutcome.Rejected) outcome).reason().code();
    }

    @Test
    void acceptsCompleteRowAndCopiesEveryField() {
        DeathRow clean = accepted(row(
                Column.NAME, "张三",
                Column.SEX, "女",
                Column.BIRTH_DATE, "1949-12-31",
                Column.AGE, "74",
                Column.DEATH_PLACE, "家中",
                Column.DIRECT_CAUSE, "肺癌",
                Column.DIRECT_CAUSE_ICD10, "C34.9",
                Column.OTHER_DIAGNOSES, "高血压, 糖尿病"));

        assertThat(clean).isEqualTo(new DeathRow(TestIds.WOMAN_1949, "张三", "F", LocalDate.of(1949, 12, 31), 74,
                LocalDate.of(2024, 1, 5), "家中", "肺癌", "C34.9", "高血压, 糖尿病"));
    }

    @Test
    void acceptsRowWithOnlyTheRequiredColumns() {
        Map<Column, String> row = new EnumMap<>(Column.class);
        row.put(Column.ID_NUMBER, TestIds.MAN_1950);
        row.put(Column.DEATH_DATE, "20240105");

        assertThat(accepted(row)).isEqualTo(new DeathRow(TestIds.MAN_1950, null, null, null, null,
                LocalDate.of(2024, 1, 5), null, null, null, null));
    }

    @Test
    void trimsValuesAndTurnsBlanksIntoNull() {
        DeathRow clean = accepted(row(
                Column.ID_NUMBER, "  " + TestIds.WOMAN_1949 + "\t",
                Column.NAME, "  张三 ",
                Column.SEX, "   ",
                Column.BIRTH_DATE, "",
                Column.AGE, " ",
                Column.DEATH_DATE, " 2024-01-05 ",
                Column.DEATH_PLACE, "\u3000医院\u3000",
                Column.DIRECT_CAUSE, "",
                Column.DIRECT_CAUSE_ICD10, " C34.9 ",
                Column.OTHER_DIAGNOSES, "  "));

        assertThat(clean).isEqualTo(new DeathRow(TestIds.WOMAN_1949, "张三", null, null, null,
                LocalDate.of(2024, 1, 5), "医院", null, "C34.9", null));
    }

    @Test
    void normalisesLowerCaseCheckCharacterOfTheId() {
        String lower = TestIds.WOMAN_1949.substring(0, 17) + "x";

        assertThat(accepted(row(Column.ID_NUMBER, lower)).idNumber()).isEqualTo(TestIds.WOMAN_1949);
    }

    @Nested
    class ResidentId {

        @Test
        void rejectsRowWithBadCheckDigit() {
            assertThat(rejectionCode(row(Column.ID_NUMBER, TestIds.withBadCheck(TestIds.MAN_1950))))
                    .isEqualTo(IdRejection.BAD_CHECK_DIGIT.code());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   "})
        void rejectsRowWithoutId(String id) {
            assertThat(rejectionCode(row(Column.ID_NUMBER, id))).isEqualTo("VL-2001");
        }

        @Test
        void rejectsRowWhoseIdColumnIsAbsent() {
            Map<Column, String> row = row();
            row.remove(Column.ID_NUMBER);

            assertThat(rejectionCode(row)).isEqualTo("VL-2001");
        }

        @Test
        void rejectsRowWithIdOfWrongLength() {
            assertThat(rejectionCode(row(Column.ID_NUMBER, "11010519491231"))).isEqualTo("VL-2002");
        }

        @Test
        void rejectsRowWithLettersInTheId() {
            assertThat(rejectionCode(row(Column.ID_NUMBER, "1101051949123A002X"))).isEqualTo("VL-2003");
        }

        @Test
        void rejectsRowWithImpossibleBirthDateInTheId() {
            assertThat(rejectionCode(row(Column.ID_NUMBER, TestIds.valid("11010519491331002")))).isEqualTo("VL-2004");
        }

        @Test
        void checksTheIdBeforeAnythingElse() {
            assertThat(rejectionCode(row(Column.ID_NUMBER, "", Column.DEATH_DATE, "", Column.SEX, "x")))
                    .isEqualTo("VL-2001");
        }
    }

    @Nested
    class Sex {

        @ParameterizedTest
        @CsvSource({"M,M", "m,M", "男,M", "1,M", "male,M", "Male,M", "MALE,M",
                "F,F", "f,F", "女,F", "2,F", "female,F", "Female,F", " FEMALE ,F"})
        void normalisesKnownSpellings(String raw, String expected) {
            assertThat(accepted(row(Column.SEX, raw)).sex()).isEqualTo(expected);
        }

        @Test
        void keepsBlankSexAsNull() {
            assertThat(accepted(row(Column.SEX, "")).sex()).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"X", "0", "9", "3", "未知", "unknown", "男性", "MF", "M F"})
        void rejectsRowWithUnknownSex(String raw) {
            assertThat(rejectionCode(row(Column.SEX, raw))).isEqualTo("VL-3004");
        }
    }

    @Nested
    class Dates {

        @ParameterizedTest
        @CsvSource({"2024-01-05,2024-01-05", "2024-1-5,2024-01-05", "2024/1/5,2024-01-05", "2024/01/05,2024-01-05",
                "2024/12/31,2024-12-31", "20240105,2024-01-05", "2024-02-29,2024-02-29"})
        void acceptsTheThreeDateForms(String raw, LocalDate expected) {
            assertThat(accepted(row(Column.DEATH_DATE, raw)).deathDate()).isEqualTo(expected);
            assertThat(accepted(row(Column.BIRTH_DATE, raw, Column.DEATH_DATE, "2025-01-01")).birthDate()).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "  "})
        void rejectsRowWithoutDeathDate(String raw) {
            assertThat(rejectionCode(row(Column.DEATH_DATE, raw))).isEqualTo("VL-3001");
        }

        @Test
        void rejectsRowWhoseDeathDateColumnIsAbsent() {
            Map<Column, String> row = row();
            row.remove(Column.DEATH_DATE);

            assertThat(rejectionCode(row)).isEqualTo("VL-3001");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2024-02-30", "2023-02-29", "2024-13-01", "2024/0/5", "20241301", "2024.01.05",
                "05/01/2024", "2024-01-05 00:00:00", "2024年1月5日", "yesterday", "202415", "2024--01-05", "-2024-01-05"})
        void rejectsRowWithBadDeathDate(String raw) {
            assertThat(rejectionCode(row(Column.DEATH_DATE, raw))).isEqualTo("VL-3002");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1949-02-30", "1949/13/1", "19491232", "31.12.1949", "unknown"})
        void rejectsRowWithBadBirthDate(String raw) {
            assertThat(rejectionCode(row(Column.BIRTH_DATE, raw))).isEqualTo("VL-3003");
        }

        @Test
        void keepsBlankBirthDateAsNull() {
            assertThat(accepted(row(Column.BIRTH_DATE, " ")).birthDate()).isNull();
        }

        @Test
        void rejectsRowWhoseDeathDateIsAfterToday() {
            assertThat(rejectionCode(row(Column.DEATH_DATE, "2025-06-02"))).isEqualTo("VL-3007");
        }

        @Test
        void acceptsDeathToday() {
            assertThat(accepted(row(Column.DEATH_DATE, "2025-06-01")).deathDate()).isEqualTo(TODAY);
        }

        @Test
        void rejectsRowBornAfterDeath() {
            assertThat(rejectionCode(row(Column.BIRTH_DATE, "2024-01-06"))).isEqualTo("VL-3008");
        }

        @Test
        void acceptsBirthAndDeathOnTheSameDay() {
            assertThat(accepted(row(Column.BIRTH_DATE, "2024-01-05")).birthDate()).isEqualTo(LocalDate.of(2024, 1, 5));
        }

        @Test
        void doesNotCompareTheBirthDateColumnWithTheId() {
            // the registry's birth date column wins as given; the ID only has to be valid
            assertThat(accepted(row(Column.BIRTH_DATE, "1950-01-01")).birthDate()).isEqualTo(LocalDate.of(1950, 1, 1));
        }
    }

    @Nested
    class Age {

        @ParameterizedTest
        @CsvSource({"0,0", "74,74", " 74 ,74", "074,74", "150,150"})
        void acceptsWholeYears(String raw, int expected) {
            assertThat(accepted(row(Column.AGE, raw)).age()).isEqualTo(expected);
        }

        @Test
        void keepsBlankAgeAsNull() {
            assertThat(accepted(row(Column.AGE, "")).age()).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1", "74.5", "七十四", "74岁", "abc", "151", "99999999999", "+74", "7 4"})
        void rejectsRowWithBadAge(String raw) {
            assertThat(rejectionCode(row(Column.AGE, raw))).isEqualTo("VL-3005");
        }
    }

    @Test
    void reportsTheFirstProblemInAFixedOrder() {
        assertThat(rejectionCode(row(Column.DEATH_DATE, "bad", Column.BIRTH_DATE, "bad", Column.SEX, "x", Column.AGE, "-1")))
                .isEqualTo("VL-3002");
        assertThat(rejectionCode(row(Column.BIRTH_DATE, "bad", Column.SEX, "x", Column.AGE, "-1"))).isEqualTo("VL-3003");
        assertThat(rejectionCode(row(Column.SEX, "x", Column.AGE, "-1"))).isEqualTo("VL-3004");
    }

    @ParameterizedTest
    @EnumSource(RowRejection.class)
    void everyRowRejectionHasALoaderCodeAndAMessage(RowRejection reason) {
        assertThat(reason.code()).matches("VL-30\\d\\d");
        assertThat(reason.message()).isNotBlank();
    }

    @Test
    void rowRejectionCodesAreUnique() {
        assertThat(java.util.Arrays.stream(RowRejection.values()).map(RowRejection::code)).doesNotHaveDuplicates();
        assertThat(java.util.Arrays.stream(LoadFailure.values()).map(LoadFailure::code)).doesNotHaveDuplicates()
                .allMatch(code -> code.matches("VL-31\\d\\d"));
    }

    @Test
    void rowToStringHidesIdAndName() {
        DeathRow clean = accepted(row(Column.NAME, "张三"));

        assertThat(clean.toString()).doesNotContain(TestIds.WOMAN_1949).doesNotContain("张三").contains("2024-01-05");
    }
}
