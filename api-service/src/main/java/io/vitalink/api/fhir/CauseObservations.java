package io.vitalink.api.fhir;

import io.vitalink.avro.CauseLine;
import io.vitalink.avro.MatchResult;
import io.vitalink.icd.Icd10;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * The cause section of a linked death certificate as {@code Observation}s modelled after HL7 VRDR (docs/FHIR.md):
 * one "Cause of Death Part 1" per line (a)..(d) with its line number and onset-to-death interval, one "Cause of
 * Death Part 2" per other significant condition, and the underlying cause with its ICD-10 chapter. Each refers to
 * its Patient by the Patient's {@code fullUrl}. The result's sealed fields must already be opened.
 */
public final class CauseObservations {

    public static final String LOINC = "http://loinc.org";
    /** LOINC: Cause of death [US Standard Certificate of Death] — VRDR Cause of Death Part 1. */
    public static final String PART_1 = "69453-9";
    /** LOINC: Other significant causes or conditions of death — VRDR Cause of Death Part 2. */
    public static final String PART_2 = "69441-4";
    /** LOINC: Cause of death.underlying [Automated] — VRDR Automated Underlying Cause of Death. */
    public static final String UNDERLYING = "80358-5";
    /** LOINC: Disease onset to death interval — VRDR's interval component of Part 1. */
    public static final String INTERVAL = "69440-6";
    /** VRDR's own component codes, {@code lineNumber} among them. */
    public static final String VRDR_COMPONENT = "http://hl7.org/fhir/us/vrdr/CodeSystem/vrdr-component-cs";
    public static final String LINE_NUMBER = "lineNumber";
    /** Our component code of the underlying cause's chapter ({@link FhirSystems#componentSystem()}). */
    public static final String CHAPTER = "icd10-chapter";

    private CauseObservations() {
    }

    /** Part I, Part II, then the underlying cause; none for a result that linked no death. */
    public static List<Observation> of(MatchResult r, String patientUrl, FhirSystems systems) {
        List<Observation> observations = new ArrayList<>();
        if (!ResultPatient.linked(r.getOutcome())) {
            return observations;
        }
        partOneLine(1, r.getDirectCause(), r.getDirectCauseIcd10(), r.getDirectCauseInterval())
                .ifPresent(observations::add);
        List<CauseLine> antecedents = nullToEmpty(r.getAntecedentCauses());
        for (int i = 0; i < antecedents.size(); i++) {
            CauseLine line = antecedents.get(i);
            partOneLine(i + 2, line.getText(), line.getIcd10(), line.getInterval()).ifPresent(observations::add);
        }
        List<CauseLine> conditions = nullToEmpty(r.getOtherConditions());
        for (CauseLine condition : conditions) {
            partTwo(condition.getText(), condition.getIcd10()).ifPresent(observations::add);
        }
        if (conditions.isEmpty()) {
            partTwo(r.getOtherDiagnoses(), null).ifPresent(observations::add); // as written, when nothing is coded
        }
        underlying(r, systems).ifPresent(observations::add);
        observations.forEach(o -> o.setSubject(new Reference(patientUrl)));
        return observations;
    }

    /** A condition as certified: the registry's text, and its ICD-10 code when there is one. */
    static CodeableConcept icd10(String text, String code) {
        CodeableConcept concept = new CodeableConcept().setText(text);
        if (code != null) {
            concept.addCoding().setSystem(FhirSystems.ICD_10).setCode(code);
        }
        return concept;
    }

    private static Optional<Observation> partOneLine(int number, String text, String icd10, String interval) {
        return cause(PART_1, "Cause of death [US Standard Certificate of Death]", text, icd10).map(o -> {
            o.addComponent().setCode(new CodeableConcept(new Coding(VRDR_COMPONENT, LINE_NUMBER, "line number")))
                    .setValue(new IntegerType(number));
            if (interval != null && !interval.isBlank()) {
                o.addComponent().setCode(loinc(INTERVAL, "Disease onset to death interval"))
                        .setValue(new StringType(interval));
            }
            return o;
        });
    }

    private static Optional<Observation> partTwo(String text, String icd10) {
        return cause(PART_2, "Other significant causes or conditions of death", text, icd10);
    }

    private static Optional<Observation> underlying(MatchResult r, FhirSystems systems) {
        return cause(UNDERLYING, "Cause of death.underlying [Automated]", r.getUnderlyingCause(),
                r.getUnderlyingCauseIcd10()).map(o -> {
                    chapter(r.getUnderlyingCauseChapter()).ifPresent(chapter -> o.addComponent()
                            .setCode(new CodeableConcept(new Coding(systems.componentSystem(), CHAPTER, "ICD-10 chapter")))
                            .setValue(new CodeableConcept(new Coding(systems.icd10ChapterSystem(), chapter.name(),
                                    chapter.english()))));
                    return o;
                });
    }

    /** No Observation for a condition with neither text nor code. */
    private static Optional<Observation> cause(String code, String display, String text, String icd10) {
        if (blank(text) && blank(icd10)) {
            return Optional.empty();
        }
        Observation o = new Observation().setStatus(Observation.ObservationStatus.FINAL).setCode(loinc(code, display));
        o.setValue(icd10(blank(text) ? null : text, blank(icd10) ? null : icd10));
        return Optional.of(o);
    }

    private static Optional<Icd10.Chapter> chapter(String numeral) {
        if (blank(numeral)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Icd10.Chapter.valueOf(numeral.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not one of WHO's 22: left out rather than invented
        }
    }

    private static CodeableConcept loinc(String code, String display) {
        return new CodeableConcept(new Coding(LOINC, code, display));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
