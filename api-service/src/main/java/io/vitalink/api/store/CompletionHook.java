package io.vitalink.api.store;

import io.vitalink.avro.JobProgress;

/**
 * Told of what webhooks act on, once the batch is durable, on the thread that wrote it. Keep the methods short;
 * a failure is logged, not thrown. Set it with {@link Notifications#setCompletionHook}.
 */
public interface CompletionHook {

    /**
     * Whether this progress finishes its job: the job is then called back (docs/WEBHOOKS.md). The one place that
     * decides which states are final.
     */
    static boolean finishes(JobProgress p) {
        return io.vitalink.job.JobStates.isFinal(p.getState());
    }

    /** A progress that {@link #finishes finishes} its job and names a callback URL, where the stored one did not. */
    void finished(JobProgress finished);

    /** The job's progress was deleted (purged past its retention), and with it the job's delivery in this store. */
    void purged(String jobId);

    /** A webhook-deliveries record changed the job's stored delivery, now {@code stored} (null: deleted). */
    void deliveryChanged(String jobId, byte[] stored);

    /** The batch added later results of the job's watched records to its changes feed (docs/WATCH.md). */
    default void changed(String jobId) {
    }
}
