package io.vitalink.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobRetentionTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private static final JobRetention RETENTION = new JobRetention(Duration.ofDays(30), Duration.ofHours(1));

    @Test
    void readsDaysHoursAndIsoDurations() {
        assertThat(JobRetention.parse("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(JobRetention.parse("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(JobRetention.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(JobRetention.parse(" 45s ")).isEqualTo(Duration.ofSeconds(45));
        assertThat(JobRetention.parse("P30D")).isEqualTo(Duration.ofDays(30));
        assertThat(JobRetention.parse("PT2H")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void refusesTextThatIsNotADuration() {
        assertThatThrownBy(() -> JobRetention.parse("30")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("30");
        assertThatThrownBy(() -> JobRetention.parse("thirty days")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JobRetention.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JobRetention(Duration.ZERO, Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCompletedJobExpiresByItsCompletionTimeNotItsLastUpdate() {
        JobProgress completed = progress(NOW.minus(Duration.ofDays(1)));
        completed.setState(JobState.COMPLETED);
        completed.setCompletedAt(NOW.minus(Duration.ofDays(31)));

        assertThat(RETENTION.expired(completed, NOW)).isTrue();
    }

    @Test
    void aNeverCompletedJobExpiresByItsLastUpdate() {
        JobProgress stale = progress(NOW.minus(Duration.ofDays(31)));
        JobProgress recent = progress(NOW.minus(Duration.ofDays(29)));

        assertThat(RETENTION.expired(stale, NOW)).isTrue();
        assertThat(RETENTION.expired(recent, NOW)).isFalse();
    }

    private static JobProgress progress(Instant updatedAt) {
        JobProgress progress = JobProgressMath.empty("job");
        progress.setUpdatedAt(updatedAt);
        return progress;
    }

    @Test
    void anUnfinishedJobStallsWhenUnchangedForLongerThanTheStallTimeout() {
        JobRetention retention = new JobRetention(Duration.ofDays(30), Duration.ofHours(1), Duration.ofHours(24));
        JobProgress running = progress(NOW.minus(Duration.ofHours(25)));
        running.setState(JobState.RUNNING);
        JobProgress recent = progress(NOW.minus(Duration.ofHours(23)));
        recent.setState(JobState.RECEIVING);

        assertThat(retention.stalled(running, NOW)).isTrue();
        assertThat(retention.stalled(recent, NOW)).isFalse();
    }

    @Test
    void aFinalJobNeverStalls() {
        JobRetention retention = new JobRetention(Duration.ofDays(30), Duration.ofHours(1), Duration.ofHours(24));
        for (JobState state : new JobState[] {JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED}) {
            JobProgress old = progress(NOW.minus(Duration.ofDays(3)));
            old.setState(state);
            assertThat(retention.stalled(old, NOW)).as(state.name()).isFalse();
        }
    }

    @Test
    void aCancelledJobExpiresByWhenItEnded() {
        JobProgress cancelled = progress(NOW.minus(Duration.ofDays(1)));
        cancelled.setState(JobState.CANCELLED);
        cancelled.setEndedAt(NOW.minus(Duration.ofDays(31)));

        assertThat(RETENTION.expired(cancelled, NOW)).isTrue();
    }
}
