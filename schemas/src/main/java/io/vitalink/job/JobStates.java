package io.vitalink.job;

import io.vitalink.avro.JobState;

/** What the states of job-progress mean to its readers. */
public final class JobStates {

    private JobStates() {
    }

    /** COMPLETED, FAILED or CANCELLED: the job will not change state again. */
    public static boolean isFinal(JobState state) {
        return state == JobState.COMPLETED || state == JobState.FAILED || state == JobState.CANCELLED;
    }

    /** FAILED or CANCELLED: requests of the job that still arrive are skipped, not matched. */
    public static boolean isStopped(JobState state) {
        return state == JobState.FAILED || state == JobState.CANCELLED;
    }
}
