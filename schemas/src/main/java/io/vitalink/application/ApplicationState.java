package io.vitalink.application;

/**
 * An application's state as read today: the stored status, with an approved one's validity applied. Only
 * {@link #APPROVED} lets a job start.
 */
public enum ApplicationState {
    SUBMITTED,
    /** Approved and within its validity period today. */
    APPROVED,
    REJECTED,
    REVOKED,
    /** Approved, but today is past its {@code validUntil}. */
    EXPIRED,
    /** Approved, but its {@code validFrom} is still to come. */
    NOT_YET_VALID
}
