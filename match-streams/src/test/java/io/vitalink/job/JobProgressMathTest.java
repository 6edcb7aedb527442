package io.vitalink.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.JobControl;
import io.vitalink.avro.JobEvent;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JobProgressMathTest {

    private static final String JOB = "job-1";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void isReceivingUntilTheJobIsClosed() {
        JobProgress progress = fold(List.of(opened(T0), result(Outcome.MATCHED, T0.plusSeconds(1))));

        assertThat(progress.getState()).isEqualTo(JobState.RECEIVING);
        assertThat(progress.getExpected()).isNull();
        assertThat(progress.getProcessed()).isEqualTo(1);
    }

    @Test
    void isRunningWhileFewerThanExpectedAreProcessed() {
        JobProgress progress = fold(List.of(opened(T0), closed(3, T0.plusSeconds(1)), result(Outcome.MATCHED, T0.plusSeconds(2))));

        assertThat(progress.getState()).isEqualTo(JobState.RUNNING);
        assertThat(progress.getCompletedAt()).isNull();
    }

    @Test
    void completesWhenTheLastExpectedRecordIsProcessed() {
        JobProgress progress = fold(List.of(opened(T0), closed(2, T0.plusSeconds(1)),
                result(Outcome.MATCHED, T0.plusSeconds(2)), result(Outcome.INVALID, T0.plusSeconds(3))));

        assertThat(progress.getState()).isEqualTo(JobState.COMPLETED);
        assertThat(progress.getCompletedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(progress.getStartedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(progress.getCreatedAt()).isEqualTo(T0);
    }

    @Test
    void keepsTheOwnerFromTheOpeningRecordWhateverTheOrder() {
        JobProgress opened = JobProgressMath.ofControl(JobControl.newBuilder().setJobId(JOB).setEvent(JobEvent.OPENED)
                .setAt(T0).setOrganisation("centre-a").setSubmittedBy("alice").build());

        JobProgress progress = fold(List.of(result(Outcome.MATCHED, T0.plusSeconds(2)), opened, closed(1, T0.plusSeconds(3))));

        assertThat(progress.getOrganisation()).isEqualTo("centre-a");
        assertThat(progress.getSubmittedBy()).isEqualTo("alice");
    }

    @Test
    void isPublishableOnceOpenedOrEndedButNotWhileOnlyCountsAreSummed() {
        JobProgress countsOnly = fold(List.of(result(Outcome.MATCHED, T0.plusSeconds(2))));
        JobProgress opened = fold(List.of(result(Outcome.MATCHED, T0.plusSeconds(2)), opened(T0)));
        JobProgress endedUnopened = fold(List.of(result(Outcome.MATCHED, T0.plusSeconds(2)), closed(1, T0.plusSeconds(3))));

        assertThat(JobProgressMath.publishable(countsOnly)).isFalse();
        assertThat(JobProgressMath.publishable(opened)).isTrue();
        assertThat(endedUnopened.getState()).isEqualTo(JobState.COMPLETED);
        assertThat(JobProgressMath.publishable(endedUnopened)).as("a producer that never opened it still sees it end").isTrue();
    }

    @Test
    void keepsTheCallbackUrlFromTheOpeningRecordWhateverTheOrder() {
        JobProgress opened = JobProgressMath.ofControl(JobControl.newBuilder().setJobId(JOB).setEvent(JobEvent.OPENED)
                .setAt(T0).setOrganisation("centre-a").setCallbackUrl("https://hooks.example.org/vitalink").build());

        JobProgress progress = fold(List.of(result(Outcome.MATCHED, T0.plusSeconds(2)), opened, closed(1, T0.plusSeconds(3))));

        assertThat(progress.getState()).isEqualTo(JobState.COMPLETED);
        assertThat(progress.getCallbackUrl()).isEqualTo("https://hooks.example.org/vitalink");
    }

    @Test
    void completesWhenTheEndMarkerArrivesAfterAllResults() {
        JobProgress progress = fold(List.of(result(Outcome.NOT_FOUND, T0.plusSeconds(2)), closed(1, T0.plusSeconds(5))));

        assertThat(progress.getState()).isEqualTo(JobState.COMPLETED);
        assertThat(progress.getCompletedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void completedAtDoesNotMoveWhenLateEventsArrive() {
        JobProgress done = fold(List.of(closed(1, T0), result(Outcome.MATCHED, T0.plusSeconds(1))));
        JobProgress later = JobProgressMath.merge(done, opened(T0.plusSeconds(9)));

        assertThat(later.getCompletedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(later.getCreatedAt()).isEqualTo(T0.plusSeconds(9));
    }

    @Test
    void countsDeadLettersAsProcessed() {
        JobProgress progress = fold(List.of(closed(2, T0), deadLetter(T0),
                result(Outcome.MATCHED, T0)));

        assertThat(progress.getDeadLettered()).isEqualTo(1);
        assertThat(progress.getProcessed()).isEqualTo(2);
        assertThat(progress.getState()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void givesTheSameCountersWhateverTheOrderOfEvents() {
        List<JobProgress> events = new ArrayList<>();
        events.add(opened(T0));
        events.add(closed(40, T0.plusSeconds(1)));
        Outcome[] outcomes = Outcome.values();
        for (int i = 0; i < 37; i++) {
            events.add(result(outcomes[i % outcomes.length], T0.plusSeconds(10 + i)));
        }
        for (int i = 0; i < 3; i++) {
            events.add(deadLetter(T0.plusSeconds(60 + i)));
        }
        JobProgress reference = fold(events);
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<JobProgress> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, random);
            JobProgress progress = fold(shuffled);
            assertThat(progress.getState()).isEqualTo(JobState.COMPLETED);
            assertThat(progress.getProcessed()).isEqualTo(40);
            assertThat(progress.getMatched()).isEqualTo(reference.getMatched());
            assertThat(progress.getNotFound()).isEqualTo(reference.getNotFound());
            assertThat(progress.getInvalid()).isEqualTo(reference.getInvalid());
            assertThat(progress.getMatchedWithDiscrepancy()).isEqualTo(reference.getMatchedWithDiscrepancy());
            assertThat(progress.getProbable()).isEqualTo(reference.getProbable());
            assertThat(progress.getDeadLettered()).isEqualTo(3);
            assertThat(progress.getCreatedAt()).isEqualTo(T0);
            assertThat(progress.getStartedAt()).isEqualTo(T0.plusSeconds(10));
        }
        assertThat(reference.getMatched() + reference.getNotFound() + reference.getInvalid()
                + reference.getMatchedWithDiscrepancy() + reference.getProbable()).isEqualTo(37);
        assertThat(List.of(reference.getMatched(), reference.getNotFound(), reference.getInvalid(),
                reference.getMatchedWithDiscrepancy(), reference.getProbable())).allMatch(count -> count > 0);
    }

    @Test
    void aCancelledJobStaysCancelledWhileLateCountsStillAddUp() {
        JobProgress progress = fold(List.of(opened(T0), result(Outcome.MATCHED, T0.plusSeconds(1)),
                cancelled("Cancelled by alice", T0.plusSeconds(2)), closed(3, T0.plusSeconds(3)),
                result(Outcome.NOT_FOUND, T0.plusSeconds(4)), result(Outcome.MATCHED, T0.plusSeconds(5)),
                skipped(T0.plusSeconds(6))));

        assertThat(progress.getState()).isEqualTo(JobState.CANCELLED);
        assertThat(progress.getEndedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(progress.getReason()).isEqualTo("Cancelled by alice");
        assertThat(progress.getCompletedAt()).isNull();
        assertThat(progress.getProcessed()).isEqualTo(3);
        assertThat(progress.getSkipped()).isEqualTo(1);
    }

    @Test
    void aFailedControlRecordFailsTheJobWithItsCodeAndReason() {
        JobProgress failed = JobProgressMath.ofControl(JobControl.newBuilder().setJobId(JOB).setEvent(JobEvent.FAILED)
                .setAt(T0.plusSeconds(2)).setReasonCode("VL-1503").setReason("Kafka unavailable").build());

        JobProgress progress = fold(List.of(opened(T0), failed));

        assertThat(progress.getState()).isEqualTo(JobState.FAILED);
        assertThat(progress.getReasonCode()).isEqualTo("VL-1503");
        assertThat(progress.getReason()).isEqualTo("Kafka unavailable");
        assertThat(progress.getEndedAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void aCompletedJobIsNotCancelledAfterwards() {
        JobProgress progress = fold(List.of(opened(T0), closed(1, T0.plusSeconds(1)), result(Outcome.MATCHED, T0.plusSeconds(2)),
                cancelled("too late", T0.plusSeconds(3))));

        assertThat(progress.getState()).isEqualTo(JobState.COMPLETED);
        assertThat(progress.getEndedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(progress.getReason()).isNull();
    }

    @Test
    void failingAJobKeepsItsCountersAndLeavesAFinalJobAlone() {
        JobProgress running = fold(List.of(opened(T0), closed(2, T0.plusSeconds(1)), result(Outcome.MATCHED, T0.plusSeconds(2))));

        JobProgress failed = JobProgressMath.failed(running, "VL-4005", "stalled", T0.plusSeconds(9));
        JobProgress cancelledThenFailed = JobProgressMath.failed(
                JobProgressMath.merge(running, cancelled("by bob", T0.plusSeconds(3))), "VL-4005", "stalled", T0.plusSeconds(9));

        assertThat(failed.getState()).isEqualTo(JobState.FAILED);
        assertThat(failed.getReasonCode()).isEqualTo("VL-4005");
        assertThat(failed.getMatched()).isEqualTo(1);
        assertThat(failed.getEndedAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(cancelledThenFailed.getState()).isEqualTo(JobState.CANCELLED);
        assertThat(cancelledThenFailed.getReasonCode()).isNull();
    }

    @Test
    void skippedRequestsAreNotProcessedSoTheyNeverCompleteAJob() {
        JobProgress progress = fold(List.of(closed(1, T0), skipped(T0.plusSeconds(1))));

        assertThat(progress.getState()).isEqualTo(JobState.RUNNING);
        assertThat(progress.getProcessed()).isZero();
        assertThat(progress.getSkipped()).isEqualTo(1);
    }

    private static JobProgress fold(List<JobProgress> deltas) {
        JobProgress total = JobProgressMath.empty(JOB);
        for (JobProgress delta : deltas) {
            total = JobProgressMath.merge(total, delta);
        }
        return total;
    }

    private static JobProgress opened(Instant at) {
        return JobProgressMath.ofControl(JobControl.newBuilder().setJobId(JOB).setEvent(JobEvent.OPENED).setAt(at).build());
    }

    private static JobProgress cancelled(String reason, Instant at) {
        return JobProgressMath.ofControl(JobControl.newBuilder().setJobId(JOB).setEvent(JobEvent.CANCELLED)
                .setReason(reason).setAt(at).build());
    }

    private static JobProgress closed(long expected, Instant at) {
        return JobProgressMath.ofControl(JobControl.newBuilder().setJobId(JOB).setEvent(JobEvent.CLOSED)
                .setExpected(expected).setAt(at).build());
    }

    private static JobProgress result(Outcome outcome, Instant at) {
        return resultDelta(MatchResult.newBuilder().setJobId(JOB).setRecordId("r").setOutcome(outcome)
                .setDecidedAt(at).build());
    }

    private static JobProgress resultDelta(MatchResult result) {
        return Tally.NONE.withResult(result).toDelta(result.getJobId());
    }

    private static JobProgress deadLetter(java.time.Instant at) {
        return Tally.NONE.withDeadLetter(at).toDelta(JOB);
    }

    private static JobProgress skipped(java.time.Instant at) {
        return Tally.NONE.withSkipped(at).toDelta(JOB);
    }
}
