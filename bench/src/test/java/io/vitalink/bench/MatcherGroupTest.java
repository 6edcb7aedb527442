package io.vitalink.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MatcherGroupTest {

    @Test
    void sumsTheDecisionsOfEveryOutcomeAndNothingElse() {
        String scrape = """
                # HELP vitalink_match_decisions_total Decisions made
                # TYPE vitalink_match_decisions_total counter
                vitalink_match_decisions_total{outcome="MATCHED"} 4000.0
                vitalink_match_decisions_total{outcome="NOT_FOUND",} 5500.0
                vitalink_match_decisions_total{outcome="PROBABLE"} 1.0E3
                vitalink_match_dead_letters_total{code="VL-4001"} 7.0
                vitalink_match_skipped_total 3.0
                """;

        assertThat(MatcherGroup.decisionsIn(scrape)).isEqualTo(10_500);
    }

    @Test
    void countsNoDecisionsWhenTheInstanceHasMadeNone() {
        assertThat(MatcherGroup.decisionsIn("# TYPE vitalink_match_skipped_total counter\nvitalink_match_skipped_total 0.0\n"))
                .isZero();
    }
}
