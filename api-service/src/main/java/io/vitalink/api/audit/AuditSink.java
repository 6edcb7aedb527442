package io.vitalink.api.audit;

import io.vitalink.avro.AuditEvent;

/** Where audit events go: the {@code audit} topic in production. */
public interface AuditSink {

    /** Sends without waiting; a failure is logged (never the event's content) and does not fail the request. */
    void write(AuditEvent event);
}
