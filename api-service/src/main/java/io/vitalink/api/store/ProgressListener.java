package io.vitalink.api.store;

import io.vitalink.avro.JobProgress;

/**
 * Told of every change of a job's progress once it is durable (before: null for a new job; after: null for a
 * deleted one), on the thread that wrote it, in write order. Keep it short; a failure is logged, not thrown. Add it
 * with {@link Notifications#addProgressListener}.
 */
public interface ProgressListener {

    void changed(JobProgress before, JobProgress after);
}
