package io.vitalink.api.store;

import io.vitalink.avro.ReviewDecision;

/**
 * What a decision read from review-decisions does to the record's stored one. Plain Java: every API instance folds
 * the topic in offset order with this rule, so every instance ends with the same decision on every result.
 */
public final class ReviewFold {

    /** What becomes of a decision read from the topic. */
    public enum Effect {
        /** The first decision on the result it judged: it counts. */
        ACCEPTED,
        /** The decision already counted, sent again (by an instance that lost a race, so compaction keeps it). */
        REPEATED,
        /** The result it judged was decided before, or it judged a result older than the one decided: refused. */
        REFUSED
    }

    private ReviewFold() {
    }

    /**
     * @param stored the decision that counts for the record so far, or null
     * @param next the decision read next from the topic
     */
    public static Effect effect(ReviewDecision stored, ReviewDecision next) {
        if (stored == null) {
            return Effect.ACCEPTED;
        }
        if (stored.getDecisionId().equals(next.getDecisionId())) {
            return Effect.REPEATED;
        }
        // a watched record's later result is another result: its first decision counts, and replaces the old one's
        return next.getResultDecidedAt().isAfter(stored.getResultDecidedAt()) ? Effect.ACCEPTED : Effect.REFUSED;
    }
}
