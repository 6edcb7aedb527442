package io.vitalink.api.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.vitalink.api.fhir.FhirSystems.Extension;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** Each result becomes a Patient; a death date only for a linked death, never "alive" for NOT_FOUND. */
class FhirResultWriterTest {

    @Test
    void matchedResultCarriesDeathDateCauseOutcomeAndRule() {
        Patient patient = ResultPatient.of(MatchResult.newBuilder().setJobId("j").setRecordId("r1")
                .setOutcome(Outcome.MATCHED).setDeathDate(LocalDate.of(2020, 5, 6)).setDirectCause("肺恶性肿瘤")
                .setDirectCauseIcd10("C34.9").setDeathPlace("医院").setMatchRule("ID_EXACT").setScore(1.0)
                .setNameSimilarity(0.95).setLinkedId("11010519491231002X").setDecidedAt(Instant.now()).build(), FhirSystems.DEFAULT);

        assertThat(patient.getIdElement().getIdPart()).isEqualTo("r1");
        assertThat(patient.getIdentifierFirstRep().getSystem()).isEqualTo(FhirSystems.DEFAULT.recordId());
        assertThat(patient.getDeceasedDateTimeType().getValueAsString()).isEqualTo("2020-05-06");
        assertThat(patient.getExtensionByUrl(ext(Extension.OUTCOME)).getValue().primitiveValue()).isEqualTo("MATCHED");
        assertThat(patient.getExtensionByUrl(ext(Extension.MATCH_RULE)).getValue().primitiveValue()).isEqualTo("ID_EXACT");
        assertThat(((DecimalType) patient.getExtensionByUrl(ext(Extension.NAME_SIMILARITY)).getValue()).getValue())
                .isEqualByComparingTo("0.95");
        CodeableConcept cause = (CodeableConcept) patient.getExtensionByUrl(ext(Extension.CAUSE_OF_DEATH)).getValue();
        assertThat(cause.getCodingFirstRep().getSystem()).isEqualTo("http://hl7.org/fhir/sid/icd-10");
        assertThat(cause.getCodingFirstRep().getCode()).isEqualTo("C34.9");
        assertThat(cause.getText()).isEqualTo("肺恶性肿瘤");
        assertThat(patient.getExtensionByUrl(ext(Extension.DEATH_PLACE)).getValue().primitiveValue()).isEqualTo("医院");
        assertThat(patient.getExtensionByUrl(ext(Extension.LINKED_ID)).getValue().primitiveValue()).isEqualTo("11010519491231002X");
    }

    @Test
    void notFoundAndInvalidLeaveDeceasedAbsentRatherThanClaimingAlive() {
        Patient notFound = ResultPatient.of(MatchResult.newBuilder().setJobId("j").setRecordId("r2")
                .setOutcome(Outcome.NOT_FOUND).setDecidedAt(Instant.now()).build(), FhirSystems.DEFAULT);
        Patient invalid = ResultPatient.of(MatchResult.newBuilder().setJobId("j").setRecordId("r3")
                .setOutcome(Outcome.INVALID).setReasonCode("VL-2005").setDecidedAt(Instant.now()).build(), FhirSystems.DEFAULT);

        assertThat(notFound.hasDeceased()).isFalse();
        assertThat(notFound.getExtensionByUrl(ext(Extension.OUTCOME)).getValue().primitiveValue()).isEqualTo("NOT_FOUND");
        assertThat(notFound.getExtensionByUrl(ext(Extension.CAUSE_OF_DEATH))).isNull();
        assertThat(invalid.hasDeceased()).isFalse();
        assertThat(invalid.getExtensionByUrl(ext(Extension.REASON)).getValue().primitiveValue()).isEqualTo("VL-2005");
    }

    @Test
    void recordIdThatIsNoFhirIdIsCarriedByTheIdentifierOnly() {
        Patient patient = ResultPatient.of(MatchResult.newBuilder().setJobId("j").setRecordId("centre a/record 2")
                .setOutcome(Outcome.MATCHED_WITH_DISCREPANCY).setDeathDate(LocalDate.of(2021, 1, 2))
                .setDiscrepancies(List.of("NAME", "SEX")).setDecidedAt(Instant.now()).build(), FhirSystems.DEFAULT);

        assertThat(patient.hasId()).isFalse();
        assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo("centre a/record 2");
        assertThat(patient.getExtensionsByUrl(ext(Extension.DISCREPANCY))).extracting(e -> e.getValue().primitiveValue())
                .containsExactly("NAME", "SEX");
    }

    @Test
    void headerEntriesAndFooterFormOneValidBundle() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FhirResultWriter.writeHeader(out);
        FhirResultWriter.writeEntry(MatchResult.newBuilder().setJobId("j").setRecordId("a").setOutcome(Outcome.NOT_FOUND)
                .setDecidedAt(Instant.now()).build(), out);
        FhirResultWriter.writeSeparator(out);
        FhirResultWriter.writeEntry(MatchResult.newBuilder().setJobId("j").setRecordId("b").setOutcome(Outcome.PROBABLE)
                .setDeathDate(LocalDate.of(2019, 2, 3)).setDecidedAt(Instant.now()).build(), out);
        FhirResultWriter.writeFooter(out);

        Bundle bundle = FhirContext.forR4Cached().newJsonParser()
                .parseResource(Bundle.class, out.toString(StandardCharsets.UTF_8));

        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        assertThat(bundle.getEntry()).extracting(e -> ((Patient) e.getResource()).getIdElement().getIdPart())
                .containsExactly("a", "b");
        assertThat(((Patient) bundle.getEntry().get(1).getResource()).getDeceasedDateTimeType().getValueAsString())
                .isEqualTo("2019-02-03");
    }

    private static String ext(Extension extension) {
        return FhirSystems.DEFAULT.extension(extension);
    }
}
