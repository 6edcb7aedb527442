package io.vitalink.api.review;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The precision of each rule at each score threshold, from reviewed links, and a suggested probable threshold and
 * margin. Plain Java; the method is documented in docs/MATCHING.md ("Tuning the thresholds from reviews").
 *
 * <ul>
 * <li>At threshold {@code t}, among the reviewed links of a rule with {@code score ≥ t}: precision =
 *     accepted / (accepted + rejected); UNSURE is counted but left out. The Wilson score interval (95 %) gives a lower
 *     bound of that precision, so that a handful of accepted links does not pass for proof.</li>
 * <li>Suggested threshold: the lowest {@code t} whose Wilson lower bound reaches the target precision, never below
 *     the lowest reviewed score (rounded down to {@link #STEP}): below it there is no evidence, since links under the
 *     threshold in force are never made and so never reviewed. None when no threshold reaches the target.</li>
 * <li>Suggested margin: the width of the band above the suggested threshold in which rejected links still occur
 *     (highest rejected score at or above it, minus it, rounded up to {@link #STEP}), at least {@link #MARGIN_FLOOR}
 *     and at most {@link #MARGIN_CAP}. Scores in that band do not tell a right link from a wrong one, so two candidates
 *     that close to each other should link to neither.</li>
 * </ul>
 */
public final class PrecisionReport {

    public static final double FROM = 0.80;
    public static final double TO = 1.00;
    public static final double STEP = 0.01;
    public static final double DEFAULT_TARGET = 0.95;
    /** The shipped default margin: the report never suggests a narrower one. */
    public static final double MARGIN_FLOOR = 0.02;
    public static final double MARGIN_CAP = 0.10;
    /** The standard normal quantile of a two-sided 95 % interval. */
    static final double Z = 1.959964;
    private static final double EPSILON = 1e-9;

    /** One reviewed link: its rule, its score, and the reviewer's verdict. */
    public record Label(String matchRule, double score, ReviewVerdict verdict) {
    }

    /** The reviewed links of a rule with {@code score ≥ threshold}; precision and its lower bound null when none is judged. */
    public record Row(double threshold, long accepted, long rejected, long unsure, Double precision, Double wilsonLower) {
    }

    /**
     * A rule's rows from {@link #FROM} to {@link #TO}, its totals, and the suggestion (null, with {@code reason}, when
     * the labels do not support one).
     */
    public record RuleReport(String matchRule, long accepted, long rejected, long unsure, List<Row> thresholds,
                             Double suggestedThreshold, Double suggestedMargin, String reason) {
    }

    private PrecisionReport() {
    }

    /** One report per rule, in rule order; labels without a rule are left out. */
    public static List<RuleReport> of(Collection<Label> labels, double target) {
        if (!(target > 0 && target < 1)) {
            throw new IllegalArgumentException("target must be between 0 and 1");
        }
        Map<String, List<Label>> byRule = new TreeMap<>();
        for (Label label : labels) {
            if (label.matchRule() != null) {
                byRule.computeIfAbsent(label.matchRule(), rule -> new ArrayList<>()).add(label);
            }
        }
        List<RuleReport> reports = new ArrayList<>();
        byRule.forEach((rule, ofRule) -> reports.add(forRule(rule, ofRule, target)));
        return reports;
    }

    static RuleReport forRule(String rule, List<Label> labels, double target) {
        List<Row> rows = new ArrayList<>();
        for (double threshold : thresholds()) {
            rows.add(row(threshold, labels));
        }
        long accepted = count(labels, ReviewVerdict.ACCEPT);
        long rejected = count(labels, ReviewVerdict.REJECT);
        long unsure = count(labels, ReviewVerdict.UNSURE);
        if (accepted + rejected == 0) {
            return new RuleReport(rule, accepted, rejected, unsure, rows, null, null, "no accepted or rejected link to learn from");
        }
        double lowestJudged = labels.stream().filter(l -> l.verdict() != ReviewVerdict.UNSURE)
                .mapToDouble(Label::score).min().orElseThrow();
        double floor = Math.floor(lowestJudged / STEP + EPSILON) * STEP;
        for (Row row : rows) {
            if (row.threshold() + EPSILON >= floor && row.wilsonLower() != null && row.wilsonLower() >= target) {
                double threshold = row.threshold();
                return new RuleReport(rule, accepted, rejected, unsure, rows, threshold, margin(labels, threshold), null);
            }
        }
        return new RuleReport(rule, accepted, rejected, unsure, rows, null, null, String.format(java.util.Locale.ROOT,
                "no threshold reaches a 95 %% lower bound of %.2f on %d judged links: more reviews are needed, or the rule "
                        + "does not reach the target", target, accepted + rejected));
    }

    /** {@link #FROM}, {@link #FROM} + {@link #STEP}, …, {@link #TO}, each rounded to two decimals. */
    static List<Double> thresholds() {
        List<Double> thresholds = new ArrayList<>();
        long steps = Math.round((TO - FROM) / STEP);
        for (long i = 0; i <= steps; i++) {
            thresholds.add(round(FROM + i * STEP));
        }
        return thresholds;
    }

    static Row row(double threshold, List<Label> labels) {
        long accepted = 0;
        long rejected = 0;
        long unsure = 0;
        for (Label label : labels) {
            if (label.score() + EPSILON >= threshold) {
                switch (label.verdict()) {
                    case ACCEPT -> accepted++;
                    case REJECT -> rejected++;
                    case UNSURE -> unsure++;
                }
            }
        }
        long judged = accepted + rejected;
        return new Row(threshold, accepted, rejected, unsure, judged == 0 ? null : (double) accepted / judged,
                judged == 0 ? null : wilsonLower(accepted, judged));
    }

    /** The lower end of the Wilson score interval (95 %) of {@code successes} out of {@code n}. */
    public static double wilsonLower(long successes, long n) {
        if (n <= 0 || successes < 0 || successes > n) {
            throw new IllegalArgumentException("need 0 ≤ successes ≤ n and n > 0");
        }
        double p = (double) successes / n;
        double z2 = Z * Z;
        double centre = p + z2 / (2.0 * n);
        double spread = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return Math.max(0, (centre - spread) / (1 + z2 / n));
    }

    /** The band above {@code threshold} in which rejected links still occur, within the floor and the cap. */
    static double margin(List<Label> labels, double threshold) {
        double highestRejected = labels.stream()
                .filter(l -> l.verdict() == ReviewVerdict.REJECT && l.score() + EPSILON >= threshold)
                .mapToDouble(Label::score).max().orElse(threshold);
        double band = Math.ceil((highestRejected - threshold) / STEP - EPSILON) * STEP;
        return round(Math.min(MARGIN_CAP, Math.max(MARGIN_FLOOR, band)));
    }

    private static long count(List<Label> labels, ReviewVerdict verdict) {
        return labels.stream().filter(l -> l.verdict() == verdict).count();
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
