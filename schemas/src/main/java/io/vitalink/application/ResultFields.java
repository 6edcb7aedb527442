package io.vitalink.application;

import io.vitalink.avro.MatchResult;
import java.util.Set;

/** A result cut down to the field groups a job's application approved. Plain Java. */
public final class ResultFields {

    private ResultFields() {
    }

    /**
     * {@code result} without the death-side fields of the groups not in {@code approved}; the same instance when
     * nothing is to be removed (every group approved, or the result carries no death data).
     */
    public static MatchResult keep(MatchResult result, Set<FieldGroup> approved) {
        boolean causes = approved.contains(FieldGroup.CAUSES);
        boolean place = approved.contains(FieldGroup.PLACE);
        boolean date = approved.contains(FieldGroup.DEATH_DATE);
        if (causes && place && date || !carriesDeathData(result)) {
            return result;
        }
        MatchResult.Builder kept = MatchResult.newBuilder(result);
        if (!date) {
            kept.setDeathDate(null);
        }
        if (!place) {
            kept.setDeathPlace(null);
        }
        if (!causes) {
            kept.setDirectCause(null).setDirectCauseIcd10(null).setDirectCauseInterval(null)
                    .setAntecedentCauses(null).setOtherDiagnoses(null).setOtherConditions(null)
                    .setUnderlyingCause(null).setUnderlyingCauseIcd10(null).setUnderlyingCauseChapter(null);
        }
        return kept.build();
    }

    private static boolean carriesDeathData(MatchResult r) {
        return r.getDeathDate() != null || r.getDeathPlace() != null || r.getDirectCause() != null
                || r.getDirectCauseIcd10() != null || r.getDirectCauseInterval() != null || r.getAntecedentCauses() != null
                || r.getOtherDiagnoses() != null || r.getOtherConditions() != null || r.getUnderlyingCause() != null
                || r.getUnderlyingCauseIcd10() != null || r.getUnderlyingCauseChapter() != null;
    }
}
