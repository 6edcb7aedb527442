package io.vitalink.api.intake;

import io.micronaut.context.annotation.Value;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * How many uploads this instance takes in at once ({@code vitalink.intake.max-in-flight}): each holds a spool on disk
 * and a thread while its body streams in, so one past the limit is refused at once, before its body is read, with
 * 429 VL-1124 and {@code Retry-After} ({@code vitalink.intake.busy-retry-after}), rather than queued without bound.
 */
@Singleton
public class UploadSlots {

    private final int max;
    private final Duration retryAfter;
    private final Semaphore slots;

    @Inject
    public UploadSlots(@Value("${vitalink.intake.max-in-flight:16}") int max,
                       @Value("${vitalink.intake.busy-retry-after:5s}") Duration retryAfter) {
        if (max < 1) {
            throw new IllegalArgumentException("vitalink.intake.max-in-flight must be at least 1");
        }
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("vitalink.intake.busy-retry-after must be positive");
        }
        this.max = max;
        this.retryAfter = retryAfter;
        this.slots = new Semaphore(max);
    }

    /** A limit no test or tool reaches: for code constructed outside the application context. */
    public static UploadSlots unlimited() {
        return new UploadSlots(Integer.MAX_VALUE, Duration.ofSeconds(5));
    }

    /**
     * Takes a slot for one upload; close it when the upload has ended, accepted or not.
     *
     * @throws ApiException 429 VL-1124 when every slot is taken
     */
    public Slot take() {
        if (!slots.tryAcquire()) {
            throw new ApiException(ErrorCode.UPLOADS_BUSY, "This API instance is already taking in " + max
                    + " uploads (vitalink.intake.max-in-flight): send this one again shortly").retryAfter(retryAfter);
        }
        return new Slot();
    }

    /** Slots free now. */
    public int available() {
        return slots.availablePermits();
    }

    /** One upload's slot; closing it twice frees it once. */
    public final class Slot implements AutoCloseable {

        private boolean closed;

        private Slot() {
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                slots.release();
            }
        }
    }
}
