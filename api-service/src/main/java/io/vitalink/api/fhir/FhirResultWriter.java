package io.vitalink.api.fhir;

import ca.uhn.fhir.parser.IParser;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;

/**
 * Writes results as one FHIR R4 {@code Bundle} of type {@code collection}, one {@code Patient} per result, while the
 * results are read: the Bundle's opening, then each entry encoded alone by HAPI FHIR, then its closing. Mapping:
 * docs/FHIR.md. {@code deceasedDateTime} only for a linked death (MATCHED, MATCHED_WITH_DISCREPANCY, PROBABLE);
 * NOT_FOUND and INVALID leave {@code deceased[x]} absent, because "not in the registry" does not mean alive.
 */
public final class FhirResultWriter {

    public static final String MEDIA_TYPE = "application/fhir+json";
    /** FHIR's {@code id} datatype: a record id outside it is carried by the record-id identifier only. */
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private FhirResultWriter() {
    }

    /** Everything before the first entry. */
    public static void writeHeader(OutputStream out) throws IOException {
        out.write(("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"timestamp\":\""
                + Instant.now().truncatedTo(ChronoUnit.MILLIS) + "\",\"entry\":[").getBytes(StandardCharsets.UTF_8));
    }

    /** Between two entries. */
    public static void writeSeparator(OutputStream out) throws IOException {
        out.write(",\n".getBytes(StandardCharsets.UTF_8));
    }

    public static void writeEntry(MatchResult result, OutputStream out) throws IOException {
        out.write("{\"resource\":".getBytes(StandardCharsets.UTF_8));
        // a parser is not thread-safe and cheap to make: one per entry
        IParser parser = FhirModel.context().newJsonParser();
        out.write(parser.encodeResourceToString(patient(result)).getBytes(StandardCharsets.UTF_8));
        out.write('}');
    }

    /** After the last entry. */
    public static void writeFooter(OutputStream out) throws IOException {
        out.write("]}\n".getBytes(StandardCharsets.UTF_8));
    }

    /** One result as a Patient; the result's sealed fields must already be opened. */
    public static Patient patient(MatchResult r) {
        Patient patient = new Patient();
        if (FHIR_ID.matcher(r.getRecordId()).matches()) {
            patient.setId(r.getRecordId());
        }
        patient.addIdentifier().setSystem(FhirSystems.RECORD_ID).setValue(r.getRecordId());
        patient.addExtension(FhirSystems.OUTCOME, new CodeType(r.getOutcome().name()));
        if (r.getDeathDate() != null && linked(r.getOutcome())) {
            patient.setDeceased(new DateTimeType(r.getDeathDate().toString()));
        }
        if (r.getMatchRule() != null) {
            patient.addExtension(FhirSystems.MATCH_RULE, new CodeType(r.getMatchRule()));
        }
        if (r.getScore() != null) {
            patient.addExtension(FhirSystems.MATCH_SCORE, new DecimalType(BigDecimal.valueOf(r.getScore())));
        }
        if (r.getNameSimilarity() != null) {
            patient.addExtension(FhirSystems.NAME_SIMILARITY, new DecimalType(BigDecimal.valueOf(r.getNameSimilarity())));
        }
        if (r.getReasonCode() != null) {
            patient.addExtension(FhirSystems.REASON, new CodeType(r.getReasonCode()));
        }
        for (String field : r.getDiscrepancies()) {
            patient.addExtension(FhirSystems.DISCREPANCY, new CodeType(field));
        }
        if (r.getDirectCauseIcd10() != null || r.getDirectCause() != null) {
            CodeableConcept cause = new CodeableConcept();
            if (r.getDirectCauseIcd10() != null) {
                cause.addCoding().setSystem(FhirSystems.ICD_10).setCode(r.getDirectCauseIcd10());
            }
            cause.setText(r.getDirectCause());
            patient.addExtension(FhirSystems.CAUSE_OF_DEATH, cause);
        }
        if (r.getDeathPlace() != null) {
            patient.addExtension(FhirSystems.DEATH_PLACE, new StringType(r.getDeathPlace()));
        }
        if (r.getLinkedId() != null) {
            patient.addExtension(FhirSystems.LINKED_ID, new StringType(r.getLinkedId()));
        }
        return patient;
    }

    private static boolean linked(Outcome outcome) {
        return outcome == Outcome.MATCHED || outcome == Outcome.MATCHED_WITH_DISCREPANCY || outcome == Outcome.PROBABLE;
    }
}
