package io.vitalink.loader;

/** The result of cleaning one row: a clean row to load, or why it was refused. */
public sealed interface RowOutcome {

    record Accepted(DeathRow row) implements RowOutcome {
    }

    record Rejected(Rejection reason) implements RowOutcome {
    }
}
