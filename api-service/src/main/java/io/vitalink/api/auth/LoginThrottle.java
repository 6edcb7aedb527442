package io.vitalink.api.auth;

import io.micronaut.context.annotation.Value;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Throttles password guessing from one address across accounts: after {@code max} failed logins (refreshes, and
 * wrong current passwords of own password changes, count too) within {@code window}, further logins and own
 * password changes from that address are refused (429) until the oldest failure leaves the
 * window. Per instance and in memory: the account lockout (kept in the users topic) is the durable control.
 */
@Singleton
public class LoginThrottle {

    private static final int MAX_TRACKED_ADDRESSES = 10_000;

    private final int max;
    private final long windowNanos;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(@Value("${vitalink.security.login.max-failures-per-address:20}") int max,
                         @Value("${vitalink.security.login.failure-window:1m}") Duration window) {
        this.max = max;
        this.windowNanos = window.toNanos();
    }

    /** @throws ApiException VL-1107 when the address has failed too often lately */
    public void check(String address) {
        Deque<Long> times = failures.get(address);
        if (times == null) {
            return;
        }
        synchronized (times) {
            long now = System.nanoTime();
            prune(times, now);
            if (times.size() >= max) {
                throw new ApiException(ErrorCode.TOO_MANY_ATTEMPTS, "Too many failed logins from this address: wait and try again")
                        .retryAfter(Duration.ofNanos(times.peekFirst() + windowNanos - now));
            }
        }
    }

    public void failed(String address) {
        if (failures.size() >= MAX_TRACKED_ADDRESSES) {
            forgetIdle();
        }
        Deque<Long> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(System.nanoTime());
        }
    }

    private void forgetIdle() {
        long now = System.nanoTime();
        failures.values().removeIf(times -> {
            synchronized (times) {
                prune(times, now);
                return times.isEmpty();
            }
        });
    }

    private void prune(Deque<Long> times, long now) {
        while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
            times.removeFirst();
        }
    }
}
