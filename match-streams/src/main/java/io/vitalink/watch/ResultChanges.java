package io.vitalink.watch;

import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import io.vitalink.avro.ResultTrigger;
import java.time.Instant;
import java.util.Optional;

/**
 * What a watched record's new decision means against its latest result: nothing when it decides the same (a
 * death record loaded again unchanged, or a change that does not touch this record), else the new result marked
 * with why it replaces the old one. Plain Java.
 */
public final class ResultChanges {

    private static final Instant SAME_TIME = Instant.EPOCH;

    private ResultChanges() {
    }

    public static Optional<MatchResult> change(MatchResult latest, MatchResult next) {
        boolean wasLinked = linked(latest.getOutcome());
        boolean isLinked = linked(next.getOutcome());
        if (!wasLinked && !isLinked || sameDecision(latest, next)) {
            return Optional.empty();
        }
        ResultTrigger trigger = !wasLinked ? ResultTrigger.NEW_DEATH_RECORD : isLinked ? ResultTrigger.UPDATED : ResultTrigger.RETRACTED;
        MatchResult change = copy(next);
        change.setTrigger(trigger);
        change.setPreviousOutcome(latest.getOutcome());
        return Optional.of(change);
    }

    public static boolean linked(Outcome outcome) {
        return outcome == Outcome.MATCHED || outcome == Outcome.MATCHED_WITH_DISCREPANCY || outcome == Outcome.PROBABLE;
    }

    /**
     * Equal but for when it was decided and why, and for the review's comparison: it only restates the two sides, whose
     * differences the score, discrepancies and similarity already carry; a result kept from before the comparison
     * existed must not turn into a change when its death record is loaded again unchanged.
     */
    static boolean sameDecision(MatchResult a, MatchResult b) {
        return comparable(a).equals(comparable(b));
    }

    private static MatchResult comparable(MatchResult result) {
        MatchResult comparable = copy(result);
        comparable.setDecidedAt(SAME_TIME);
        comparable.setTrigger(null);
        comparable.setPreviousOutcome(null);
        comparable.setComparison(null);
        return comparable;
    }

    /** A shallow copy: Avro's copying builder deep-copies enums through its class-trust check. */
    private static MatchResult copy(MatchResult result) {
        MatchResult copy = new MatchResult();
        for (int field = 0; field < MatchResult.SCHEMA$.getFields().size(); field++) {
            copy.put(field, result.get(field));
        }
        return copy;
    }
}
