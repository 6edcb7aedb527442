package io.vitalink.api.audit;

import io.micronaut.http.HttpRequest;
import java.util.Optional;

/** What a controller tells the audit trail about a request it handled that the request itself does not show. */
public final class AuditAttributes {

    /** Actor of a request without an authenticated user. */
    public static final String ANONYMOUS = "anonymous";
    private static final String ACTOR = "vitalink.audit.actor";
    private static final String JOB_ID = "vitalink.audit.job-id";
    private static final String ORGANISATION = "vitalink.audit.organisation";

    private AuditAttributes() {
    }

    /** The user a login tried, before there is an authentication. */
    public static void setActor(HttpRequest<?> request, String username) {
        request.setAttribute(ACTOR, username);
    }

    /** The organisation of the user a login succeeded for. */
    public static void setOrganisation(HttpRequest<?> request, String organisation) {
        request.setAttribute(ORGANISATION, organisation);
    }

    /** The job a request created (the path has none yet). */
    public static void setJobId(HttpRequest<?> request, String jobId) {
        request.setAttribute(JOB_ID, jobId);
    }

    static Optional<String> actor(HttpRequest<?> request) {
        return request.getAttribute(ACTOR, String.class);
    }

    static Optional<String> organisation(HttpRequest<?> request) {
        return request.getAttribute(ORGANISATION, String.class);
    }

    static Optional<String> jobId(HttpRequest<?> request) {
        return request.getAttribute(JOB_ID, String.class);
    }
}
