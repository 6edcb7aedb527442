package io.vitalink.loader;

import java.time.LocalDate;
import java.util.List;

/**
 * What a row holds of the national death certificate beyond the fields of older exports: the rest of the cause
 * section and the certificate's own fields. Empty lists are null, as on the topic. {@link #toString()} shows no
 * cause, code or number.
 *
 * @param antecedentCauses Part I lines (b), (c), (d) in order, up to the last filled one
 * @param otherConditions Part II coded, one per code
 * @param underlyingCauseChapter Roman numeral of the underlying cause's ICD-10 chapter, derived from its code
 * @param deathPlaceCategory a {@link PlaceCategory} name
 */
public record Certificate(
        String directCauseInterval,
        List<Condition> antecedentCauses,
        List<Condition> otherConditions,
        String underlyingCause,
        String underlyingCauseIcd10,
        String underlyingCauseChapter,
        String certificateNumber,
        LocalDate reportDate,
        String deathPlaceCategory,
        String residenceRegion) {

    /** A row of an export without the certificate's columns. */
    public static final Certificate NONE = new Certificate(null, null, null, null, null, null, null, null, null, null);

    public Certificate {
        antecedentCauses = antecedentCauses == null ? null : List.copyOf(antecedentCauses);
        otherConditions = otherConditions == null ? null : List.copyOf(otherConditions);
    }

    @Override
    public String toString() {
        return "Certificate[antecedentCauses=" + size(antecedentCauses) + ", otherConditions=" + size(otherConditions)
                + ", underlyingCauseChapter=" + underlyingCauseChapter + ", reportDate=" + reportDate
                + ", deathPlaceCategory=" + deathPlaceCategory + ", ***]";
    }

    private static int size(List<Condition> conditions) {
        return conditions == null ? 0 : conditions.size();
    }
}
