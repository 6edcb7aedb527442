package io.vitalink.api.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.vitalink.config.Setting;
import java.util.List;
import java.util.Map;

/**
 * GET /api/v1/review/report: the precision per rule and threshold from reviewed links ({@link PrecisionReport}),
 * and what an administrator would apply through {@code PUT /api/v1/config} ({@code apply}: null when the probable
 * rule's labels support no suggestion). The report only suggests.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ReviewReport(String scope, double target, String method, List<Rule> rules, Map<String, Double> apply,
                           String applyWith) {

    public static final String APPLY_WITH = "PUT /api/v1/config (ADMIN)";
    public static final String THRESHOLD_KEY = Setting.PROBABLE_THRESHOLD.key();
    public static final String MARGIN_KEY = Setting.PROBABLE_MARGIN.key();

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Rule(String matchRule, long accepted, long rejected, long unsure, List<Row> thresholds,
                       Double suggestedThreshold, Double suggestedMargin, String reason) {

        static Rule of(PrecisionReport.RuleReport report) {
            return new Rule(report.matchRule(), report.accepted(), report.rejected(), report.unsure(),
                    report.thresholds().stream().map(Row::of).toList(), report.suggestedThreshold(), report.suggestedMargin(),
                    report.reason());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Row(double threshold, long accepted, long rejected, long unsure, Double precision, Double wilsonLower) {

        static Row of(PrecisionReport.Row row) {
            return new Row(row.threshold(), row.accepted(), row.rejected(), row.unsure(), row.precision(), row.wilsonLower());
        }
    }
}
