package io.vitalink.api.fhir;

import io.vitalink.api.fhir.FhirSystems.Extension;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;

/**
 * One result as a {@code Patient} (docs/FHIR.md): {@code deceasedDateTime} only for a linked death; NOT_FOUND and
 * INVALID leave {@code deceased[x]} absent, because "not in the registry" does not mean alive.
 */
public final class ResultPatient {

    /** FHIR's {@code id} datatype: a record id outside it is carried by the record-id identifier only. */
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private ResultPatient() {
    }

    /** The result's sealed fields must already be opened. */
    public static Patient of(MatchResult r, FhirSystems systems) {
        Patient patient = new Patient();
        if (FHIR_ID.matcher(r.getRecordId()).matches()) {
            patient.setId(r.getRecordId());
        }
        patient.addIdentifier().setSystem(systems.recordId()).setValue(r.getRecordId());
        patient.addExtension(systems.extension(Extension.OUTCOME), new CodeType(r.getOutcome().name()));
        if (r.getDeathDate() != null && linked(r.getOutcome())) {
            patient.setDeceased(new DateTimeType(r.getDeathDate().toString()));
        }
        if (r.getMatchRule() != null) {
            patient.addExtension(systems.extension(Extension.MATCH_RULE), new CodeType(r.getMatchRule()));
        }
        if (r.getScore() != null) {
            patient.addExtension(systems.extension(Extension.MATCH_SCORE), new DecimalType(BigDecimal.valueOf(r.getScore())));
        }
        if (r.getNameSimilarity() != null) {
            patient.addExtension(systems.extension(Extension.NAME_SIMILARITY),
                    new DecimalType(BigDecimal.valueOf(r.getNameSimilarity())));
        }
        if (r.getReasonCode() != null) {
            patient.addExtension(systems.extension(Extension.REASON), new CodeType(r.getReasonCode()));
        }
        for (String field : r.getDiscrepancies()) {
            patient.addExtension(systems.extension(Extension.DISCREPANCY), new CodeType(field));
        }
        if (r.getDirectCauseIcd10() != null || r.getDirectCause() != null) {
            patient.addExtension(systems.extension(Extension.CAUSE_OF_DEATH),
                    CauseObservations.icd10(r.getDirectCause(), r.getDirectCauseIcd10()));
        }
        if (r.getDeathPlace() != null) {
            patient.addExtension(systems.extension(Extension.DEATH_PLACE), new StringType(r.getDeathPlace()));
        }
        if (r.getLinkedId() != null) {
            patient.addExtension(systems.extension(Extension.LINKED_ID), new StringType(r.getLinkedId()));
        }
        return patient;
    }

    /** A death record was linked: the result may carry a death and its causes. */
    static boolean linked(Outcome outcome) {
        return outcome == Outcome.MATCHED || outcome == Outcome.MATCHED_WITH_DISCREPANCY || outcome == Outcome.PROBABLE;
    }
}
