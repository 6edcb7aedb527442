package io.vitalink.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeBurstsTest {

    private Instant now = Instant.parse("2026-12-07T08:00:00Z");
    private final List<Runnable> due = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();
    private final List<String> told = new ArrayList<>();
    private final ChangeBursts bursts = new ChangeBursts(Duration.ofSeconds(5), Duration.ofMinutes(1), new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }, (delay, task) -> {
        delays.add(delay);
        due.add(task);
    }, told::add);

    @Test
    void tellsABurstOnceWhenItsFeedHasBeenStillForTheQuietPeriod() {
        bursts.grew("job");
        advance(Duration.ofSeconds(2));
        bursts.grew("job");
        bursts.grew("job");

        runDue(Duration.ofSeconds(3));
        assertThat(told).isEmpty();
        runDue(Duration.ofSeconds(2));

        assertThat(told).containsExactly("job");
        assertThat(due).isEmpty();
    }

    @Test
    void tellsAFeedThatNeverRestsAtTheLatestAfterTheLongestWait() {
        bursts.grew("busy");
        for (int second = 0; second < 70 && told.isEmpty(); second++) {
            advance(Duration.ofSeconds(1));
            bursts.grew("busy");
            if (!due.isEmpty() && second % 4 == 3) {
                runDue(Duration.ZERO);
            }
        }

        assertThat(told).containsExactly("busy");
        assertThat(Duration.between(Instant.parse("2026-12-07T08:00:00Z"), now)).isLessThanOrEqualTo(Duration.ofSeconds(64));
    }

    @Test
    void tellsEachJobApart() {
        bursts.grew("a");
        bursts.grew("b");

        runDue(Duration.ofSeconds(5));

        assertThat(told).containsExactlyInAnyOrder("a", "b");
    }

    private void advance(Duration by) {
        now = now.plus(by);
    }

    /** Moves the clock on by {@code by} and runs the tasks scheduled so far. */
    private void runDue(Duration by) {
        advance(by);
        List<Runnable> tasks = new ArrayList<>(due);
        due.clear();
        tasks.forEach(Runnable::run);
    }
}
