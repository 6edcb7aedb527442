package io.vitalink.local.evaluation;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Precision and recall of each kind of link, measured against the truth of an {@link EvaluationSet}.
 *
 * <p>A link is correct when the death record it names ({@code linkedIdNumber}) is the person's own. Recall of
 * exact-ID links counts the requests whose ID normalises to the registered one; recall of probable links counts
 * the dying requests without a usable ID.
 */
public record QualityReport(Metric idExact, Metric probable, Metric anyLink,
                            Map<Scenario, Map<String, Integer>> outcomesByScenario, int requests) {

    public static final List<String> OUTCOMES = List.of("MATCHED", "MATCHED_WITH_DISCREPANCY", "PROBABLE", "NOT_FOUND",
            "INVALID");

    /** What the service answered for one request. */
    public record Answer(String outcome, String matchRule, String linkedId) {
    }

    /**
     * @param links results of this kind
     * @param correct of those, linked to the person's own death
     * @param linkable requests this kind of link should find
     * @param found of those, found correctly by this kind of link
     */
    public record Metric(long links, long correct, long linkable, long found) {

        public double precision() {
            return links == 0 ? 1.0 : (double) correct / links;
        }

        public double recall() {
            return linkable == 0 ? 1.0 : (double) found / linkable;
        }
    }

    /** @throws IllegalArgumentException when a request has no answer */
    public static QualityReport of(List<LabelledRequest> requests, Map<String, Answer> answers) {
        long idLinks = 0, idCorrect = 0, idLinkable = 0, idFound = 0;
        long probLinks = 0, probCorrect = 0, probLinkable = 0, probFound = 0;
        long links = 0, correct = 0, dying = 0, dyingFound = 0;
        Map<Scenario, Map<String, Integer>> byScenario = new EnumMap<>(Scenario.class);
        for (LabelledRequest request : requests) {
            Answer answer = answers.get(request.recordId());
            if (answer == null) {
                throw new IllegalArgumentException("no answer for " + request.recordId());
            }
            byScenario.computeIfAbsent(request.scenario(), s -> new TreeMap<>()).merge(answer.outcome(), 1, Integer::sum);
            boolean linked = answer.linkedId() != null;
            boolean right = linked && answer.linkedId().equals(request.truthId());
            boolean byId = "ID_EXACT".equals(answer.matchRule());
            boolean probable = "PROBABLE".equals(answer.outcome());
            idLinks += byId ? 1 : 0;
            idCorrect += byId && right ? 1 : 0;
            probLinks += probable ? 1 : 0;
            probCorrect += probable && right ? 1 : 0;
            links += linked ? 1 : 0;
            correct += right ? 1 : 0;
            if (request.scenario().dying()) {
                dying++;
                dyingFound += right ? 1 : 0;
                if (request.scenario().linkableById()) {
                    idLinkable++;
                    idFound += byId && right ? 1 : 0;
                } else {
                    probLinkable++;
                    probFound += probable && right ? 1 : 0;
                }
            }
        }
        return new QualityReport(new Metric(idLinks, idCorrect, idLinkable, idFound),
                new Metric(probLinks, probCorrect, probLinkable, probFound),
                new Metric(links, correct, dying, dyingFound), byScenario, requests.size());
    }

    /** The two tables of docs/MATCHING.md. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("| links | results | correct | precision | should find | found | recall |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        row(md, "exact ID (`ID_EXACT`: MATCHED + MATCHED_WITH_DISCREPANCY)", idExact);
        row(md, "probable (`NAME_BIRTH_SEX`: PROBABLE)", probable);
        row(md, "any link", anyLink);
        md.append("\n| scenario | requests | expected |");
        OUTCOMES.forEach(o -> md.append(' ').append(o).append(" |"));
        md.append("\n|---|---:|---|").append("---:|".repeat(OUTCOMES.size())).append('\n');
        outcomesByScenario.forEach((scenario, outcomes) -> {
            md.append("| ").append(scenario.name()).append(" — ").append(scenario.description()).append(" | ")
                    .append(outcomes.values().stream().mapToInt(Integer::intValue).sum()).append(" | ")
                    .append(scenario.expected()).append(" |");
            OUTCOMES.forEach(o -> md.append(' ').append(outcomes.getOrDefault(o, 0)).append(" |"));
            md.append('\n');
        });
        return md.toString();
    }

    private static void row(StringBuilder md, String label, Metric m) {
        md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.4f | %d | %d | %.4f |%n", label, m.links(), m.correct(),
                m.precision(), m.linkable(), m.found(), m.recall()));
    }
}
