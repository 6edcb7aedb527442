package io.vitalink.api.joblog;

import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The lifecycle events a change of a job's progress crosses: a job is ACCEPTED (RECEIVING), STARTED (RUNNING),
 * then COMPLETED. A change that skips a state (the read model may see only the latest progress) yields every
 * event in between, in order; a change that stays in its state or goes back (an out-of-order or replayed
 * record) yields none.
 */
public final class JobLifecycle {

    public enum Event {
        ACCEPTED(JobState.RECEIVING), STARTED(JobState.RUNNING), COMPLETED(JobState.COMPLETED);

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
        int from = before == null ? -1 : before.getState().ordinal();
        int to = after.getState().ordinal();
        List<Event> events = new ArrayList<>();
        for (Event event : Event.values()) {
            int reached = event.reached().ordinal();
            if (reached > from && reached <= to) {
                events.add(event);
            }
        }
        return events;
    }

    /** Every event the job has gone through, in order. */
    public static List<Event> history(JobProgress job) {
        return events(null, job);
    }

    /** Milliseconds from start (or, without a start time, acceptance) to completion; null until completed. */
    public static Long durationMs(JobProgress p) {
        Instant start = p.getStartedAt() != null ? p.getStartedAt() : p.getCreatedAt();
        if (p.getCompletedAt() == null || start == null) {
            return null;
        }
        return Math.max(0, p.getCompletedAt().toEpochMilli() - start.toEpochMilli());
    }
}
