package io.vitalink.api.audit;

import io.vitalink.avro.AuditEvent;
import jakarta.inject.Singleton;
import java.time.Instant;

/** Builds the API's audit events and hands them to the {@link AuditSink}. */
@Singleton
public class AuditLog {

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

    /** A change to a user; {@code detail} names the user changed and the fields, never a value of a secret. */
    public void userChange(String actor, String organisation, String sourceIp, UserChange change, String detail) {
        sink.write(AuditEvent.newBuilder()
                .setAt(Instant.now())
                .setActor(actor)
                .setOrganisation(organisation)
                .setSourceIp(sourceIp)
                .setAction(change.name())
                .setOutcome("OK")
                .setDetail(detail)
                .build());
    }
}
