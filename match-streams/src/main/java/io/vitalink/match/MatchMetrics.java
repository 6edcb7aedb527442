package io.vitalink.match;

import io.vitalink.avro.Outcome;
import io.vitalink.avro.ResultTrigger;

/**
 * What the topology reports as it processes, for the service's metrics. Plain Java: the topology knows nothing of
 * the metrics library. With exactly-once processing a task that fails and is retried processes its records again,
 * so these are counts of processing <em>attempts</em>; the exact per-job counts are in job-progress.
 */
public interface MatchMetrics {

    /** Reports nothing: for tests and tools. */
    MatchMetrics NONE = new MatchMetrics() {
    };

    /** A request was decided with {@code outcome}. */
    default void decided(Outcome outcome) {
    }

    /** A watched record got a later result, for {@code trigger}. */
    default void changed(ResultTrigger trigger) {
    }

    /** A request went to the dead-letter topic with {@code code} (VL-400x). */
    default void deadLettered(String code) {
    }

    /** A request of a stopped (FAILED or CANCELLED) job was skipped. */
    default void skipped() {
    }

    /** A centre's control record named a job of another organisation, and changed nothing. */
    default void controlRefused() {
    }

    /** A watched job's later result not sent: the job's data-use application has expired or been revoked. */
    default void changeWithheld() {
    }
}
