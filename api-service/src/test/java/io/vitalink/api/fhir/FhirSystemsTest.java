package io.vitalink.api.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vitalink.api.fhir.FhirSystems.Extension;
import io.vitalink.api.intake.RawRecord;
import io.vitalink.avro.MatchResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every URI Vitalink names in FHIR hangs off one configured base; HL7's own systems never move. */
class FhirSystemsTest {

    private static final FhirSystems REGISTRY = new FhirSystems("https://registry.example.org/fhir");

    @AfterEach
    void restoreDefault() {
        FhirSystems.use(FhirSystems.DEFAULT);
    }

    @Test
    void theDefaultBaseKeepsTheUrisClientsAlreadyUse() {
        assertThat(FhirSystems.DEFAULT.recordId()).isEqualTo("https://vitalink.example/fhir/sid/record-id");
        assertThat(FhirSystems.DEFAULT.residentId()).isEqualTo("https://vitalink.example/fhir/sid/resident-id");
        assertThat(FhirSystems.DEFAULT.extension(Extension.OUTCOME))
                .isEqualTo("https://vitalink.example/fhir/StructureDefinition/linkage-outcome");
        assertThat(FhirSystems.DEFAULT.extension(Extension.CAUSE_OF_DEATH))
                .isEqualTo("https://vitalink.example/fhir/StructureDefinition/cause-of-death");
    }

    @Test
    void aConfiguredBaseGetsItsMissingSlashAndCarriesEverySystemOfOurs() {
        assertThat(REGISTRY.base()).isEqualTo("https://registry.example.org/fhir/");
        assertThat(REGISTRY.documents()).containsKeys("https://registry.example.org/fhir/sid/resident-id",
                "https://registry.example.org/fhir/sid/passport", "https://registry.example.org/fhir/sid/taiwan-permit");
        assertThat(REGISTRY.icd10ChapterSystem()).isEqualTo("https://registry.example.org/fhir/CodeSystem/icd10-chapter");
        for (Extension extension : Extension.values()) {
            assertThat(REGISTRY.extension(extension)).startsWith("https://registry.example.org/fhir/StructureDefinition/");
        }
    }

    @Test
    void aBaseThatIsNoAbsoluteHttpUrlIsRefused() {
        for (String base : List.of("vitalink/fhir/", "urn:oid:1.2.3", "ftp://example.org/fhir/", "https:///fhir")) {
            assertThatThrownBy(() -> new FhirSystems(base)).as(base).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("vitalink.fhir.base-url");
        }
    }

    @Test
    void theWriterUsesTheConfiguredBaseButKeepsHl7sIcd10System() {
        MatchResult r = CauseObservationsTest.fullChain("r1");
        Patient patient = ResultPatient.of(r, REGISTRY);

        assertThat(patient.getIdentifierFirstRep().getSystem()).isEqualTo("https://registry.example.org/fhir/sid/record-id");
        assertThat(patient.getExtension()).extracting(e -> e.getUrl())
                .allSatisfy(url -> assertThat(url).startsWith("https://registry.example.org/fhir/StructureDefinition/"));
        assertThat(CauseObservations.icd10("x", "C34.9").getCodingFirstRep().getSystem())
                .isEqualTo("http://hl7.org/fhir/sid/icd-10");
    }

    @Test
    void theReaderTakesIdentifiersUnderTheConfiguredBase() throws IOException {
        String body = FhirBundleParserTest.bundle("{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\""
                + REGISTRY.recordId() + "\",\"value\":\"rec-7\"},{\"system\":\"" + REGISTRY.passport()
                + "\",\"value\":\"E12345678\"}]}");
        List<RawRecord> records = new ArrayList<>();

        FhirBundleParser.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), records::add, REGISTRY);

        assertThat(records).extracting(RawRecord::recordId, RawRecord::idNumber, RawRecord::idType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("rec-7", "E12345678", "PASSPORT"));
    }

    @Test
    void settingsReadOnceAtStartupBecomeTheSystemsInUseAndAnEmptyPropertyKeepsTheDefault() {
        FhirSettings configured = new FhirSettings("https://registry.example.org/fhir/");
        assertThat(FhirSystems.current().base()).isEqualTo("https://registry.example.org/fhir/");
        assertThat(configured.systems()).isSameAs(FhirSystems.current());

        new FhirSettings(" ");
        assertThat(FhirSystems.current()).isSameAs(FhirSystems.DEFAULT);
    }
}
