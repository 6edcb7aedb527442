package io.vitalink.api.audit;

import io.vitalink.avro.AuditEvent;

/** Where audit events go: the {@code audit} topic in production. */
public interface AuditSink {

    /** Sends without waiting; a failure is logged (never the event's content) and does not fail the request. */
    void write(AuditEvent event);

    /**
     * Returns once the event is stored, for actions that must not happen unrecorded (results handed out, users
     * changed): they are refused when the trail cannot be written.
     *
     * @throws io.vitalink.api.problem.ApiException VL-1119 when the event could not be stored
     */
    void writeDurably(AuditEvent event);
}
