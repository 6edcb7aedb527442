package io.vitalink.api.joblog;

import static io.vitalink.api.joblog.JobLifecycle.Event.ACCEPTED;
import static io.vitalink.api.joblog.JobLifecycle.Event.CANCELLED;
import static io.vitalink.api.joblog.JobLifecycle.Event.COMPLETED;
import static io.vitalink.api.joblog.JobLifecycle.Event.FAILED;
import static io.vitalink.api.joblog.JobLifecycle.Event.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class JobLifecycleTest {

    static Stream<Arguments> everyTransition() {
        return Stream.of(
                Arguments.of(null, null, List.of()),
                Arguments.of(null, JobState.RECEIVING, List.of(ACCEPTED)),
                Arguments.of(null, JobState.RUNNING, List.of(ACCEPTED, STARTED)),
                Arguments.of(null, JobState.COMPLETED, List.of(ACCEPTED, STARTED, COMPLETED)),
                Arguments.of(JobState.RECEIVING, null, List.of()),
                Arguments.of(JobState.RECEIVING, JobState.RECEIVING, List.of()),
                Arguments.of(JobState.RECEIVING, JobState.RUNNING, List.of(STARTED)),
                Arguments.of(JobState.RECEIVING, JobState.COMPLETED, List.of(STARTED, COMPLETED)),
                Arguments.of(JobState.RUNNING, null, List.of()),
                Arguments.of(JobState.RUNNING, JobState.RECEIVING, List.of()),
                Arguments.of(JobState.RUNNING, JobState.RUNNING, List.of()),
                Arguments.of(JobState.RUNNING, JobState.COMPLETED, List.of(COMPLETED)),
                Arguments.of(JobState.COMPLETED, null, List.of()),
                Arguments.of(JobState.COMPLETED, JobState.RECEIVING, List.of()),
                Arguments.of(JobState.COMPLETED, JobState.RUNNING, List.of()),
                Arguments.of(JobState.COMPLETED, JobState.COMPLETED, List.of()),
                Arguments.of(null, JobState.FAILED, List.of(ACCEPTED, FAILED)),
                Arguments.of(null, JobState.CANCELLED, List.of(ACCEPTED, CANCELLED)),
                Arguments.of(JobState.RECEIVING, JobState.CANCELLED, List.of(CANCELLED)),
                Arguments.of(JobState.RECEIVING, JobState.FAILED, List.of(FAILED)),
                Arguments.of(JobState.RUNNING, JobState.CANCELLED, List.of(CANCELLED)),
                Arguments.of(JobState.RUNNING, JobState.FAILED, List.of(FAILED)),
                Arguments.of(JobState.CANCELLED, JobState.CANCELLED, List.of()),
                Arguments.of(JobState.CANCELLED, JobState.RUNNING, List.of()),
                Arguments.of(JobState.FAILED, JobState.COMPLETED, List.of()),
                Arguments.of(JobState.COMPLETED, JobState.CANCELLED, List.of()));
    }

    @Test
    void aJobStoppedAfterItsFirstResultStartedBeforeItEnded() {
        JobProgress cancelled = builder(JobState.CANCELLED).setCreatedAt(Instant.parse("2026-11-23T10:00:00Z"))
                .setStartedAt(Instant.parse("2026-11-23T10:00:01Z")).setEndedAt(Instant.parse("2026-11-23T10:00:04Z"))
                .setReason("Cancelled by alice").build();

        assertThat(JobLifecycle.history(cancelled)).containsExactly(ACCEPTED, STARTED, CANCELLED);
        assertThat(CANCELLED.at(cancelled)).isEqualTo(Instant.parse("2026-11-23T10:00:04Z"));
        assertThat(JobLifecycle.durationMs(cancelled)).isEqualTo(3000L);
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyTransition")
    void yieldsTheEventsBetweenTwoStatesInOrderAndNoneBackwards(JobState before, JobState after,
                                                                  List<JobLifecycle.Event> expected) {
        assertThat(JobLifecycle.events(progress(before), progress(after))).containsExactlyElementsOf(expected);
    }

    @Test
    void everyStateOfTheSchemaIsReachedByOneEvent() {
        assertThat(Stream.of(JobLifecycle.Event.values()).map(JobLifecycle.Event::reached))
                .containsExactly(JobState.values());
    }

    @Test
    void counterChangesWithinAStateAreNoEvent() {
        JobProgress before = progress(JobState.RUNNING);
        JobProgress after = builder(JobState.RUNNING).setProcessed(5).setMatched(3).build();

        assertThat(JobLifecycle.events(before, after)).isEmpty();
    }

    @Test
    void historyListsEveryEventReachedWithItsTime() {
        JobProgress job = builder(JobState.COMPLETED)
                .setCreatedAt(Instant.parse("2026-11-23T10:00:00Z")).setStartedAt(Instant.parse("2026-11-23T10:00:01Z"))
                .setCompletedAt(Instant.parse("2026-11-23T10:00:03.500Z")).build();

        assertThat(JobLifecycle.history(job)).containsExactly(ACCEPTED, STARTED, COMPLETED);
        assertThat(COMPLETED.at(job)).isEqualTo(Instant.parse("2026-11-23T10:00:03.500Z"));
        assertThat(JobLifecycle.durationMs(job)).isEqualTo(2500L);
    }

    @Test
    void durationIsUnknownUntilCompletedAndFallsBackToAcceptance() {
        JobProgress running = builder(JobState.RUNNING).setCreatedAt(Instant.parse("2026-11-23T10:00:00Z")).build();
        assertThat(JobLifecycle.durationMs(running)).isNull();

        JobProgress noStart = builder(JobState.COMPLETED).setCreatedAt(Instant.parse("2026-11-23T10:00:00Z"))
                .setCompletedAt(Instant.parse("2026-11-23T10:00:02Z")).build();
        assertThat(JobLifecycle.durationMs(noStart)).isEqualTo(2000L);
    }

    static JobProgress progress(JobState state) {
        return state == null ? null : builder(state).build();
    }

    static JobProgress.Builder builder(JobState state) {
        return JobProgress.newBuilder().setJobId("11111111-1111-1111-1111-111111111111").setState(state);
    }
}
