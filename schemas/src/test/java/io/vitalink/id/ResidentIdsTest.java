package io.vitalink.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResidentIdsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @ParameterizedTest
    @ValueSource(strings = {"11010519491231002X", "440524188001010014", "110101200001010010"})
    void acceptsWellFormedIds(String id) {
        assertThat(ResidentIds.check(id, TODAY)).isEqualTo(new IdCheck.Valid(id));
    }

    @Test
    void upperCasesTrailingLowerCaseX() {
        assertThat(ResidentIds.check("11010519491231002x", TODAY)).isEqualTo(new IdCheck.Valid("11010519491231002X"));
    }

    @Test
    void trimsSurroundingWhitespace() {
        assertThat(ResidentIds.check("  440524188001010014\t", TODAY)).isEqualTo(new IdCheck.Valid("440524188001010014"));
    }

    static Stream<Arguments> everyWrongCheckCharacter() {
        String body = "11010519491231002";
        return "0123456789X".chars()
                .mapToObj(c -> (char) c)
                .filter(c -> c != 'X')
                .map(c -> Arguments.of(body + c));
    }

    @ParameterizedTest
    @MethodSource("everyWrongCheckCharacter")
    void rejectsIdWithBadCheckDigit(String id) {
        assertThat(ResidentIds.check(id, TODAY)).isEqualTo(new IdCheck.Invalid(IdRejection.BAD_CHECK_DIGIT));
    }

    @Test
    void rejectsEveryCheckCharacterButTheRightOneForManyBodies() {
        for (int i = 0; i < 500; i++) {
            String body = String.format("3201061985%02d%02d%03d", 1 + i % 12, 1 + i % 28, i);
            char right = ResidentIds.checkCharacter(body);
            for (char c : "0123456789X".toCharArray()) {
                IdCheck expected = c == right
                        ? new IdCheck.Valid(body + c)
                        : new IdCheck.Invalid(IdRejection.BAD_CHECK_DIGIT);
                assertThat(ResidentIds.check(body + c, TODAY)).as(body + c).isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1101051949123100", "11010519491231002X1", "X", "44052418800101001"})
    void rejectsIdOfWrongLength(String id) {
        assertThat(ResidentIds.check(id, TODAY)).isEqualTo(new IdCheck.Invalid(IdRejection.WRONG_LENGTH));
    }

    @ParameterizedTest
    @ValueSource(strings = {"11010519491231002Y", "1101051949123100AX", "1101051949123100.X", "11010519491231002Ｙ"})
    void rejectsIdWithCharactersOtherThanDigitsAndX(String id) {
        assertThat(ResidentIds.check(id, TODAY)).isEqualTo(new IdCheck.Invalid(IdRejection.BAD_CHARACTERS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"19491331", "19490230", "20270101", "18791231", "00000000", "19490001"})
    void rejectsIdWithImpossibleBirthDate(String birth) {
        String body = "110105" + birth + "002";
        String id = body + ResidentIds.checkCharacter(body);
        assertThat(ResidentIds.check(id, TODAY)).isEqualTo(new IdCheck.Invalid(IdRejection.BAD_BIRTH_DATE));
    }

    @Test
    void acceptsBirthOnTodayButNotTomorrow() {
        String today = "110105" + "20261123" + "002";
        String tomorrow = "110105" + "20261124" + "002";
        assertThat(ResidentIds.check(today + ResidentIds.checkCharacter(today), TODAY)).isInstanceOf(IdCheck.Valid.class);
        assertThat(ResidentIds.check(tomorrow + ResidentIds.checkCharacter(tomorrow), TODAY))
                .isEqualTo(new IdCheck.Invalid(IdRejection.BAD_BIRTH_DATE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void reportsMissingIdForBlankInput(String id) {
        assertThat(ResidentIds.check(id, TODAY)).isEqualTo(new IdCheck.Invalid(IdRejection.MISSING));
    }

    @Test
    void reportsMissingIdForNull() {
        assertThat(ResidentIds.check(null, TODAY)).isEqualTo(new IdCheck.Invalid(IdRejection.MISSING));
    }

    @Test
    void readsBirthDateFromId() {
        assertThat(ResidentIds.birthDate("11010519491231002X")).isEqualTo(LocalDate.of(1949, 12, 31));
    }

    @Test
    void refusesToComputeCheckCharacterOverNonDigits() {
        assertThatThrownBy(() -> ResidentIds.checkCharacter("1101051949123100A"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectionCodesAreDistinctAndWellFormed() {
        assertThat(Stream.of(IdRejection.values()).map(IdRejection::code))
                .doesNotHaveDuplicates()
                .allMatch(code -> code.matches("VL-\\d{4}"));
    }
    @Test
    void foldsFullWidthDigitsAndLetters() {
        assertThat(ResidentIds.check("１１０１０５１９４９１２３１００２ｘ", TODAY)).isEqualTo(new IdCheck.Valid("11010519491231002X"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"110105 19491231 002X", "110105-19491231-002X", "110105\u300019491231\u2014002X",
            "\uFEFF11010519491231002X"})
    void removesSpacesAndHyphensInside(String id) {
        assertThat(ResidentIds.check(id, TODAY)).isEqualTo(new IdCheck.Valid("11010519491231002X"));
    }

    @Test
    void convertsLegacyFifteenDigitIdToEighteen() {
        // 110105 491231 002 -> 110105 19491231 002 + check character
        assertThat(ResidentIds.toEighteen("110105491231002")).isEqualTo("11010519491231002X");
        assertThat(ResidentIds.check("110105491231002", TODAY)).isEqualTo(new IdCheck.Valid("11010519491231002X"));
    }

    @Test
    void rejectsLegacyIdWithLetters() {
        assertThat(ResidentIds.check("11010549123100X", TODAY)).isEqualTo(new IdCheck.Invalid(IdRejection.BAD_CHARACTERS));
    }

    @Test
    void rejectsLegacyIdWithImpossibleBirthDate() {
        assertThat(ResidentIds.check("110105491331002", TODAY)).isEqualTo(new IdCheck.Invalid(IdRejection.BAD_BIRTH_DATE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"00", "10", "16", "20", "24", "30", "38", "40", "47", "55", "60", "66", "70", "72", "80", "83", "99"})
    void rejectsIdOutsideProvinceLevelRegions(String province) {
        String body = province + "0105" + "19491231" + "002";
        assertThat(ResidentIds.check(body + ResidentIds.checkCharacter(body), TODAY))
                .isEqualTo(new IdCheck.Invalid(IdRejection.BAD_REGION));
    }

    @ParameterizedTest
    @ValueSource(strings = {"11", "15", "23", "37", "46", "54", "65", "71", "81", "82"})
    void acceptsEveryKindOfProvinceLevelRegion(String province) {
        String body = province + "0105" + "19491231" + "002";
        assertThat(ResidentIds.check(body + ResidentIds.checkCharacter(body), TODAY)).isInstanceOf(IdCheck.Valid.class);
    }

    @Test
    void readsSexFromSeventeenthDigit() {
        assertThat(ResidentIds.sex("11010519491231002X")).isEqualTo("F");
        assertThat(ResidentIds.sex("440524188001010014")).isEqualTo("M");
    }

    @Test
    void refusesToConvertAnythingButFifteenDigits() {
        assertThatThrownBy(() -> ResidentIds.toEighteen("11010549123100X")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResidentIds.toEighteen("1101054912310")).isInstanceOf(IllegalArgumentException.class);
    }
}
