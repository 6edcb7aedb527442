package io.vitalink.bench;

import io.vitalink.match.rules.Decisions;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Every exported result against the reference, record by record: the outcome and the linked death. Only counts
 * come out (by expected and actual outcome), never a record's ID or name.
 */
record OutcomeCheck(long compared, Map<String, Long> mismatches, long idExactLinks) {

    static final String MISSING = "MISSING";
    static final String OTHER_DEATH = " (another death)";

    boolean passed() {
        return mismatches.isEmpty();
    }

    long mismatchCount() {
        return mismatches.values().stream().mapToLong(Long::longValue).sum();
    }

    /** e.g. {@code 0 mismatches} or {@code 3 mismatches: PROBABLE→NOT_FOUND 2, MATCHED→MISSING 1}. */
    String summary() {
        StringBuilder text = new StringBuilder(String.format(java.util.Locale.ROOT, "%,d mismatches of %,d", mismatchCount(), compared));
        mismatches.forEach((pair, n) -> text.append(text.indexOf(":") < 0 ? ": " : ", ").append(pair).append(' ').append(n));
        return text.toString();
    }

    static OutcomeCheck of(Map<String, Reference.Expected> expected, Path resultsCsv) throws IOException {
        Map<String, Long> mismatches = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        long idExact = 0;
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = Files.newBufferedReader(resultsCsv, StandardCharsets.UTF_8); CSVParser parser = format.parse(reader)) {
            for (CSVRecord row : parser) {
                String recordId = row.get("record_id");
                Reference.Expected want = expected.get(recordId);
                String outcome = row.get("outcome");
                String linked = emptyToNull(row.get("linked_id_number"));
                if (Decisions.ID_EXACT.equals(row.get("match_rule"))) {
                    idExact++;
                }
                if (want == null || !seen.add(recordId)) {
                    mismatches.merge((want == null ? "not submitted" : "duplicate") + "→" + outcome, 1L, Long::sum);
                } else if (!want.outcome().equals(outcome)) {
                    mismatches.merge(want.outcome() + "→" + outcome, 1L, Long::sum);
                } else if (want.linkedId() == null ? linked != null : !want.linkedId().equals(linked)) {
                    mismatches.merge(want.outcome() + "→" + outcome + OTHER_DEATH, 1L, Long::sum);
                }
            }
        }
        for (Map.Entry<String, Reference.Expected> want : expected.entrySet()) {
            if (!seen.contains(want.getKey())) {
                mismatches.merge(want.getValue().outcome() + "→" + MISSING, 1L, Long::sum);
            }
        }
        return new OutcomeCheck(expected.size(), mismatches, idExact);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
