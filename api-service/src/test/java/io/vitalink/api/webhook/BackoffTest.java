package io.vitalink.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));

    @Test
    void ceilingDoublesFromTheInitialDelayUpToTheMaximum() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.ceiling(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(32));
        assertThat(backoff.ceiling(7)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.ceiling(1_000)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void fullJitterSpansZeroToTheCeiling() {
        assertThat(backoff.delay(3, () -> 0.0)).isEqualTo(Duration.ZERO);
        assertThat(backoff.delay(3, () -> 0.5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delay(3, () -> 0.999_999)).isBetween(Duration.ofMillis(3_990), Duration.ofSeconds(4));
    }

    @Test
    void randomDelaysStayWithinTheirBoundsAndAreSpread() {
        Random random = new Random(42);
        for (int attempt = 1; attempt <= 12; attempt++) {
            Duration ceiling = backoff.ceiling(attempt);
            for (int i = 0; i < 200; i++) {
                assertThat(backoff.delay(attempt, random::nextDouble)).isBetween(Duration.ZERO, ceiling);
            }
        }
        long different = java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> backoff.delay(8, random::nextDouble)).distinct().count();
        assertThat(different).isGreaterThan(90);
    }
}
