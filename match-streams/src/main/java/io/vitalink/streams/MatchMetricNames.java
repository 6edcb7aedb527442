package io.vitalink.streams;

/**
 * Every meter match-streams defines itself, in one place (docs/OPERATIONS.md lists them with their meaning).
 * Micrometer names: the Prometheus registry exports {@code vitalink.match.decisions} as
 * {@code vitalink_match_decisions_total}. Tags are outcomes, error codes and states: never a jobId or anything of
 * a patient.
 */
public final class MatchMetricNames {

    /** Counter, tag {@code outcome}: requests decided (attempts, see {@link io.vitalink.match.MatchMetrics}). */
    public static final String DECISIONS = "vitalink.match.decisions";
    /** Counter, tag {@code trigger}: later results of watched records (docs/WATCH.md). */
    public static final String WATCH_CHANGES = "vitalink.match.watch.changes";
    /** Counter, tag {@code code}: requests sent to match-requests-dlq. */
    public static final String DEAD_LETTERS = "vitalink.match.dead.letters";
    /** Counter: requests of a stopped job, skipped. */
    public static final String SKIPPED = "vitalink.match.skipped";
    /** Counter: control records of a centre that named another organisation's job, refused. */
    public static final String CONTROL_REFUSED = "vitalink.match.control.refused";
    /** Counter: later results of watched jobs not sent because the job's data-use application has ended. */
    public static final String CHANGES_WITHHELD = "vitalink.match.changes.withheld";
    /** Gauge: records of match-requests not yet read by this instance (sum over its partitions). */
    public static final String REQUESTS_LAG = "vitalink.match.requests.lag";
    /** Gauge, tag {@code state}: 1 for the Kafka Streams state this instance is in, 0 for the others. */
    public static final String STREAMS_STATE = "vitalink.streams.state";

    private MatchMetricNames() {
    }
}
