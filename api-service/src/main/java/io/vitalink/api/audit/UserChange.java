package io.vitalink.api.audit;

/** Audit actions for changes to users; the event never holds a password or a hash. */
public enum UserChange {
    USER_CREATED,
    USER_UPDATED,
    USER_DELETED,
    USER_PASSWORD_CHANGED,
    /** Too many failed logins: the account is locked for a while (actor = the locked user). */
    USER_LOCKED
}
