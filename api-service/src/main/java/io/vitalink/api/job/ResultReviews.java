package io.vitalink.api.job;

import io.vitalink.api.store.ReviewRepository;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import io.vitalink.avro.ReviewDecision;
import io.vitalink.crypto.RecordProtection;
import java.util.function.Function;

/**
 * Which results a reviewer judges, and the decision shown with a result. A decision belongs to the result it judged
 * (told by that result's {@code decidedAt}): a watched record's later result is pending again.
 */
public final class ResultReviews {

    private ResultReviews() {
    }

    /** PROBABLE and MATCHED_WITH_DISCREPANCY: the outcomes that need a person's judgement. */
    public static boolean uncertain(Outcome outcome) {
        return outcome == Outcome.PROBABLE || outcome == Outcome.MATCHED_WITH_DISCREPANCY;
    }

    /** Whether {@code decision} judged {@code result} (and not an earlier or later result of the same record). */
    public static boolean judges(ReviewDecision decision, MatchResult result) {
        return decision != null && decision.getResultDecidedAt().equals(result.getDecidedAt());
    }

    /** The decision shown with each result: one store read for an uncertain result only, none for the others. */
    public static Function<MatchResult, ResultReview> lookup(ReviewRepository reviews, RecordProtection protection) {
        return result -> {
            if (!uncertain(result.getOutcome())) {
                return null;
            }
            ReviewDecision decision = reviews.get(result.getJobId(), result.getRecordId()).orElse(null);
            return judges(decision, result) ? view(protection.open(decision)) : null;
        };
    }

    /** The decision as a result's reader sees it; {@code decision} opened. */
    public static ResultReview view(ReviewDecision decision) {
        return new ResultReview(decision.getDecision(), decision.getNote(), decision.getReviewer(), decision.getReviewedAt());
    }
}
