package io.vitalink.api.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Watched jobs whose changes feed grew and that are not told yet. A job is told once its feed has been still for
 * the quiet period, so that a registry load makes one event, not one per change; at the latest {@code maxWait}
 * after its first untold change, so that a feed that never rests is still told.
 */
final class ChangeBursts {

    private record Notice(long first, long last) {
    }

    private final Map<String, Notice> untold = new ConcurrentHashMap<>();
    private final Duration quiet;
    private final Duration maxWait;
    private final Clock clock;
    private final BiConsumer<Duration, Runnable> later;
    private final Consumer<String> tell;

    /**
     * @param later runs a task after a delay (the dispatcher's thread)
     * @param tell  tells a job whose burst is over
     */
    ChangeBursts(Duration quiet, Duration maxWait, Clock clock, BiConsumer<Duration, Runnable> later, Consumer<String> tell) {
        this.quiet = quiet;
        this.maxWait = maxWait;
        this.clock = clock;
        this.later = later;
        this.tell = tell;
    }

    /** The job's feed grew now. */
    void grew(String jobId) {
        long now = clock.millis();
        Notice notice = untold.compute(jobId, (id, was) -> was == null ? new Notice(now, now) : new Notice(was.first(), now));
        if (notice.first() == now && notice.last() == now) {
            later.accept(quiet, () -> tellWhenQuiet(jobId));
        }
    }

    private void tellWhenQuiet(String jobId) {
        Notice notice = untold.get(jobId);
        if (notice == null) {
            return;
        }
        long now = clock.millis();
        long quietAt = notice.last() + quiet.toMillis();
        if (now < quietAt && now < notice.first() + maxWait.toMillis()) {
            later.accept(Duration.ofMillis(quietAt - now), () -> tellWhenQuiet(jobId));
            return;
        }
        untold.remove(jobId, notice);
        tell.accept(jobId);
    }
}
