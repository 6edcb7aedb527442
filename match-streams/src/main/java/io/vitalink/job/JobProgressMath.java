package io.vitalink.job;

import io.vitalink.avro.JobControl;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.job.JobStates;
import java.time.Instant;

/**
 * Job counters as a monoid: every event becomes a small {@link JobProgress} delta and {@link #merge}
 * adds deltas in any order. Order does not matter because results, dead letters and the end-of-job
 * marker travel through different partitions. The one exception is the final state: the first of COMPLETED,
 * FAILED or CANCELLED a job reaches is kept, while late counts are still added. A delta's state is RECEIVING
 * except for a FAILED or CANCELLED control record. Builders set the state explicitly: resolving the schema's
 * enum default makes Avro load the enum class through its class-trust check.
 */
public final class JobProgressMath {

    private JobProgressMath() {
    }

    public static JobProgress empty(String jobId) {
        return JobProgress.newBuilder().setState(JobState.RECEIVING).setJobId(jobId).build();
    }

    public static JobProgress ofControl(JobControl control) {
        return ofControl(control, null);
    }

    /**
     * The delta of a control record read from {@code origin}'s own job-control topic (null: the shared one): the
     * organisation is the origin whatever the record says, on every event, so that {@link JobOwnership} can
     * refuse a centre's CLOSED, CANCELLED or FAILED of another organisation's job.
     */
    public static JobProgress ofControl(JobControl control, String origin) {
        JobProgress.Builder delta = JobProgress.newBuilder().setState(JobState.RECEIVING)
                .setJobId(control.getJobId())
                .setUpdatedAt(control.getAt());
        switch (control.getEvent()) {
            case OPENED -> delta.setCreatedAt(control.getAt())
                    .setOrganisation(control.getOrganisation())
                    .setSubmittedBy(control.getSubmittedBy())
                    .setCallbackUrl(control.getCallbackUrl())
                    .setWatchUntil(control.getWatchUntil());
            case CLOSED -> delta.setExpected(control.getExpected());
            case CANCELLED -> delta.setState(JobState.CANCELLED).setReason(control.getReason()).setWatchEndedAt(control.getAt());
            case FAILED -> delta.setState(JobState.FAILED).setReasonCode(control.getReasonCode()).setReason(control.getReason());
        }
        if (origin != null) {
            delta.setOrganisation(origin);
        }
        return delta.build();
    }

    /**
     * True once the job's progress may go out: its OPENED is summed in, so it names the organisation that owns it,
     * or it ended all the same (a producer that never opened it). Counts can be summed before the OPENED; a job
     * cannot end before it, since CLOSED follows OPENED on the job's one partition of job-control.
     */
    public static boolean publishable(JobProgress progress) {
        return progress.getCreatedAt() != null || JobStates.isFinal(progress.getState());
    }

    /** {@code job} given up at {@code at}, unless it already reached a final state. */
    public static JobProgress failed(JobProgress job, String reasonCode, String reason, Instant at) {
        return merge(job, JobProgress.newBuilder().setState(JobState.FAILED).setJobId(job.getJobId())
                .setReasonCode(reasonCode).setReason(reason).setUpdatedAt(at).build());
    }

    /** Adds a delta to a job's progress; the state follows from the counters unless the job stopped or ended. */
    public static JobProgress merge(JobProgress total, JobProgress delta) {
        JobProgress merged = JobProgress.newBuilder().setState(JobState.RECEIVING)
                .setJobId(total.getJobId())
                .setExpected(delta.getExpected() != null ? delta.getExpected() : total.getExpected())
                .setProcessed(total.getProcessed() + delta.getProcessed())
                .setMatched(total.getMatched() + delta.getMatched())
                .setNotFound(total.getNotFound() + delta.getNotFound())
                .setInvalid(total.getInvalid() + delta.getInvalid())
                .setMatchedWithDiscrepancy(total.getMatchedWithDiscrepancy() + delta.getMatchedWithDiscrepancy())
                .setProbable(total.getProbable() + delta.getProbable())
                .setDeadLettered(total.getDeadLettered() + delta.getDeadLettered())
                .setSkipped(total.getSkipped() + delta.getSkipped())
                .setChanges(total.getChanges() + delta.getChanges())
                .setCreatedAt(earliest(total.getCreatedAt(), delta.getCreatedAt()))
                .setStartedAt(earliest(total.getStartedAt(), delta.getStartedAt()))
                .setUpdatedAt(latest(total.getUpdatedAt(), delta.getUpdatedAt()))
                .setCompletedAt(total.getCompletedAt())
                .setOrganisation(total.getOrganisation() != null ? total.getOrganisation() : delta.getOrganisation())
                .setSubmittedBy(total.getSubmittedBy() != null ? total.getSubmittedBy() : delta.getSubmittedBy())
                .setCallbackUrl(total.getCallbackUrl() != null ? total.getCallbackUrl() : delta.getCallbackUrl())
                .setWatchUntil(total.getWatchUntil() != null ? total.getWatchUntil() : delta.getWatchUntil())
                .setWatchEndedAt(endOfWatch(total, delta))
                .setApplicationId(total.getApplicationId() != null ? total.getApplicationId() : delta.getApplicationId())
                .setFieldGroups(total.getFieldGroups() != null ? total.getFieldGroups() : delta.getFieldGroups())
                .setEndedAt(total.getEndedAt())
                .setReasonCode(total.getReasonCode())
                .setReason(total.getReason())
                .build();
        if (JobStates.isFinal(total.getState())) {
            merged.setState(total.getState());
        } else if (JobStates.isStopped(delta.getState())) {
            merged.setState(delta.getState());
            merged.setEndedAt(merged.getUpdatedAt());
            merged.setReasonCode(delta.getReasonCode());
            merged.setReason(delta.getReason());
        } else {
            merged.setState(stateOf(merged));
            if (merged.getState() == JobState.COMPLETED) {
                merged.setCompletedAt(merged.getUpdatedAt());
                merged.setEndedAt(merged.getUpdatedAt());
            }
        }
        return merged;
    }

    /** A cancellation ends a watch whatever the job's state, also once it COMPLETED: the first one counts. */
    private static Instant endOfWatch(JobProgress total, JobProgress delta) {
        if (total.getWatchEndedAt() != null) {
            return total.getWatchEndedAt();
        }
        return total.getWatchUntil() != null || delta.getWatchUntil() != null ? delta.getWatchEndedAt() : null;
    }

    static JobState stateOf(JobProgress progress) {
        Long expected = progress.getExpected();
        if (expected == null) {
            return JobState.RECEIVING;
        }
        return progress.getProcessed() >= expected ? JobState.COMPLETED : JobState.RUNNING;
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
