package io.vitalink.local;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One synthetic patient to look up, with the outcome matching must produce for it.
 *
 * @param idNumber           the resident ID as submitted: may be invalid, empty or blank (never null)
 * @param expectedOutcome    {@link #MATCHED}, {@link #NOT_FOUND} or {@link #INVALID}
 * @param expectedDeathDate  for MATCHED: the registered death; null otherwise (likewise place, cause, codes)
 * @param expectedReasonCode for INVALID: the VL- code of {@code io.vitalink.id.IdRejection}; null otherwise
 */
public record SampleRequest(
        String recordId,
        String idNumber,
        String name,
        String sex,
        LocalDate birthDate,
        String expectedOutcome,
        LocalDate expectedDeathDate,
        String expectedDeathPlace,
        String expectedDirectCause,
        String expectedDirectCauseIcd10,
        String expectedOtherDiagnoses,
        String expectedReasonCode) {

    public static final String MATCHED = "MATCHED";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String INVALID = "INVALID";

    public SampleRequest {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(idNumber, "idNumber");
        Objects.requireNonNull(expectedOutcome, "expectedOutcome");
    }

    SampleRequest withRecordId(String newRecordId) {
        return new SampleRequest(newRecordId, idNumber, name, sex, birthDate, expectedOutcome, expectedDeathDate,
                expectedDeathPlace, expectedDirectCause, expectedDirectCauseIcd10, expectedOtherDiagnoses,
                expectedReasonCode);
    }
}
