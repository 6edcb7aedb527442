package io.vitalink.api.review;

/** Writes reviewers' decisions to the review-decisions topic. */
public interface ReviewPublisher {

    /**
     * Returns once the decision is stored on the topic.
     *
     * @param key {@code jobId/recordId} ({@link io.vitalink.topic.Topics#reviewKey})
     * @param value the ReviewDecision, sealed
     * @throws io.vitalink.api.problem.ApiException VL-1627 when Kafka did not store it
     */
    void publish(String key, byte[] value);
}
