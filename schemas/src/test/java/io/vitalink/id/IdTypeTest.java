package io.vitalink.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdTypeTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @ParameterizedTest
    @CsvSource({"passport,PASSPORT", "Hk-Macao Permit,HK_MACAO_PERMIT", "护照,PASSPORT", "居民身份证,RESIDENT_ID",
            "' taiwan_permit ',TAIWAN_PERMIT", "外国人永久居留身份证,FOREIGNER_PERMANENT_RESIDENT", "ID_CARD,RESIDENT_ID"})
    void readsTypeNamesLeniently(String raw, IdType type) {
        assertThat(IdType.parse(raw)).contains(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void defaultsToResidentId(String raw) {
        assertThat(IdType.parse(raw)).contains(IdType.RESIDENT_ID);
        assertThat(IdType.parse(null)).contains(IdType.RESIDENT_ID);
    }

    @Test
    void reportsUnknownType() {
        assertThat(IdType.parse("library card")).isEqualTo(Optional.empty());
        assertThat(ResidentIds.check("E12345678", "library card", TODAY))
                .isEqualTo(new IdCheck.Invalid(IdRejection.UNKNOWN_ID_TYPE));
    }

    @Test
    void keysOtherDocumentsByTypeSoTheyNeverEqualAResidentId() {
        assertThat(ResidentIds.check("e 1234-5678", "PASSPORT", TODAY)).isEqualTo(new IdCheck.Valid("PASSPORT:E12345678"));
        assertThat(ResidentIds.check("11010519491231002X", "PASSPORT", TODAY))
                .isEqualTo(new IdCheck.Valid("PASSPORT:11010519491231002X"));
        assertThat(ResidentIds.check("11010519491231002X", null, TODAY)).isEqualTo(new IdCheck.Valid("11010519491231002X"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABCDE", "1234", "E1234567890123456789X", "E123*4567"})
    void rejectsMalformedPassportNumber(String number) {
        assertThat(IdType.PASSPORT.check(number, TODAY)).isEqualTo(new IdCheck.Invalid(IdRejection.BAD_PASSPORT_NUMBER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"H12345678", "M1234567890", "ｈ12345678"})
    void acceptsHongKongAndMacaoPermits(String number) {
        assertThat(IdType.HK_MACAO_PERMIT.check(number, TODAY)).isInstanceOf(IdCheck.Valid.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"A12345678", "H1234567", "H123456789", "12345678"})
    void rejectsMalformedHongKongAndMacaoPermits(String number) {
        assertThat(IdType.HK_MACAO_PERMIT.check(number, TODAY))
                .isEqualTo(new IdCheck.Invalid(IdRejection.BAD_HK_MACAO_PERMIT_NUMBER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678", "1234567890", "A123456789"})
    void acceptsTaiwanPermits(String number) {
        assertThat(IdType.TAIWAN_PERMIT.check(number, TODAY)).isEqualTo(new IdCheck.Valid("TAIWAN_PERMIT:" + number));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567", "123456789", "AB12345678"})
    void rejectsMalformedTaiwanPermits(String number) {
        assertThat(IdType.TAIWAN_PERMIT.check(number, TODAY))
                .isEqualTo(new IdCheck.Invalid(IdRejection.BAD_TAIWAN_PERMIT_NUMBER));
    }

    @Test
    void acceptsBothFormsOfForeignerPermanentResidentId() {
        String body = "91115619850101001";
        String id2023 = body + ResidentIds.checkCharacter(body);
        assertThat(IdType.FOREIGNER_PERMANENT_RESIDENT.check(id2023, TODAY))
                .isEqualTo(new IdCheck.Valid("FOREIGNER_PERMANENT_RESIDENT:" + id2023));
        assertThat(IdType.FOREIGNER_PERMANENT_RESIDENT.check("USA110085010112", TODAY)).isInstanceOf(IdCheck.Valid.class);
    }

    @Test
    void rejectsForeignerPermanentResidentIdWithBadCheckDigit() {
        String body = "91115619850101001";
        char wrong = ResidentIds.checkCharacter(body) == '0' ? '1' : '0';
        assertThat(IdType.FOREIGNER_PERMANENT_RESIDENT.check(body + wrong, TODAY))
                .isEqualTo(new IdCheck.Invalid(IdRejection.BAD_PERMANENT_RESIDENT_CHECK_DIGIT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"US110085010112", "811156198501010012", "USA11008501011"})
    void rejectsMalformedForeignerPermanentResidentId(String number) {
        assertThat(IdType.FOREIGNER_PERMANENT_RESIDENT.check(number, TODAY))
                .isEqualTo(new IdCheck.Invalid(IdRejection.BAD_PERMANENT_RESIDENT_NUMBER));
    }

    @Test
    void reportsMissingNumberForEveryType() {
        for (IdType type : IdType.values()) {
            assertThat(type.check(" - ", TODAY)).as(type.name()).isEqualTo(new IdCheck.Invalid(IdRejection.MISSING));
        }
    }
}
