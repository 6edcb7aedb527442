package io.vitalink.api.joblog;

import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.job.JobStates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The lifecycle events a change of a job's progress crosses: a job is ACCEPTED (RECEIVING), STARTED (RUNNING),
 * then ends once: COMPLETED, FAILED or CANCELLED. A change that skips a step (the read model may see only the
 * latest progress) yields every event in between, in order, except that a job stopped before any request was
 * processed never STARTED; a change that stays in its step or goes back (an out-of-order or replayed record)
 * yields none.
 */
public final class JobLifecycle {

    public enum Event {
        ACCEPTED(JobState.RECEIVING), STARTED(JobState.RUNNING), COMPLETED(JobState.COMPLETED),
        FAILED(JobState.FAILED), CANCELLED(JobState.CANCELLED);

        private final JobState reached;

        Event(JobState reached) {
            this.reached = reached;
        }

        /** The state the job is in once this event happened. */
        public JobState reached() {
            return reached;
        }

        /** When the event happened according to the progress, or null when the progress has no such time. */
        public Instant at(JobProgress p) {
            return switch (this) {
                case ACCEPTED -> p.getCreatedAt();
                case STARTED -> p.getStartedAt();
                case COMPLETED -> p.getCompletedAt();
                case FAILED, CANCELLED -> p.getEndedAt();
            };
        }

        static Event ending(JobState state) {
            return switch (state) {
                case COMPLETED -> COMPLETED;
                case FAILED -> FAILED;
                case CANCELLED -> CANCELLED;
                default -> throw new IllegalArgumentException(state + " is not final");
            };
        }
    }

    private JobLifecycle() {
    }

    /** The events between {@code before} (null: the job was unknown) and {@code after} (null: deleted, none). */
    public static List<Event> events(JobProgress before, JobProgress after) {
        if (after == null) {
            return List.of();
        }
        int from = before == null ? -1 : step(before.getState());
        int to = step(after.getState());
        List<Event> events = new ArrayList<>();
        if (from < 0 && to >= 0) {
            events.add(Event.ACCEPTED);
        }
        if (from < 1 && to >= 1 && (after.getState() != JobState.FAILED && after.getState() != JobState.CANCELLED
                || after.getStartedAt() != null)) {
            events.add(Event.STARTED);
        }
        if (from < 2 && to == 2) {
            events.add(Event.ending(after.getState()));
        }
        return events;
    }

    private static int step(JobState state) {
        if (JobStates.isFinal(state)) {
            return 2;
        }
        return state == JobState.RUNNING ? 1 : 0;
    }

    /** Every event the job has gone through, in order. */
    public static List<Event> history(JobProgress job) {
        return events(null, job);
    }

    /** Milliseconds from start (or, without a start time, acceptance) to the end; null until the job ended. */
    public static Long durationMs(JobProgress p) {
        Instant start = p.getStartedAt() != null ? p.getStartedAt() : p.getCreatedAt();
        Instant end = p.getCompletedAt() != null ? p.getCompletedAt() : p.getEndedAt();
        if (end == null || start == null) {
            return null;
        }
        return Math.max(0, end.toEpochMilli() - start.toEpochMilli());
    }
}
