package io.vitalink.loader;

import static io.vitalink.loader.CleanedRows.accepted;
import static io.vitalink.loader.CleanedRows.rejectionCode;
import static io.vitalink.loader.CleanedRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.id.IdRejection;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RowCleanerTest {

    private static final LocalDate TODAY = CleanedRows.TODAY;
    private static final LocalDate W_BIRTH = LocalDate.of(1949, 12, 31);

    /** A passport holder (no birth date or sex in the number) who died 2024-01-05, plus the given columns. */
    private static Map<Column, String> passportRow(Object... columnsAndValues) {
        Object[] all = new Object[columnsAndValues.length + 4];
        all[0] = Column.ID_TYPE;
        all[1] = "PASSPORT";
        all[2] = Column.ID_NUMBER;
        all[3] = "E12345678";
        System.arraycopy(columnsAndValues, 0, all, 4, columnsAndValues.length);
        return row(all);
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

        assertThat(clean).isEqualTo(new DeathRow(TestIds.WOMAN_1949, "张三", "F", W_BIRTH, 74,
                LocalDate.of(2024, 1, 5), "家中", "肺癌", "C34.9", "高血压, 糖尿病"));
    }

    @Test
    void acceptsRowWithOnlyTheRequiredColumnsAndTakesBirthDateAndSexFromTheResidentId() {
        Map<Column, String> row = new EnumMap<>(Column.class);
        row.put(Column.ID_NUMBER, TestIds.MAN_1950);
        row.put(Column.DEATH_DATE, "20240105");

        assertThat(accepted(row)).isEqualTo(new DeathRow(TestIds.MAN_1950, null, "M", LocalDate.of(1950, 3, 7), null,
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
                Column.OTHER_DIAGNOSES, "  ",
                Column.ID_TYPE, " "));

        assertThat(clean).isEqualTo(new DeathRow(TestIds.WOMAN_1949, "张三", "F", W_BIRTH, null,
                LocalDate.of(2024, 1, 5), "医院", null, "C34.9", null));
    }

    @Test
    void normalisesLowerCaseCheckCharacterOfTheId() {
        String lower = TestIds.WOMAN_1949.substring(0, 17) + "x";

        assertThat(accepted(row(Column.ID_NUMBER, lower)).idNumber()).isEqualTo(TestIds.WOMAN_1949);
    }

    @Test
    void normalisesFullWidthDigitsSpacesAndHyphensInTheId() {
        String w = TestIds.WOMAN_1949;
        String messy = "１１０１０５ " + w.substring(6, 10) + "-" + w.substring(10, 14) + "\u3000" + w.substring(14, 17) + "x";

        assertThat(accepted(row(Column.ID_NUMBER, messy)).idNumber()).isEqualTo(w);
    }

    @Test
    void keysALegacyFifteenDigitIdByItsEighteenCharacterForm() {
        DeathRow clean = accepted(row(Column.ID_NUMBER, "110105491231002"));

        assertThat(clean.idNumber()).isEqualTo(TestIds.WOMAN_1949);
        assertThat(clean.birthDate()).isEqualTo(W_BIRTH);
        assertThat(clean.sex()).isEqualTo("F");
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
        void rejectsRowWhoseIdHasNoProvinceCode() {
            assertThat(rejectionCode(row(Column.ID_NUMBER, TestIds.valid("99010519491231002")))).isEqualTo("VL-2006");
        }

        @Test
        void checksTheIdBeforeAnythingElse() {
            assertThat(rejectionCode(row(Column.ID_NUMBER, "", Column.DEATH_DATE, "", Column.SEX, "x",
                    Column.DIRECT_CAUSE_ICD10, "bad"))).isEqualTo("VL-2001");
        }
    }

    @Nested
    class IdTypes {

        @ParameterizedTest
        @ValueSource(strings = {"PASSPORT", "passport", "护照", " Passport "})
        void keysAPassportByTypeAndNormalisedNumber(String type) {
            DeathRow clean = accepted(row(Column.ID_TYPE, type, Column.ID_NUMBER, " e1234-5678 "));

            assertThat(clean.idNumber()).isEqualTo("PASSPORT:E12345678");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "RESIDENT_ID", "居民身份证", "身份证", "id card"})
        void keysAResidentIdByItsBareEighteenCharacters(String type) {
            assertThat(accepted(row(Column.ID_TYPE, type)).idNumber()).isEqualTo(TestIds.WOMAN_1949);
        }

        @Test
        void keysAnHongKongMacaoPermitByTypeAndNumber() {
            assertThat(accepted(row(Column.ID_TYPE, "港澳居民来往内地通行证", Column.ID_NUMBER, "H12345678")).idNumber())
                    .isEqualTo("HK_MACAO_PERMIT:H12345678");
        }

        @Test
        void rejectsRowWithUnknownIdType() {
            assertThat(rejectionCode(row(Column.ID_TYPE, "driving licence"))).isEqualTo(IdRejection.UNKNOWN_ID_TYPE.code());
        }

        @Test
        void rejectsRowWithMalformedPassportNumber() {
            assertThat(rejectionCode(row(Column.ID_TYPE, "PASSPORT", Column.ID_NUMBER, "ABCDEFGH")))
                    .isEqualTo(IdRejection.BAD_PASSPORT_NUMBER.code());
        }

        @Test
        void keysByTheGivenTypeEvenWhenTheNumberLooksLikeAResidentId() {
            // a resident ID typed as passport is a valid passport number: its key keeps the passport prefix
            assertThat(accepted(row(Column.ID_TYPE, "PASSPORT")).idNumber()).isEqualTo("PASSPORT:" + TestIds.WOMAN_1949);
        }

        @Test
        void leavesBirthDateAndSexBlankForOtherDocuments() {
            DeathRow clean = accepted(passportRow());

            assertThat(clean.birthDate()).isNull();
            assertThat(clean.sex()).isNull();
        }

        @Test
        void takesBirthDateAndSexAsGivenForOtherDocuments() {
            DeathRow clean = accepted(passportRow(Column.BIRTH_DATE, "1950-01-01", Column.SEX, "男"));

            assertThat(clean.birthDate()).isEqualTo(LocalDate.of(1950, 1, 1));
            assertThat(clean.sex()).isEqualTo("M");
        }
    }

    @Nested
    class Sex {

        @ParameterizedTest
        @CsvSource({"M,M", "m,M", "男,M", "1,M", "male,M", "Male,M", "MALE,M",
                "F,F", "f,F", "女,F", "2,F", "female,F", "Female,F", " FEMALE ,F"})
        void normalisesKnownSpellings(String raw, String expected) {
            String id = TestIds.bornOn(W_BIRTH, expected.equals("M"));

            assertThat(accepted(row(Column.ID_NUMBER, id, Column.SEX, raw)).sex()).isEqualTo(expected);
        }

        @Test
        void takesBlankSexFromTheResidentId() {
            assertThat(accepted(row(Column.SEX, "")).sex()).isEqualTo("F");
            assertThat(accepted(row(Column.ID_NUMBER, TestIds.MAN_1950, Column.SEX, " ")).sex()).isEqualTo("M");
        }

        @ParameterizedTest
        @ValueSource(strings = {"X", "0", "9", "3", "未知", "unknown", "男性", "MF", "M F"})
        void rejectsRowWithUnknownSex(String raw) {
            assertThat(rejectionCode(row(Column.SEX, raw))).isEqualTo("VL-3004");
        }

        @Test
        void rejectsManInTheSexColumnWhenTheResidentIdIsAWomans() {
            assertThat(rejectionCode(row(Column.SEX, "男"))).isEqualTo("VL-3011");
        }

        @Test
        void rejectsWomanInTheSexColumnWhenTheResidentIdIsAMans() {
            assertThat(rejectionCode(row(Column.ID_NUMBER, TestIds.MAN_1962, Column.SEX, "F"))).isEqualTo("VL-3011");
        }

        @Test
        void readsTheSexOfALegacyIdFromItsLastDigit() {
            // 15 digits: sequence 001 (odd) → man
            assertThat(rejectionCode(row(Column.ID_NUMBER, "440304500307001", Column.SEX, "女"))).isEqualTo("VL-3011");
            assertThat(accepted(row(Column.ID_NUMBER, "440304500307001", Column.SEX, "男")).idNumber()).isEqualTo(TestIds.MAN_1950);
        }
    }

    @Nested
    class Dates {

        @ParameterizedTest
        @CsvSource({"2024-01-05,2024-01-05", "2024-1-5,2024-01-05", "2024/1/5,2024-01-05", "2024/01/05,2024-01-05",
                "2024/12/31,2024-12-31", "20240105,2024-01-05", "2024-02-29,2024-02-29"})
        void acceptsTheThreeDateForms(String raw, LocalDate expected) {
            assertThat(accepted(row(Column.DEATH_DATE, raw)).deathDate()).isEqualTo(expected);
            assertThat(accepted(row(Column.ID_NUMBER, TestIds.bornOn(expected, false), Column.BIRTH_DATE, raw,
                    Column.DEATH_DATE, "2025-01-01")).birthDate()).isEqualTo(expected);
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
        void takesBlankBirthDateFromTheResidentId() {
            assertThat(accepted(row(Column.BIRTH_DATE, " ")).birthDate()).isEqualTo(W_BIRTH);
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
        void rejectsRowWhoseResidentIdIsBornAfterTheDeathDate() {
            assertThat(rejectionCode(row(Column.DEATH_DATE, "1949-12-30"))).isEqualTo("VL-3008");
        }

        @Test
        void acceptsBirthAndDeathOnTheSameDay() {
            LocalDate day = LocalDate.of(2024, 1, 5);

            assertThat(accepted(row(Column.ID_NUMBER, TestIds.bornOn(day, true), Column.BIRTH_DATE, "2024-01-05", Column.AGE, "0"))
                    .birthDate()).isEqualTo(day);
        }

        @ParameterizedTest
        @ValueSource(strings = {"1949-12-30", "1950-01-01", "1950-12-31", "1948-12-31"})
        void rejectsRowWhoseBirthDateDiffersFromTheResidentId(String birth) {
            assertThat(rejectionCode(row(Column.BIRTH_DATE, birth))).isEqualTo("VL-3010");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1949-12-31", "19491231", "1949/12/31"})
        void acceptsBirthDateEqualToTheResidentIdsInAnyForm(String birth) {
            assertThat(accepted(row(Column.BIRTH_DATE, birth)).birthDate()).isEqualTo(W_BIRTH);
        }
    }

    @Nested
    class Age {

        @ParameterizedTest
        @CsvSource({"0,0", "74,74", " 74 ,74", "074,74", "150,150"})
        void acceptsWholeYearsWhenThereIsNoBirthDateToCompare(String raw, int expected) {
            assertThat(accepted(passportRow(Column.AGE, raw)).age()).isEqualTo(expected);
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

        @ParameterizedTest
        @ValueSource(strings = {"73", "74", "75"})
        void acceptsAgeWithinOneYearOfTheFullYearsFromBirthToDeath(String age) {
            // 1949-12-31 → 2024-01-05: 74 full years
            assertThat(accepted(row(Column.BIRTH_DATE, "1949-12-31", Column.AGE, age)).age()).isEqualTo(Integer.valueOf(age));
        }

        @ParameterizedTest
        @ValueSource(strings = {"72", "76", "0", "150"})
        void rejectsAgeMoreThanOneYearFromTheFullYearsFromBirthToDeath(String age) {
            assertThat(rejectionCode(row(Column.BIRTH_DATE, "1949-12-31", Column.AGE, age))).isEqualTo("VL-3009");
        }

        @Test
        void comparesTheAgeWithTheBirthDateTakenFromTheResidentId() {
            assertThat(rejectionCode(row(Column.AGE, "30"))).isEqualTo("VL-3009");
            assertThat(accepted(row(Column.AGE, "75")).age()).isEqualTo(75);
        }

        @Test
        void comparesTheAgeWithTheBirthDateColumnForOtherDocuments() {
            assertThat(rejectionCode(passportRow(Column.BIRTH_DATE, "1950-01-01", Column.AGE, "60"))).isEqualTo("VL-3009");
            assertThat(accepted(passportRow(Column.BIRTH_DATE, "1950-01-01", Column.AGE, "74")).age()).isEqualTo(74);
        }

        @Test
        void countsFullYearsByBirthdays() {
            assertThat(RowCleaner.fullYears(W_BIRTH, LocalDate.of(2024, 12, 30))).isEqualTo(74);
            assertThat(RowCleaner.fullYears(W_BIRTH, LocalDate.of(2024, 12, 31))).isEqualTo(75);
            assertThat(RowCleaner.fullYears(LocalDate.of(2000, 2, 29), LocalDate.of(2001, 2, 28))).isZero();
            assertThat(RowCleaner.fullYears(LocalDate.of(2000, 2, 29), LocalDate.of(2001, 3, 1))).isEqualTo(1);
            assertThat(RowCleaner.fullYears(W_BIRTH, W_BIRTH)).isZero();
        }

        @Test
        void fitsAgeOnTheEdgesOfTheTolerance() {
            LocalDate death = LocalDate.of(2024, 12, 30); // 74 full years
            assertThat(RowCleaner.ageFits(73, W_BIRTH, death)).isTrue();
            assertThat(RowCleaner.ageFits(75, W_BIRTH, death)).isTrue();
            assertThat(RowCleaner.ageFits(72, W_BIRTH, death)).isFalse();
            assertThat(RowCleaner.ageFits(76, W_BIRTH, death)).isFalse();
        }
    }

    @Nested
    class Icd10 {

        @ParameterizedTest
        @CsvSource({"C34,C34", "C34.9,C34.9", "I21.0,I21.0", "U07.1,U07.1", "c34.9,C34.9", "C349,C34.9", "c349,C34.9",
                "' C34.9 ',C34.9", "I21.01,I21.01", "I2101,I21.01", "Ｃ３４．９,C34.9", "j18.9,J18.9"})
        void normalisesValidCodes(String raw, String expected) {
            assertThat(accepted(row(Column.DIRECT_CAUSE_ICD10, raw)).directCauseIcd10()).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "  "})
        void keepsBlankCodeAsNull(String raw) {
            assertThat(accepted(row(Column.DIRECT_CAUSE_ICD10, raw)).directCauseIcd10()).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"C3", "34.9", "C34.", "C34.901", "C34901", "CC34", "C34-9", "C 34.9", "C34 .9", "肺癌",
                "C34.9†", "C34,9", ".9", "C34..9", "3C4.9"})
        void rejectsMalformedCodes(String raw) {
            assertThat(rejectionCode(row(Column.DIRECT_CAUSE_ICD10, raw))).isEqualTo("VL-3012");
        }

        @Test
        void normalisesWithoutARow() {
            assertThat(RowCleaner.normaliseIcd10("c349")).contains("C34.9");
            assertThat(RowCleaner.normaliseIcd10(null)).isEmpty();
            assertThat(RowCleaner.normaliseIcd10("C34.901")).isEmpty();
        }
    }

    @Test
    void reportsTheFirstProblemInAFixedOrder() {
        assertThat(rejectionCode(row(Column.DEATH_DATE, "bad", Column.BIRTH_DATE, "bad", Column.SEX, "x", Column.AGE, "-1")))
                .isEqualTo("VL-3002");
        assertThat(rejectionCode(row(Column.BIRTH_DATE, "bad", Column.SEX, "x", Column.AGE, "-1"))).isEqualTo("VL-3003");
        assertThat(rejectionCode(row(Column.BIRTH_DATE, "2024-02-01", Column.SEX, "男", Column.AGE, "3")))
                .isEqualTo("VL-3008");
        assertThat(rejectionCode(row(Column.BIRTH_DATE, "1950-01-01", Column.SEX, "男", Column.AGE, "3")))
                .isEqualTo("VL-3010");
        assertThat(rejectionCode(row(Column.SEX, "x", Column.AGE, "-1"))).isEqualTo("VL-3004");
        assertThat(rejectionCode(row(Column.SEX, "男", Column.AGE, "3", Column.DIRECT_CAUSE_ICD10, "bad"))).isEqualTo("VL-3011");
        assertThat(rejectionCode(row(Column.AGE, "-1", Column.DIRECT_CAUSE_ICD10, "bad"))).isEqualTo("VL-3005");
        assertThat(rejectionCode(row(Column.AGE, "3", Column.DIRECT_CAUSE_ICD10, "bad"))).isEqualTo("VL-3009");
    }

    @ParameterizedTest
    @EnumSource(RowRejection.class)
    void everyRowRejectionHasALoaderCodeAndAMessage(RowRejection reason) {
        assertThat(reason.code()).matches("VL-30\\d\\d");
        assertThat(reason.message()).isNotBlank();
    }

    @Test
    void rowRejectionCodesAreNumberedInDeclarationOrderWithoutGaps() {
        // codes are only ever appended: a renumbered or reused code breaks this
        RowRejection[] reasons = RowRejection.values();
        for (int i = 0; i < reasons.length; i++) {
            assertThat(reasons[i].code()).as(reasons[i].name()).isEqualTo(String.format("VL-30%02d", i + 1));
        }
        LoadFailure[] failures = LoadFailure.values();
        for (int i = 0; i < failures.length; i++) {
            assertThat(failures[i].code()).as(failures[i].name()).isEqualTo(String.format("VL-31%02d", i + 1));
        }
    }

    @Test
    void rowRejectionCodesAreUnique() {
        assertThat(Arrays.stream(RowRejection.values()).map(RowRejection::code)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(LoadFailure.values()).map(LoadFailure::code)).doesNotHaveDuplicates();
    }

    @Test
    void rowToStringHidesIdAndName() {
        DeathRow clean = accepted(row(Column.NAME, "张三"));

        assertThat(clean.toString()).doesNotContain(TestIds.WOMAN_1949).doesNotContain("张三").contains("2024-01-05");
    }
}
