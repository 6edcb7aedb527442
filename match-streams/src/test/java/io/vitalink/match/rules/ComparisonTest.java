package io.vitalink.match.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vitalink.avro.DeathRecord;
import io.vitalink.avro.MatchRequest;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComparisonTest {

    private static final LocalDate BIRTH = LocalDate.of(1949, 12, 31);

    @Test
    void isConsistentWhenEveryKnownFieldAgrees() {
        Comparison comparison = Comparison.of(request("王伟", "M", BIRTH), death("王伟", "M", BIRTH));

        assertThat(comparison.consistent()).isTrue();
        assertThat(comparison.score()).isEqualTo(1.0);
        assertThat(comparison.nameSimilarity()).isEqualTo(1.0);
    }

    @Test
    void comparesNamesAfterNormalisation() {
        Comparison comparison = Comparison.of(request(" 王 伟 ", "m", BIRTH), death("王伟", "男", BIRTH));

        assertThat(comparison.discrepancies()).isEmpty();
    }

    @Test
    void flagsEachDisagreeingField() {
        Comparison comparison = Comparison.of(request("王伟", "F", BIRTH.plusDays(1)), death("王卫", "M", BIRTH));

        assertThat(comparison.discrepancies()).containsExactly(Comparison.NAME, Comparison.SEX, Comparison.BIRTH_DATE);
        assertThat(comparison.nameSimilarity()).isBetween(0.0, 0.99);
        assertThat(comparison.score()).isCloseTo(comparison.nameSimilarity() / 3, within(1e-9));
    }

    @Test
    void givesPartialNameSimilarityForATypo() {
        Comparison comparison = Comparison.of(request("欧阳娜娜", null, null), death("欧阳那娜", null, null));

        assertThat(comparison.discrepancies()).containsExactly(Comparison.NAME);
        assertThat(comparison.nameSimilarity()).isGreaterThan(0.8).isLessThan(1.0);
    }

    @Test
    void comparesOnlyFieldsBothSidesKnow() {
        Comparison comparison = Comparison.of(request(null, "U", null), death("王伟", "M", BIRTH));

        assertThat(comparison.consistent()).isTrue();
        assertThat(comparison.nameSimilarity()).isNull();
        assertThat(comparison.score()).isEqualTo(1.0);
    }

    @ParameterizedTest
    @CsvSource({"M,M", "m,M", "male,M", "男,M", "1,M", "F,F", "female,F", "女,F", "2,F"})
    void readsSexInItsCommonSpellings(String raw, String expected) {
        assertThat(io.vitalink.id.Sex.normalise(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"U", "'  '", "x", "9"})
    void doesNotCompareUnknownSex(String raw) {
        assertThat(io.vitalink.id.Sex.normalise(raw)).isNull();
    }

    private static MatchRequest request(String name, String sex, LocalDate birth) {
        return MatchRequest.newBuilder().setJobId("j").setRecordId("r").setName(name).setSex(sex).setBirthDate(birth).build();
    }

    private static DeathRecord death(String name, String sex, LocalDate birth) {
        return DeathRecord.newBuilder().setIdNumber("11010519491231002X").setName(name).setSex(sex).setBirthDate(birth)
                .setDeathDate(LocalDate.of(2024, 1, 1)).setLoadedAt(Instant.EPOCH).build();
    }
}
