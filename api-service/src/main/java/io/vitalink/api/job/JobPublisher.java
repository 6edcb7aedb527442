package io.vitalink.api.job;

import io.vitalink.api.intake.Spool;

/** Sends a validated job to the matcher. */
public interface JobPublisher {

    /**
     * Refuses at once, before an upload's body is read, when the job could not be published now.
     *
     * @throws io.vitalink.api.problem.ApiException VL-1503 with {@code Retry-After} when Kafka does not answer
     */
    default void ensureAvailable() {
    }

    /** Whether a job could be published now; readiness reports it. */
    default boolean available() {
        return true;
    }

    /**
     * Publishes OPENED (with the owner), every spooled request, and CLOSED once all requests are acknowledged.
     *
     * @param opened runs once OPENED is acknowledged, before any request is sent: from then on the matcher knows the
     *     job, and fails it if it stalls, so what this instance records of it can never stay open for good
     * @throws io.vitalink.api.problem.ApiException VL-1503 when Kafka does not acknowledge
     */
    void publish(String jobId, JobOwner owner, Spool spool, Runnable opened);

    /**
     * Publishes CANCELLED: the matcher skips the job's requests that have not been matched yet.
     *
     * @param reason who cancelled, in words; never patient data
     * @throws io.vitalink.api.problem.ApiException VL-1503 when Kafka does not acknowledge
     */
    void cancel(String jobId, String reason);

    /**
     * Publishes FAILED, best effort: never throws, since it follows a failure of Kafka itself; the matcher fails a
     * job that stalls anyway.
     *
     * @param reasonCode a VL- code; {@code reason} in words, never patient data
     */
    void fail(String jobId, String reasonCode, String reason);
}
