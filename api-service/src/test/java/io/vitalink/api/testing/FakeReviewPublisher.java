package io.vitalink.api.testing;

import io.micronaut.context.annotation.Replaces;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.api.review.ReviewPublisher;
import io.vitalink.api.store.IngestBatch;
import io.vitalink.api.store.JobStore;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kafka replaced: each decision goes to the read model as the consumer would bring it from review-decisions, at the
 * next offset; a rival decision (another instance's) can be made to arrive first, or every write to fail.
 */
@Singleton
@Replaces(ReviewPublisher.class)
public class FakeReviewPublisher implements ReviewPublisher {

    public final List<String> keys = Collections.synchronizedList(new ArrayList<>());
    private final JobStore store;
    private final AtomicLong offset = new AtomicLong();
    /** Sent before the next decision, once: what another instance published a moment earlier. */
    public volatile byte[] rival;
    public volatile boolean fail;

    public FakeReviewPublisher(JobStore store) {
        this.store = store;
    }

    @Override
    public synchronized void publish(String key, byte[] value) {
        if (fail) {
            throw new ApiException(ErrorCode.REVIEW_NOT_STORED, "Kafka does not answer");
        }
        if (rival != null) {
            store.apply(new IngestBatch().review(0, offset.getAndIncrement(), rival));
            rival = null;
        }
        keys.add(key);
        store.apply(new IngestBatch().review(0, offset.getAndIncrement(), value));
    }
}
