package io.vitalink.api.job;

import io.vitalink.api.auth.Caller;
import io.vitalink.api.auth.Roles;
import io.vitalink.avro.JobProgress;

/**
 * Who may see a job. A submitter sees the jobs of their own organisation; an auditor sees every job's status
 * but no results. A job another caller may not see is answered as not found, so its existence does not show.
 * A job without an organisation (sent straight to Kafka without one) is seen by auditors only.
 */
public final class JobAccess {

    private JobAccess() {
    }

    public static boolean canSeeStatus(Caller caller, JobProgress job) {
        return caller.has(Roles.AUDITOR) || ownOrganisation(caller, job);
    }

    public static boolean canSeeResults(Caller caller, JobProgress job) {
        return ownOrganisation(caller, job);
    }

    /** Like results: only a submitter of the job's own organisation. */
    public static boolean canCancel(Caller caller, JobProgress job) {
        return ownOrganisation(caller, job);
    }

    private static boolean ownOrganisation(Caller caller, JobProgress job) {
        return caller.has(Roles.SUBMITTER) && job.getOrganisation() != null && job.getOrganisation().equals(caller.organisation());
    }
}
