package io.vitalink.api.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.vitalink.avro.AuditEvent;

/** One audit event as GET /api/v1/audit answers it; absent values are null. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditEventView(String at, String actor, String organisation, String sourceIp, String action, String jobId,
                             String recordId, String outcome, String reasonCode, String detail) {

    static AuditEventView of(AuditEvent e) {
        return new AuditEventView(e.getAt().toString(), e.getActor(), e.getOrganisation(), e.getSourceIp(), e.getAction(),
                e.getJobId(), e.getRecordId(), e.getOutcome(), e.getReasonCode(), e.getDetail());
    }
}
