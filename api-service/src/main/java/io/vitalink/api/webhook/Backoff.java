package io.vitalink.api.webhook;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: after the n-th failed attempt wait a uniformly random time in
 * {@code [0, min(maxDelay, initialDelay * 2^(n-1))]}, so receivers recovering from an outage are not hit by
 * every sender at once.
 */
public record Backoff(Duration initialDelay, Duration maxDelay) {

    /** @param failedAttempts attempts failed so far, at least 1; @param random uniform in [0, 1) */
    public Duration delay(int failedAttempts, DoubleSupplier random) {
        return Duration.ofMillis((long) (random.getAsDouble() * ceiling(failedAttempts).toMillis()));
    }

    /** The upper bound of the wait after the n-th failed attempt. */
    public Duration ceiling(int failedAttempts) {
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 40));
        long initial = initialDelay.toMillis();
        long max = maxDelay.toMillis();
        long ceiling = initial > (max >> doublings) ? max : initial << doublings;
        return Duration.ofMillis(Math.min(max, ceiling));
    }
}
