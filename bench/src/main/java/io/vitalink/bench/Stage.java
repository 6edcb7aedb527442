package io.vitalink.bench;

import java.time.Duration;
import java.util.concurrent.Callable;

/** One timed step of a run: what it did, to how many rows, how long it took and the machine's CPU time meanwhile. */
record Stage(String name, long rows, Duration took, Duration cpu) {

    double rowsPerSecond() {
        return took.toNanos() == 0 ? 0 : rows * 1e9 / took.toNanos();
    }

    /** Runs {@code step} and times it; {@code rows} is known before the step (what it works on). */
    static <T> Timed<T> time(String name, long rows, Callable<T> step) throws Exception {
        Duration cpuBefore = MachineCpu.busy();
        long start = System.nanoTime();
        T value = step.call();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new Timed<>(value, new Stage(name, rows, took, MachineCpu.busy().minus(cpuBefore)));
    }

    record Timed<T>(T value, Stage stage) {
    }
}
