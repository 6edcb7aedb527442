package io.vitalink.api.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vitalink.api.review.PrecisionReport.Label;
import io.vitalink.api.review.PrecisionReport.Row;
import io.vitalink.api.review.PrecisionReport.RuleReport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrecisionReportTest {

    private static final String PROBABLE = "NAME_BIRTH_SEX";

    @Test
    void countsPrecisionAtEachThresholdAmongLinksScoringAtLeastIt() {
        List<Label> labels = List.of(label(0.93, ReviewVerdict.ACCEPT), label(0.95, ReviewVerdict.REJECT),
                label(0.97, ReviewVerdict.ACCEPT), label(1.0, ReviewVerdict.ACCEPT));

        RuleReport report = only(PrecisionReport.of(labels, 0.95));

        assertThat(report.thresholds()).hasSize(21);
        assertThat(report.thresholds().get(0).threshold()).isEqualTo(0.80);
        assertThat(report.thresholds().get(20).threshold()).isEqualTo(1.00);
        assertThat(at(report, 0.93)).isEqualTo(row(0.93, 3, 1, 0));
        assertThat(at(report, 0.93).precision()).isEqualTo(0.75);
        assertThat(at(report, 0.96).precision()).isEqualTo(1.0);
        assertThat(at(report, 0.96).accepted()).isEqualTo(2);
        assertThat(at(report, 0.80)).usingRecursiveComparison().ignoringFields("threshold").isEqualTo(at(report, 0.93));
    }

    @Test
    void leavesUnsureOutOfThePrecisionButCountsIt() {
        RuleReport report = only(PrecisionReport.of(List.of(label(0.95, ReviewVerdict.ACCEPT),
                label(0.95, ReviewVerdict.UNSURE), label(0.95, ReviewVerdict.UNSURE)), 0.95));

        Row row = at(report, 0.95);
        assertThat(row.unsure()).isEqualTo(2);
        assertThat(row.precision()).isEqualTo(1.0);
        assertThat(report.unsure()).isEqualTo(2);
    }

    @Test
    void hasNoPrecisionWhereNoLinkWasJudged() {
        RuleReport report = only(PrecisionReport.of(List.of(label(0.90, ReviewVerdict.UNSURE)), 0.95));

        assertThat(at(report, 0.85).precision()).isNull();
        assertThat(at(report, 0.85).wilsonLower()).isNull();
        assertThat(report.suggestedThreshold()).isNull();
        assertThat(report.reason()).contains("no accepted or rejected");
    }

    @Test
    void suggestsNothingFromAHandfulOfAcceptedLinksBecauseTheLowerBoundIsStillLow() {
        RuleReport report = only(PrecisionReport.of(List.of(label(0.95, ReviewVerdict.ACCEPT),
                label(0.97, ReviewVerdict.ACCEPT)), 0.95));

        assertThat(at(report, 0.95).precision()).isEqualTo(1.0);
        assertThat(at(report, 0.95).wilsonLower()).isLessThan(0.5);
        assertThat(report.suggestedThreshold()).isNull();
        assertThat(report.reason()).contains("more reviews are needed");
    }

    @Test
    void suggestsTheLowestThresholdWhoseLowerBoundReachesTheTargetAndNeverBelowTheEvidence() {
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            labels.add(label(0.96 + (i % 5) * 0.01, ReviewVerdict.ACCEPT));
        }
        for (int i = 0; i < 20; i++) {
            labels.add(label(0.92, i < 12 ? ReviewVerdict.REJECT : ReviewVerdict.ACCEPT));
        }

        RuleReport report = only(PrecisionReport.of(labels, 0.95));

        // at 0.92: 108 of 120 accepted, lower bound ≈ 0.83; at 0.93..0.96 only the 100 accepted: ≈ 0.963
        assertThat(at(report, 0.92).wilsonLower()).isLessThan(0.95);
        assertThat(at(report, 0.93).wilsonLower()).isGreaterThanOrEqualTo(0.95);
        assertThat(report.suggestedThreshold()).isEqualTo(0.93);
        assertThat(report.suggestedMargin()).isEqualTo(PrecisionReport.MARGIN_FLOOR);
    }

    @Test
    void neverSuggestsAThresholdBelowTheLowestReviewedScore() {
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            labels.add(label(0.975, ReviewVerdict.ACCEPT));
        }

        RuleReport report = only(PrecisionReport.of(labels, 0.95));

        assertThat(at(report, 0.80).wilsonLower()).isGreaterThan(0.95);
        assertThat(report.suggestedThreshold()).isEqualTo(0.97);
    }

    @Test
    void widensTheMarginToTheBandWhereRejectedLinksStillScore() {
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            labels.add(label(0.99, ReviewVerdict.ACCEPT));
        }
        labels.add(label(0.92, ReviewVerdict.ACCEPT));
        labels.add(label(0.965, ReviewVerdict.REJECT));

        RuleReport report = only(PrecisionReport.of(labels, 0.95));

        assertThat(report.suggestedThreshold()).isEqualTo(0.92);
        assertThat(report.suggestedMargin()).isEqualTo(0.05);
        assertThat(PrecisionReport.margin(List.of(label(1.0, ReviewVerdict.REJECT)), 0.80))
                .isEqualTo(PrecisionReport.MARGIN_CAP);
    }

    @Test
    void reportsEachRuleApartAndSkipsLabelsWithoutARule() {
        List<RuleReport> reports = PrecisionReport.of(List.of(label(0.95, ReviewVerdict.ACCEPT),
                new Label("ID_EXACT", 0.66, ReviewVerdict.REJECT), new Label(null, 0.9, ReviewVerdict.ACCEPT)), 0.95);

        assertThat(reports).extracting(RuleReport::matchRule).containsExactly("ID_EXACT", PROBABLE);
        assertThat(reports.get(0).rejected()).isEqualTo(1);
        assertThat(reports.get(1).accepted()).isEqualTo(1);
    }

    @Test
    void wilsonLowerBoundMatchesTheTextbookValues() {
        assertThat(PrecisionReport.wilsonLower(10, 10)).isCloseTo(0.7225, within(1e-4));
        assertThat(PrecisionReport.wilsonLower(95, 100)).isCloseTo(0.8883, within(1e-4));
        assertThat(PrecisionReport.wilsonLower(0, 5)).isEqualTo(0.0);
        assertThatThrownBy(() -> PrecisionReport.wilsonLower(3, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrecisionReport.of(List.of(), 1.0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Label label(double score, ReviewVerdict verdict) {
        return new Label(PROBABLE, score, verdict);
    }

    private static RuleReport only(List<RuleReport> reports) {
        assertThat(reports).hasSize(1);
        return reports.get(0);
    }

    private static Row at(RuleReport report, double threshold) {
        return report.thresholds().stream().filter(r -> Math.abs(r.threshold() - threshold) < 1e-9).findFirst().orElseThrow();
    }

    private static Row row(double threshold, long accepted, long rejected, long unsure) {
        Row reported = new Row(threshold, accepted, rejected, unsure, (double) accepted / (accepted + rejected),
                PrecisionReport.wilsonLower(accepted, accepted + rejected));
        return reported;
    }
}
