package io.vitalink.api.auth;

import java.util.Set;

/** The roles a user can hold; a user may hold several. ADMIN is not implicitly SUBMITTER, AUDITOR or REVIEWER. */
public final class Roles {

    /** Manages users; nothing else. */
    public static final String ADMIN = "ADMIN";
    /** Submits jobs and reads its own organisation's jobs and results. */
    public static final String SUBMITTER = "SUBMITTER";
    /** Reads every job's status and the audit trail, never results. */
    public static final String AUDITOR = "AUDITOR";
    /**
     * The registry holder's staff: approves, narrows, rejects and revokes organisations' data-use applications
     * (申请审批); sees every application, never a job or a result.
     */
    public static final String APPROVER = "APPROVER";

    /**
     * Judges the uncertain results (PROBABLE, MATCHED_WITH_DISCREPANCY) of its own organisation's jobs: the only role
     * that sees both sides of a link; reads the precision report.
     */
    public static final String REVIEWER = "REVIEWER";

    public static final Set<String> ALL = Set.of(ADMIN, SUBMITTER, AUDITOR, APPROVER, REVIEWER);

    private Roles() {
    }
}
