package io.vitalink.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The busy CPU time of the whole machine (every process, every core: user, nice, system, irq, softirq of
 * {@code /proc/stat}), read before and after a stage. On a shared two-core machine it says what a stage cost
 * more steadily than its wall time, and it counts the broker, the API, the loader and PostgreSQL alike.
 */
final class MachineCpu {

    private static final Path STAT = Path.of("/proc/stat");
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private MachineCpu() {
    }

    /** Busy time since boot; zero where there is no /proc/stat. */
    static Duration busy() {
        if (!Files.isReadable(STAT)) {
            return Duration.ZERO;
        }
        try (var lines = Files.lines(STAT)) {
            String[] fields = lines.findFirst().orElse("cpu").trim().split("\\s+");
            long ticks = 0;
            for (int field : new int[] {1, 2, 3, 6, 7}) { // user nice system irq softirq
                ticks += field < fields.length ? Long.parseLong(fields[field]) : 0;
            }
            return Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
