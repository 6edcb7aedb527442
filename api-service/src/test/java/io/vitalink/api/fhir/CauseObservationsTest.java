package io.vitalink.api.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.CauseLine;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** A linked death's cause section follows its Patient as VRDR-shaped Observations that refer to it. */
class CauseObservationsTest {

    /** MATCHED, with Part I (a)..(c), Part II coded and the underlying cause. */
    static MatchResult fullChain(String recordId) {
        return fullChainBuilder(recordId).build();
    }

    static MatchResult.Builder fullChainBuilder(String recordId) {
        return linked(recordId).setDirectCause("呼吸衰竭").setDirectCauseIcd10("J96.9").setDirectCauseInterval("2天")
                .setAntecedentCauses(List.of(line("肺炎", "J18.9", "1周"), line("肺恶性肿瘤", "C34.9", "2年")))
                .setOtherDiagnoses("2型糖尿病; 高血压").setOtherConditions(List.of(line("2型糖尿病", "E11.9", null),
                        line("高血压", "I10", "10年")))
                .setUnderlyingCause("肺恶性肿瘤").setUnderlyingCauseIcd10("C34.9").setUnderlyingCauseChapter("II");
    }

    @Test
    void aFullChainGivesOnePart1ObservationPerLineThenPart2ThenTheUnderlyingCause() {
        List<Resource> entries = resources(fullChain("r1"));

        assertThat(entries).extracting(Resource::fhirType).containsExactly("Patient", "Observation", "Observation",
                "Observation", "Observation", "Observation", "Observation");
        List<Observation> observations = observations(entries);
        assertThat(observations).extracting(o -> o.getCode().getCodingFirstRep().getSystem()).containsOnly("http://loinc.org");
        assertThat(observations).extracting(o -> o.getCode().getCodingFirstRep().getCode())
                .containsExactly("69453-9", "69453-9", "69453-9", "69441-4", "69441-4", "80358-5");
        assertThat(observations).extracting(o -> o.getValueCodeableConcept().getText())
                .containsExactly("呼吸衰竭", "肺炎", "肺恶性肿瘤", "2型糖尿病", "高血压", "肺恶性肿瘤");
        assertThat(observations).extracting(o -> o.getValueCodeableConcept().getCodingFirstRep().getSystem())
                .containsOnly("http://hl7.org/fhir/sid/icd-10");
        assertThat(observations).extracting(o -> o.getValueCodeableConcept().getCodingFirstRep().getCode())
                .containsExactly("J96.9", "J18.9", "C34.9", "E11.9", "I10", "C34.9");
        assertThat(observations).extracting(Observation::getStatus).containsOnly(Observation.ObservationStatus.FINAL);
    }

    @Test
    void part1LinesCarryVrdrLineNumbersAndOnsetToDeathIntervals() {
        List<Observation> part1 = observations(resources(fullChain("r1"))).subList(0, 3);

        assertThat(part1).extracting(o -> component(o, CauseObservations.VRDR_COMPONENT, "lineNumber").getValueIntegerType()
                .getValue()).containsExactly(1, 2, 3);
        assertThat(part1).extracting(o -> component(o, "http://loinc.org", "69440-6").getValueStringType().getValue())
                .containsExactly("2天", "1周", "2年");
    }

    @Test
    void everyObservationRefersToItsPatientsFullUrlAndEveryFullUrlIsAUniqueUuid() {
        Bundle bundle = bundle(fullChain("r1"), fullChain("centre a/record 2"));

        List<String> fullUrls = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getFullUrl).toList();
        assertThat(fullUrls).hasSize(14).doesNotHaveDuplicates()
                .allSatisfy(url -> assertThat(url).matches("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        assertThat(bundle.getEntry().subList(1, 7)).extracting(e -> ((Observation) e.getResource()).getSubject().getReference())
                .containsOnly(fullUrls.get(0));
        assertThat(bundle.getEntry().subList(8, 14)).extracting(e -> ((Observation) e.getResource()).getSubject().getReference())
                .containsOnly(fullUrls.get(7));
    }

    @Test
    void theUnderlyingCauseCarriesItsIcd10ChapterUnderTheConfiguredBase() {
        FhirSystems systems = new FhirSystems("https://registry.example.org/fhir");
        Observation underlying = CauseObservations.of(fullChain("r1"), "urn:uuid:x", systems).get(5);

        ObservationComponentComponent chapter = component(underlying, "https://registry.example.org/fhir/CodeSystem/observation-component",
                "icd10-chapter");
        Coding coding = chapter.getValueCodeableConcept().getCodingFirstRep();
        assertThat(coding.getSystem()).isEqualTo("https://registry.example.org/fhir/CodeSystem/icd10-chapter");
        assertThat(coding.getCode()).isEqualTo("II");
        assertThat(coding.getDisplay()).isEqualTo("Neoplasms");
    }

    @Test
    void aLinkedResultWithoutACauseSectionIsItsPatientAlone() {
        assertThat(resources(linked("r1").build())).extracting(Resource::fhirType).containsExactly("Patient");
    }

    @Test
    void aLinkedResultWithOnlyAnUnderlyingCauseIsItsPatientAndThatObservation() {
        List<Resource> entries = resources(linked("r1").setUnderlyingCauseIcd10("I21.9").build());

        assertThat(entries).extracting(Resource::fhirType).containsExactly("Patient", "Observation");
        Observation underlying = (Observation) entries.get(1);
        assertThat(underlying.getCode().getCodingFirstRep().getCode()).isEqualTo("80358-5");
        assertThat(underlying.getValueCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("I21.9");
        assertThat(underlying.getValueCodeableConcept().hasText()).isFalse();
        assertThat(underlying.getComponent()).isEmpty();
    }

    @Test
    void notFoundAndInvalidStayALonePatientWhateverTheyCarry() {
        for (Outcome outcome : List.of(Outcome.NOT_FOUND, Outcome.INVALID)) {
            MatchResult r = fullChainBuilder("r1").setOutcome(outcome).build();
            assertThat(resources(r)).as(outcome.name()).extracting(Resource::fhirType).containsExactly("Patient");
        }
    }

    @Test
    void part2FreeTextIsItsOwnObservationOnlyWhenNoConditionIsCoded() {
        List<Observation> observations = observations(resources(linked("r1").setOtherDiagnoses("高血压病史").build()));

        assertThat(observations).singleElement().satisfies(o -> {
            assertThat(o.getCode().getCodingFirstRep().getCode()).isEqualTo("69441-4");
            assertThat(o.getValueCodeableConcept().getText()).isEqualTo("高血压病史");
            assertThat(o.getValueCodeableConcept().hasCoding()).isFalse();
        });
    }

    @Test
    void linesWithNeitherTextNorCodeAndUnknownChaptersAreLeftOutKeepingLineNumbers() {
        MatchResult r = linked("r1").setAntecedentCauses(List.of(line(null, null, "3天"), line("脓毒症", "A41.9", null)))
                .setUnderlyingCause("脓毒症").setUnderlyingCauseChapter("XXX").build();

        List<Observation> observations = observations(resources(r));

        assertThat(observations).extracting(o -> o.getCode().getCodingFirstRep().getCode()).containsExactly("69453-9", "80358-5");
        assertThat(component(observations.get(0), CauseObservations.VRDR_COMPONENT, "lineNumber").getValueIntegerType()
                .getValue()).isEqualTo(3);
        assertThat(observations.get(0).getComponent()).hasSize(1); // no interval written: none
        assertThat(observations.get(1).getComponent()).isEmpty();
    }

    @Test
    void theSameResultIsWrittenWithTheSameFullUrlsEachTime() {
        assertThat(entries(fullChain("r1"))).isEqualTo(entries(fullChain("r1")));
        assertThat(entries(fullChain("r1"))).isNotEqualTo(entries(fullChain("r2")));
    }

    static MatchResult.Builder linked(String recordId) {
        return MatchResult.newBuilder().setJobId("job-1").setRecordId(recordId).setOutcome(Outcome.MATCHED)
                .setDeathDate(LocalDate.of(2024, 3, 9)).setMatchRule("ID_EXACT").setScore(1.0).setDecidedAt(Instant.EPOCH);
    }

    static CauseLine line(String text, String icd10, String interval) {
        return CauseLine.newBuilder().setText(text).setIcd10(icd10).setInterval(interval).build();
    }

    /** The results written as a Bundle, as the API streams it. */
    static String write(MatchResult... results) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            FhirResultWriter.writeHeader(out);
            for (int i = 0; i < results.length; i++) {
                if (i > 0) {
                    FhirResultWriter.writeSeparator(out);
                }
                FhirResultWriter.writeEntry(results[i], out, FhirSystems.DEFAULT);
            }
            FhirResultWriter.writeFooter(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Bundle bundle(MatchResult... results) {
        return FhirModel.context().newJsonParser().parseResource(Bundle.class, write(results));
    }

    private static List<Resource> resources(MatchResult result) {
        Bundle bundle = bundle(result);
        assertThat(bundle.getEntryFirstRep().getResource()).isInstanceOf(Patient.class);
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList();
    }

    private static String entries(MatchResult result) {
        String bundle = write(result);
        return bundle.substring(bundle.indexOf("\"entry\""));
    }

    private static List<Observation> observations(List<Resource> resources) {
        return resources.stream().filter(Observation.class::isInstance).map(Observation.class::cast).toList();
    }

    private static ObservationComponentComponent component(Observation o, String system, String code) {
        return o.getComponent().stream().filter(c -> hasCoding(c.getCode(), system, code)).findFirst()
                .orElseThrow(() -> new AssertionError("no component " + system + "#" + code));
    }

    private static boolean hasCoding(CodeableConcept concept, String system, String code) {
        return concept.getCoding().stream().anyMatch(c -> system.equals(c.getSystem()) && code.equals(c.getCode()));
    }
}
