package io.vitalink.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.Outcome;
import io.vitalink.avro.ReviewDecision;
import io.vitalink.serde.Codecs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every reader folds review-decisions the same way: the first decision on a result by offset counts, once. */
class ReviewRepositoryTest {

    private static final Instant FIRST_RESULT = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant LATER_RESULT = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void theFirstDecisionOnAResultCountsAndALaterOneIsRecordedAsRefused() throws Exception {
        try (JobStore store = JobStore.open(dir)) {
            store.apply(new IngestBatch().review(0, 10, bytes(decision("d1", "ACCEPT", FIRST_RESULT))));
            store.apply(new IngestBatch().review(0, 11, bytes(decision("d2", "REJECT", FIRST_RESULT))));

            assertThat(store.reviews().get("job", "r1")).get().extracting(ReviewDecision::getDecisionId).isEqualTo("d1");
            assertThat(store.reviews().refusals("job")).extracting(ReviewDecision::getDecisionId).containsExactly("d2");
        }
    }

    @Test
    void twoRacingDecisionsInOnePollEndWithTheFirstByOffset() throws Exception {
        try (JobStore store = JobStore.open(dir)) {
            store.apply(new IngestBatch()
                    .review(3, 7, bytes(decision("from-instance-b", "REJECT", FIRST_RESULT)))
                    .review(3, 8, bytes(decision("from-instance-a", "ACCEPT", FIRST_RESULT))));

            assertThat(store.reviews().get("job", "r1").orElseThrow().getDecision()).isEqualTo("REJECT");
            assertThat(store.reviews().refusals("job")).hasSize(1);
        }
    }

    @Test
    void aDecisionSentAgainChangesNothingAndIsNoRefusal() throws Exception {
        byte[] first = bytes(decision("d1", "UNSURE", FIRST_RESULT));
        try (JobStore store = JobStore.open(dir)) {
            store.apply(new IngestBatch().review(0, 1, first).review(0, 2, bytes(decision("d2", "ACCEPT", FIRST_RESULT))));
            store.apply(new IngestBatch().review(0, 3, first));

            assertThat(store.reviews().get("job", "r1").orElseThrow().getDecisionId()).isEqualTo("d1");
            assertThat(store.reviews().refusals("job")).extracting(ReviewDecision::getDecisionId).containsExactly("d2");
        }
    }

    @Test
    void aLaterResultOfAWatchedRecordTakesItsOwnFirstDecision() throws Exception {
        try (JobStore store = JobStore.open(dir)) {
            store.apply(new IngestBatch().review(0, 1, bytes(decision("old", "ACCEPT", FIRST_RESULT))));
            store.apply(new IngestBatch().review(0, 2, bytes(decision("new", "REJECT", LATER_RESULT))));
            store.apply(new IngestBatch().review(0, 3, bytes(decision("stale", "ACCEPT", FIRST_RESULT))));

            assertThat(store.reviews().get("job", "r1").orElseThrow().getDecisionId()).isEqualTo("new");
            assertThat(store.reviews().refusals("job")).extracting(ReviewDecision::getDecisionId).containsExactly("stale");
        }
    }

    @Test
    void foldsTheSameWayAfterARestartAndKeepsDecisionsApartPerRecordAndJob() throws Exception {
        try (JobStore store = JobStore.open(dir)) {
            store.apply(new IngestBatch().review(0, 1, bytes(decision("d1", "ACCEPT", FIRST_RESULT)))
                    .review(1, 1, bytes(ReviewDecision.newBuilder(decision("d3", "REJECT", FIRST_RESULT)).setRecordId("r2").build()))
                    .review(2, 1, bytes(ReviewDecision.newBuilder(decision("d4", "REJECT", FIRST_RESULT)).setJobId("job2").build())));
        }
        try (JobStore reopened = JobStore.open(dir)) {
            reopened.apply(new IngestBatch().review(0, 2, bytes(decision("d2", "REJECT", FIRST_RESULT))));

            assertThat(reopened.reviews().forJob("job")).containsOnlyKeys("r1", "r2");
            assertThat(reopened.reviews().get("job", "r1").orElseThrow().getDecisionId()).isEqualTo("d1");
            assertThat(reopened.reviews().get("job2", "r1").orElseThrow().getDecisionId()).isEqualTo("d4");
            List<String> all = new ArrayList<>();
            reopened.reviews().forEach(d -> all.add(d.getDecisionId()));
            assertThat(all).containsExactlyInAnyOrder("d1", "d3", "d4");
        }
    }

    @Test
    void theFoldRuleNamesWhatEachDecisionDoes() {
        ReviewDecision first = decision("d1", "ACCEPT", FIRST_RESULT);

        assertThat(ReviewFold.effect(null, first)).isEqualTo(ReviewFold.Effect.ACCEPTED);
        assertThat(ReviewFold.effect(first, first)).isEqualTo(ReviewFold.Effect.REPEATED);
        assertThat(ReviewFold.effect(first, decision("d2", "REJECT", FIRST_RESULT))).isEqualTo(ReviewFold.Effect.REFUSED);
        assertThat(ReviewFold.effect(first, decision("d2", "REJECT", LATER_RESULT))).isEqualTo(ReviewFold.Effect.ACCEPTED);
        assertThat(ReviewFold.effect(decision("d2", "REJECT", LATER_RESULT), first)).isEqualTo(ReviewFold.Effect.REFUSED);
    }

    private static ReviewDecision decision(String id, String verdict, Instant resultDecidedAt) {
        return ReviewDecision.newBuilder().setDecisionId(id).setJobId("job").setRecordId("r1").setOrganisation("centre-a")
                .setDecision(verdict).setReviewer("reviewer-a").setReviewedAt(Instant.now())
                .setResultDecidedAt(resultDecidedAt).setOutcome(Outcome.PROBABLE).setMatchRule("NAME_BIRTH_SEX")
                .setScore(0.95).build();
    }

    private static byte[] bytes(ReviewDecision decision) {
        return Codecs.REVIEW_DECISION.encode(decision);
    }
}
