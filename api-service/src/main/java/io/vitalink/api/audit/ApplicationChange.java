package io.vitalink.api.audit;

/** Audit actions for the steps of a data-use application (申请审批); never patient data, never a reason's text. */
public enum ApplicationChange {
    APPLICATION_SUBMITTED,
    APPLICATION_APPROVED,
    APPLICATION_REJECTED,
    APPLICATION_REVOKED
}
