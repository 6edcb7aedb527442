package io.vitalink.api.audit;

/** Audit actions for changes to users; the event never holds a password or a hash. */
public enum UserChange {
    USER_CREATED,
    USER_UPDATED,
    USER_DELETED,
    USER_PASSWORD_CHANGED,
    /** Too many failed logins: the account is locked for a while (actor = the locked user). */
    USER_LOCKED,
    /**
     * High severity: an account was given the SUBMITTER role (created with it or granted it), which lets it read
     * causes of death; written beside USER_CREATED / USER_UPDATED for auditors to review every grant.
     */
    SUBMITTER_GRANTED,
    /** A refresh token already rotated away was presented again: taken for a stolen one, its session is ended. */
    SESSION_REUSE_DETECTED
}
