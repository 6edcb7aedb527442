package io.vitalink.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.CauseLine;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultFieldsTest {

    static MatchResult linked() {
        return MatchResult.newBuilder().setJobId("job").setRecordId("r1").setOutcome(Outcome.MATCHED)
                .setDeathDate(LocalDate.of(2020, 5, 6)).setDeathPlace("医院").setDirectCause("呼吸衰竭")
                .setDirectCauseIcd10("J96.9").setDirectCauseInterval("5天")
                .setAntecedentCauses(List.of(CauseLine.newBuilder().setText("肺恶性肿瘤").setIcd10("C34.9").build()))
                .setOtherDiagnoses("2型糖尿病").setOtherConditions(List.of())
                .setUnderlyingCause("肺恶性肿瘤").setUnderlyingCauseIcd10("C34.9").setUnderlyingCauseChapter("II")
                .setMatchRule("ID_EXACT").setScore(1.0).setLinkedId("11010519491231002X").setDecidedAt(Instant.EPOCH).build();
    }

    @Test
    void keepsOnlyVitalStatusAndDeathDateWhenOnlyTheyAreApproved() {
        MatchResult kept = ResultFields.keep(linked(), EnumSet.of(FieldGroup.DEATH_DATE));

        assertThat(kept.getDeathDate()).isEqualTo(LocalDate.of(2020, 5, 6));
        assertThat(kept.getOutcome()).isEqualTo(Outcome.MATCHED);
        assertThat(kept.getLinkedId()).isEqualTo("11010519491231002X");
        assertThat(kept.getMatchRule()).isEqualTo("ID_EXACT");
        assertThat(kept).extracting(MatchResult::getDeathPlace, MatchResult::getDirectCause, MatchResult::getDirectCauseIcd10,
                        MatchResult::getDirectCauseInterval, MatchResult::getAntecedentCauses, MatchResult::getOtherDiagnoses,
                        MatchResult::getOtherConditions, MatchResult::getUnderlyingCause, MatchResult::getUnderlyingCauseIcd10,
                        MatchResult::getUnderlyingCauseChapter)
                .containsOnlyNulls();
    }

    @Test
    void keepsThePlaceButNoCauseWhenPlaceIsApproved() {
        MatchResult kept = ResultFields.keep(linked(), EnumSet.of(FieldGroup.DEATH_DATE, FieldGroup.PLACE));

        assertThat(kept.getDeathPlace()).isEqualTo("医院");
        assertThat(kept.getUnderlyingCauseChapter()).isNull();
        assertThat(kept.getDirectCause()).isNull();
    }

    @Test
    void keepsEveryCauseButNoPlaceWhenCausesAreApproved() {
        MatchResult kept = ResultFields.keep(linked(), EnumSet.of(FieldGroup.DEATH_DATE, FieldGroup.CAUSES));

        assertThat(kept.getDeathPlace()).isNull();
        assertThat(kept).usingRecursiveComparison().ignoringFields("deathPlace").isEqualTo(linked());
    }

    @Test
    void returnsTheSameResultWhenEverythingIsApprovedOrThereIsNoDeath() {
        MatchResult all = linked();
        MatchResult notFound = MatchResult.newBuilder().setJobId("job").setRecordId("r2").setOutcome(Outcome.NOT_FOUND)
                .setDecidedAt(Instant.EPOCH).build();

        assertThat(ResultFields.keep(all, EnumSet.allOf(FieldGroup.class))).isSameAs(all);
        assertThat(ResultFields.keep(notFound, EnumSet.of(FieldGroup.DEATH_DATE))).isSameAs(notFound);
    }
}
