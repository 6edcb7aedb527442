package io.vitalink.local.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityReportTest {

    private static final List<LabelledRequest> REQUESTS = List.of(
            request("a", Scenario.EXACT, "D1"),
            request("b", Scenario.NAME_TYPO, "D2"),
            request("c", Scenario.MISSING_ID, "D3"),
            request("d", Scenario.MISTYPED_ID, "D4"),
            request("e", Scenario.ALIVE, null),
            request("f", Scenario.ALIVE_WITHOUT_ID, null));

    @Test
    void countsCorrectAndWrongLinksPerRule() {
        QualityReport report = QualityReport.of(REQUESTS, Map.of(
                "a", new QualityReport.Answer("MATCHED", "ID_EXACT", "D1"),
                "b", new QualityReport.Answer("MATCHED_WITH_DISCREPANCY", "ID_EXACT", "D2"),
                "c", new QualityReport.Answer("PROBABLE", "NAME_BIRTH_SEX", "D3"),
                "d", new QualityReport.Answer("INVALID", null, null),
                "e", new QualityReport.Answer("NOT_FOUND", null, null),
                "f", new QualityReport.Answer("PROBABLE", "NAME_BIRTH_SEX", "D9")));

        assertThat(report.idExact()).isEqualTo(new QualityReport.Metric(2, 2, 2, 2));
        assertThat(report.probable()).isEqualTo(new QualityReport.Metric(2, 1, 2, 1));
        assertThat(report.probable().precision()).isEqualTo(0.5);
        assertThat(report.probable().recall()).isEqualTo(0.5);
        assertThat(report.anyLink()).isEqualTo(new QualityReport.Metric(4, 3, 4, 3));
        assertThat(report.outcomesByScenario().get(Scenario.ALIVE_WITHOUT_ID)).containsEntry("PROBABLE", 1);
    }

    @Test
    void aLinkToTheWrongDeathIsNotCorrectEvenWithTheRightRule() {
        QualityReport report = QualityReport.of(REQUESTS.subList(0, 1),
                Map.of("a", new QualityReport.Answer("MATCHED", "ID_EXACT", "D2")));

        assertThat(report.idExact().precision()).isZero();
        assertThat(report.idExact().recall()).isZero();
    }

    @Test
    void refusesAMissingAnswer() {
        assertThatThrownBy(() -> QualityReport.of(REQUESTS, Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rendersBothTables() {
        QualityReport report = QualityReport.of(REQUESTS.subList(0, 1),
                Map.of("a", new QualityReport.Answer("MATCHED", "ID_EXACT", "D1")));

        assertThat(report.markdown()).contains("| exact ID (`ID_EXACT`: MATCHED + MATCHED_WITH_DISCREPANCY) | 1 | 1 | 1.0000 | 1 | 1 | 1.0000 |")
                .contains("| EXACT — ID, name, sex and birth date as registered | 1 | MATCHED | 1 | 0 | 0 | 0 | 0 |");
    }

    private static LabelledRequest request(String id, Scenario scenario, String truth) {
        return new LabelledRequest(id, null, "王伟", "M", null, scenario, truth);
    }
}
