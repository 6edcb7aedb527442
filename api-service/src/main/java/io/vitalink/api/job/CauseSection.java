package io.vitalink.api.job;

import io.vitalink.avro.CauseLine;
import io.vitalink.avro.MatchResult;
import java.util.ArrayList;
import java.util.List;

/** A result's cause section as the certificate lays it out, for the formats that show it whole. */
final class CauseSection {

    /** The names of Part I's lines: (a) the direct cause, then each condition that led to the line above. */
    static final List<String> LINES = List.of("a", "b", "c", "d");

    private CauseSection() {
    }

    /** Part I: line (a) from the direct cause (null when the result has none), then lines (b)..(d) as recorded. */
    static List<CauseLine> partOne(MatchResult r) {
        List<CauseLine> lines = new ArrayList<>(LINES.size());
        boolean direct = r.getDirectCause() != null || r.getDirectCauseIcd10() != null || r.getDirectCauseInterval() != null;
        lines.add(direct ? new CauseLine(r.getDirectCause(), r.getDirectCauseIcd10(), r.getDirectCauseInterval()) : null);
        if (r.getAntecedentCauses() != null) {
            lines.addAll(r.getAntecedentCauses().subList(0, Math.min(r.getAntecedentCauses().size(), LINES.size() - 1)));
        }
        return lines;
    }

    /** Part II coded; empty when the death record has none. */
    static List<CauseLine> partTwo(MatchResult r) {
        return r.getOtherConditions() == null ? List.of() : r.getOtherConditions();
    }
}
