package io.vitalink.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import io.vitalink.avro.ResultTrigger;
import io.vitalink.watch.Watches.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class WatchesTest {

    private static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    @Test
    void watchesAJobUntilTheEndOfItsLastDay() {
        assertThat(Watches.status(job(TODAY), NOW, NOW, TODAY)).isEqualTo(Status.ACTIVE);
        assertThat(Watches.status(job(TODAY.minusDays(1)), NOW, NOW, TODAY)).isEqualTo(Status.ENDED);
        assertThat(Watches.status(job(null), NOW, NOW, TODAY)).isEqualTo(Status.ENDED);
    }

    @Test
    void aCancellationOrAFailureEndsTheWatch() {
        JobProgress cancelled = job(TODAY.plusYears(5));
        cancelled.setWatchEndedAt(NOW);
        JobProgress failed = job(TODAY.plusYears(5));
        failed.setState(JobState.FAILED);

        assertThat(Watches.status(cancelled, NOW, NOW, TODAY)).isEqualTo(Status.ENDED);
        assertThat(Watches.status(failed, NOW, NOW, TODAY)).isEqualTo(Status.ENDED);
        assertThat(Watches.endOf(cancelled)).isEqualTo(NOW);
    }

    @Test
    void keepsTheRecordsOfAJobNotKnownYetForADayOnly() {
        assertThat(Watches.registers(null, TODAY)).isTrue();
        assertThat(Watches.status(null, NOW, NOW.plus(Duration.ofHours(23)), TODAY)).isEqualTo(Status.PENDING);
        assertThat(Watches.status(null, NOW, NOW.plus(Duration.ofHours(25)), TODAY)).isEqualTo(Status.ENDED);
    }

    @Test
    void aResultThatDecidesTheSameIsNoChangeWhateverItsTime() {
        MatchResult linked = result(Outcome.MATCHED, "C34.9", NOW);

        assertThat(ResultChanges.change(linked, result(Outcome.MATCHED, "C34.9", NOW.plusSeconds(60)))).isEmpty();
        assertThat(ResultChanges.change(result(Outcome.NOT_FOUND, null, NOW), result(Outcome.NOT_FOUND, null, NOW.plusSeconds(1)))).isEmpty();
    }

    @Test
    void aResultKeptFromBeforeTheReviewComparisonIsNoChangeWhenDecidedTheSameWithOne() {
        MatchResult kept = result(Outcome.PROBABLE, "C34.9", NOW);
        MatchResult again = result(Outcome.PROBABLE, "C34.9", NOW.plusSeconds(60));
        again.setComparison(io.vitalink.avro.LinkComparison.newBuilder().setRequestName("王伟").setDeathName("王伟").build());

        assertThat(ResultChanges.change(kept, again)).isEmpty();
    }

    @Test
    void namesWhyAResultChanged() {
        MatchResult none = result(Outcome.NOT_FOUND, null, NOW);
        MatchResult linked = result(Outcome.MATCHED, "C34.9", NOW);
        MatchResult corrected = result(Outcome.MATCHED, "C22.0", NOW);

        assertThat(ResultChanges.change(none, linked)).get().extracting(MatchResult::getTrigger).isEqualTo(ResultTrigger.NEW_DEATH_RECORD);
        assertThat(ResultChanges.change(linked, corrected)).get().extracting(MatchResult::getTrigger).isEqualTo(ResultTrigger.UPDATED);
        assertThat(ResultChanges.change(linked, none)).get().satisfies(change -> {
            assertThat(change.getTrigger()).isEqualTo(ResultTrigger.RETRACTED);
            assertThat(change.getPreviousOutcome()).isEqualTo(Outcome.MATCHED);
        });
    }

    private static JobProgress job(LocalDate until) {
        return JobProgress.newBuilder().setJobId("j").setState(JobState.COMPLETED).setWatchUntil(until).build();
    }

    private static MatchResult result(Outcome outcome, String icd10, Instant at) {
        return MatchResult.newBuilder().setJobId("j").setRecordId("r").setOutcome(outcome).setDirectCauseIcd10(icd10)
                .setDecidedAt(at).build();
    }
}
