package io.vitalink.local.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vitalink.id.IdCheck;
import io.vitalink.id.ResidentIds;
import io.vitalink.local.SampleDeath;
import io.vitalink.name.Names;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EvaluationSetTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final EvaluationSet SET = EvaluationSet.generate(11, 5_000, 2_000);

    @Test
    void isReproducibleFromItsSeed() {
        assertThat(EvaluationSet.generate(11, 5_000, 2_000)).isEqualTo(SET);
        assertThat(EvaluationSet.generate(12, 5_000, 2_000)).isNotEqualTo(SET);
    }

    @Test
    void hasEveryScenarioInItsShare() {
        Map<Scenario, Long> counts = SET.requests().stream()
                .collect(Collectors.groupingBy(LabelledRequest::scenario, Collectors.counting()));
        assertThat(counts.keySet()).containsExactlyInAnyOrder(Scenario.values());
        assertThat(counts.get(Scenario.EXACT)).isEqualTo(480);
        assertThat(counts.get(Scenario.MISSING_ID)).isEqualTo(60);
        assertThat(SET.requests()).hasSize(2_000)
                .extracting(LabelledRequest::recordId).doesNotHaveDuplicates();
    }

    @Test
    void dyingRequestsPointAtARegisteredDeathAndLivingOnesAtNobody() {
        Set<String> registered = SET.registryRows().stream().map(SampleDeath::idNumber).collect(Collectors.toSet());
        for (LabelledRequest r : SET.requests()) {
            if (r.scenario().dying()) {
                assertThat(registered).as(r.recordId()).contains(r.truthId());
            } else {
                assertThat(r.truthId()).isNull();
                if (r.idNumber() != null) {
                    assertThat(registered).doesNotContain(r.idNumber());
                }
            }
        }
    }

    @Test
    void idsOfIdScenariosNormaliseToTheTruthAndOthersDoNot() {
        for (LabelledRequest r : SET.requests()) {
            IdCheck check = ResidentIds.check(r.idNumber(), TODAY);
            if (r.scenario().linkableById()) {
                assertThat(check).as(r.scenario() + " " + r.recordId()).isEqualTo(new IdCheck.Valid(r.truthId()));
            } else if (r.scenario() == Scenario.MISTYPED_ID) {
                assertThat(check).isEqualTo(new IdCheck.Invalid(io.vitalink.id.IdRejection.BAD_CHECK_DIGIT));
            } else if (r.scenario() == Scenario.MISSING_ID || r.scenario() == Scenario.ALIVE_WITHOUT_ID) {
                assertThat(r.idNumber()).isNull();
            } else {
                assertThat(check).isInstanceOf(IdCheck.Valid.class);
            }
        }
        assertThat(SET.requests()).filteredOn(r -> r.scenario() == Scenario.LEGACY_ID)
                .allSatisfy(r -> assertThat(r.idNumber()).hasSize(15));
    }

    @Test
    void variantsDifferFromTheRegistryOnlyWhereTheScenarioSays() {
        Map<String, SampleDeath> deaths = SET.registryRows().stream()
                .collect(Collectors.toMap(SampleDeath::idNumber, Function.identity(), (a, b) -> a));
        for (LabelledRequest r : SET.requests()) {
            if (!r.scenario().dying()) {
                continue;
            }
            SampleDeath d = deaths.get(r.truthId());
            assertThat(r.sex()).isEqualTo(d.sex());
            boolean sameName = Names.normalise(r.name()).equals(Names.normalise(d.name()));
            assertThat(sameName).as(r.scenario() + " name").isEqualTo(r.scenario() != Scenario.NAME_TYPO);
            assertThat(r.birthDate().equals(d.birthDate())).as(r.scenario() + " birth")
                    .isEqualTo(r.scenario() != Scenario.SWAPPED_BIRTH_DATE);
            if (r.scenario() == Scenario.DOT_VARIANT_NAME) {
                assertThat(r.name()).isNotEqualTo(d.name());
            }
        }
    }

    @Test
    void namesakesAndTwinsShareTheBlockOfADeath() {
        Set<String> blocks = SET.registryRows().stream().map(d -> d.sex() + d.birthDate()).collect(Collectors.toSet());
        Set<String> namesakes = SET.registryRows().stream().map(d -> d.name() + d.sex() + d.birthDate())
                .collect(Collectors.toSet());
        List<LabelledRequest> twins = SET.requests().stream().filter(r -> r.scenario() == Scenario.ALIVE_TWIN).toList();
        assertThat(twins).allSatisfy(r -> assertThat(blocks).contains(r.sex() + r.birthDate()));
        assertThat(SET.requests()).filteredOn(r -> r.scenario() == Scenario.ALIVE_NAMESAKE)
                .allSatisfy(r -> assertThat(namesakes).contains(r.name() + r.sex() + r.birthDate()));
    }

    @Test
    void registersSomeDeathsTwice() {
        long distinct = SET.registryRows().stream().map(SampleDeath::idNumber).distinct().count();
        assertThat(SET.registryRows().size() - distinct).isBetween(50L, 200L);
    }

    @Test
    void refusesMoreDyingPatientsThanDeaths() {
        assertThatThrownBy(() -> EvaluationSet.generate(1, 10, 1_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
