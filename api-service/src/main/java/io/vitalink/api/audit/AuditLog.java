package io.vitalink.api.audit;

import io.vitalink.avro.AuditEvent;
import jakarta.inject.Singleton;
import java.time.Instant;

/** Builds the API's audit events and hands them to the {@link AuditSink}. */
@Singleton
public class AuditLog {

    /** The action of a results download, recorded before it starts. */
    public static final String RESULTS_EXPORTED = "RESULTS_EXPORTED";
    public static final String CONFIG_CHANGED = "CONFIG_CHANGED";

    /** The action of a reviewer's decision on an uncertain result, recorded before it is published. */
    public static final String REVIEW_DECIDED = "REVIEW_DECIDED";

    private final AuditSink sink;

    public AuditLog(AuditSink sink) {
        this.sink = sink;
    }

    /**
     * One API call. {@code action} is the method and route template, e.g. {@code GET /api/v1/jobs/{jobId}};
     * {@code outcome} the HTTP status; {@code reasonCode} the VL- code of a refusal.
     */
    public void apiCall(String actor, String organisation, String sourceIp, String action, String jobId, int status,
                        String reasonCode) {
        sink.write(AuditEvent.newBuilder()
                .setAt(Instant.now())
                .setActor(actor)
                .setOrganisation(organisation)
                .setSourceIp(sourceIp)
                .setAction(action)
                .setJobId(jobId)
                .setOutcome(String.valueOf(status))
                .setReasonCode(reasonCode)
                .build());
    }

    /**
     * A change to a user, recorded before it is applied; {@code detail} names the user changed and the fields, never
     * a value of a secret.
     *
     * @throws io.vitalink.api.problem.ApiException VL-1119 when the trail cannot be written: the change must not be made
     */
    public void userChange(String actor, String organisation, String sourceIp, UserChange change, String detail) {
        sink.writeDurably(userEvent(actor, organisation, sourceIp, change, detail));
    }

    /**
     * A step of a data-use application, recorded before it is stored; {@code detail} names the application, its
     * organisation and what was asked or decided (field groups, validity), never a reason's free text.
     *
     * @throws io.vitalink.api.problem.ApiException VL-1119 when the trail cannot be written: the step is not taken
     */
    public void applicationChange(String actor, String organisation, String sourceIp, ApplicationChange change,
                                  String detail) {
        sink.writeDurably(AuditEvent.newBuilder()
                .setAt(Instant.now())
                .setActor(actor)
                .setOrganisation(organisation)
                .setSourceIp(sourceIp)
                .setAction(change.name())
                .setOutcome("OK")
                .setDetail(detail)
                .build());
    }

    /**
     * Something that happened to an account without an administrator's change (locked by failed logins, a session
     * ended for a reused refresh token): recorded without holding up the answer.
     */
    public void securityEvent(String username, String organisation, String sourceIp, UserChange change, String detail) {
        sink.write(userEvent(username, organisation, sourceIp, change, detail));
    }

    /**
     * Results of {@code jobId} about to be handed out in {@code format}: recorded before the first byte leaves.
     *
     * @throws io.vitalink.api.problem.ApiException VL-1119 when the trail cannot be written: nothing is handed out
     */
    public void resultsExported(String actor, String organisation, String sourceIp, String jobId, String format) {
        sink.writeDurably(AuditEvent.newBuilder()
                .setAt(Instant.now())
                .setActor(actor)
                .setOrganisation(organisation)
                .setSourceIp(sourceIp)
                .setAction(RESULTS_EXPORTED)
                .setJobId(jobId)
                .setOutcome("OK")
                .setDetail("format=" + format)
                .build());
    }

    /**
     * A new version of the run-time settings, with each change from its old value to its new one (settings are never
     * secrets nor patient data).
     *
     * @throws io.vitalink.api.problem.ApiException VL-1119 when the trail cannot be written: the change must not be made
     */
    public void configChanged(String actor, String organisation, String sourceIp, long version, String changes) {
        sink.writeDurably(AuditEvent.newBuilder()
                .setAt(Instant.now())
                .setActor(actor)
                .setOrganisation(organisation)
                .setSourceIp(sourceIp)
                .setAction(CONFIG_CHANGED)
                .setOutcome("OK")
                .setDetail("version=" + version + "; " + changes)
                .build());
    }

    /**
     * A reviewer's decision on {@code recordId} of {@code jobId}: the verdict as outcome, the link's rule and score as
     * detail, never the note (free text) or a side of the link.
     *
     * @throws io.vitalink.api.problem.ApiException VL-1119 when the trail cannot be written: the decision is not made
     */
    public void reviewDecided(String actor, String organisation, String sourceIp, String jobId, String recordId,
                              String verdict, String detail) {
        sink.writeDurably(AuditEvent.newBuilder()
                .setAt(Instant.now())
                .setActor(actor)
                .setOrganisation(organisation)
                .setSourceIp(sourceIp)
                .setAction(REVIEW_DECIDED)
                .setJobId(jobId)
                .setRecordId(recordId)
                .setOutcome(verdict)
                .setDetail(detail)
                .build());
    }

    private static AuditEvent userEvent(String actor, String organisation, String sourceIp, UserChange change,
                                        String detail) {
        return AuditEvent.newBuilder()
                .setAt(Instant.now())
                .setActor(actor)
                .setOrganisation(organisation)
                .setSourceIp(sourceIp)
                .setAction(change.name())
                .setOutcome("OK")
                .setDetail(detail)
                .build();
    }
}
