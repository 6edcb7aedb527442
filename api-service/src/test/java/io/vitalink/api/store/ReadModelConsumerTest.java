package io.vitalink.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.AuditEvent;
import io.vitalink.serde.Codecs;
import io.vitalink.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** What the read model keeps of the audit topic. */
class ReadModelConsumerTest {

    @Test
    void keepsApiAndUserAuditEventsButNotThePerRecordMatchDecisions() {
        Instant at = Instant.parse("2026-11-23T10:00:00Z");
        IngestBatch batch = new IngestBatch();

        ReadModelConsumer.add(batch, record(0, event("MATCH_DECISION", "match-streams", at)));
        ReadModelConsumer.add(batch, record(1, event("GET /api/v1/jobs/{jobId}", "alice", at)));
        ReadModelConsumer.add(batch, record(2, event("USER_CREATED", "admin", at)));
        ReadModelConsumer.add(batch, record(3, event("DEAD_LETTER", "match-streams", at)));
        ReadModelConsumer.add(batch, new ConsumerRecord<>(Topics.AUDIT.name(), 0, 4, null, new byte[] {1, 2, 3}));

        assertThat(batch.audit()).extracting(IngestBatch.Audit::offset).containsExactly(1L, 2L, 3L);
        assertThat(batch.audit()).allSatisfy(a -> assertThat(a.atMillis()).isEqualTo(at.toEpochMilli()));
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, AuditEvent event) {
        return new ConsumerRecord<>(Topics.AUDIT.name(), 0, offset, "job".getBytes(StandardCharsets.UTF_8),
                Codecs.AUDIT_EVENT.encode(event));
    }

    private static AuditEvent event(String action, String actor, Instant at) {
        return AuditEvent.newBuilder().setAt(at).setActor(actor).setAction(action).build();
    }
}
