package io.vitalink.api.testing;

import io.micronaut.context.annotation.Replaces;
import io.vitalink.api.audit.AuditSink;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.api.store.IngestBatch;
import io.vitalink.api.store.JobStore;
import io.vitalink.avro.AuditEvent;
import io.vitalink.serde.Codecs;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Keeps audit events in a list and writes them to the read model as the consumer would from the topic. */
@Singleton
@Replaces(AuditSink.class)
public class RecordingAuditSink implements AuditSink {

    public final List<AuditEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final JobStore store;
    private final AtomicLong offset = new AtomicLong();

    public RecordingAuditSink(JobStore store) {
        this.store = store;
    }

    /** While true, every write fails as a broker that does not answer would: lost when asynchronous, refused when durable. */
    public volatile boolean failing;

    @Override
    public void write(AuditEvent event) {
        if (failing) {
            return;
        }
        events.add(event);
        store.apply(new IngestBatch().audit(event.getAt().toEpochMilli(), 0, offset.getAndIncrement(),
                Codecs.AUDIT_EVENT.encode(event)));
    }

    @Override
    public void writeDurably(AuditEvent event) {
        if (failing) {
            throw new ApiException(ErrorCode.AUDIT_UNAVAILABLE, "The audit trail cannot be written now, so this is not done; try again later");
        }
        write(event);
    }

    public List<AuditEvent> snapshot() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }
}
