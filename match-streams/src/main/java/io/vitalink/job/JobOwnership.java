package io.vitalink.job;

import io.vitalink.avro.JobProgress;

/**
 * Whose a job is. A record read from a centre's own topics carries that centre's organisation as its origin; one
 * from the shared topics has none (only the API and the services write there). A job belongs to the first
 * organisation that opened it, and a centre's record touches only its own jobs. Plain Java.
 */
public final class JobOwnership {

    private JobOwnership() {
    }

    /**
     * A request from {@code origin} (null: the shared topic) is taken by {@code job} (null: not known yet) when it
     * came from the shared topic, or when the job is known and opened by that same organisation. A centre opens its
     * job and waits for it in its progress topic before it sends requests, so an unknown job is refused rather than
     * guessed.
     */
    public static boolean takesRequest(String origin, JobProgress job) {
        return origin == null || job != null && origin.equals(job.getOrganisation());
    }

    /**
     * A control delta (its organisation is its origin, or the owner an OPENED of the API names) changes a job that is
     * not owned yet or owned by that organisation; a delta naming no organisation comes from the shared topic.
     */
    public static boolean takesControl(JobProgress job, JobProgress delta) {
        return delta.getOrganisation() == null || job == null || job.getOrganisation() == null
                || job.getOrganisation().equals(delta.getOrganisation());
    }
}
