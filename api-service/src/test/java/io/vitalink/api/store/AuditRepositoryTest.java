package io.vitalink.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.AuditEvent;
import io.vitalink.serde.Codecs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit trail: a time range in time order, by actor, in pages, under a key layout that stays. */
class AuditRepositoryTest {

    @TempDir
    Path dir;

    @Test
    void auditEventsComeBackInTimeOrderWithinTheRangeAndSurviveAReopen() throws IOException {
        Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
        try (JobStore store = JobStore.open(dir)) {
            store.apply(new IngestBatch()
                    .audit(t0.plusSeconds(2).toEpochMilli(), 3, 10, audit("bob", t0.plusSeconds(2)))
                    .audit(t0.toEpochMilli(), 1, 5, audit("alice", t0))
                    .audit(t0.plusSeconds(1).toEpochMilli(), 0, 7, audit("alice", t0.plusSeconds(1)))
                    .audit(t0.plusSeconds(3).toEpochMilli(), 0, 8, audit("alice", t0.plusSeconds(3))));
        }
        try (JobStore store = JobStore.open(dir)) {
            AuditRepository audit = store.audit();
            long from = t0.toEpochMilli();
            assertThat(actors(audit.scan(from, Long.MAX_VALUE, null, 10, null)))
                    .containsExactly("alice@0", "alice@1", "bob@2", "alice@3");
            assertThat(actors(audit.scan(from, t0.plusSeconds(2).toEpochMilli(), null, 10, null)))
                    .containsExactly("alice@0", "alice@1");
            assertThat(actors(audit.scan(t0.plusSeconds(1).toEpochMilli(), Long.MAX_VALUE, "alice", 10, null)))
                    .containsExactly("alice@1", "alice@3");
        }
    }

    @Test
    void auditPagesResumeWhereThePreviousPageStopped() throws IOException {
        Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
        try (JobStore store = JobStore.open(dir)) {
            IngestBatch batch = new IngestBatch();
            for (int i = 0; i < 5; i++) {
                batch.audit(t0.plusSeconds(i).toEpochMilli(), 0, i, audit("alice", t0.plusSeconds(i)));
            }
            store.apply(batch);

            AuditRepository.Page first = store.audit().scan(0, Long.MAX_VALUE, null, 2, null);
            AuditRepository.Page second = store.audit().scan(0, Long.MAX_VALUE, null, 2, first.next());
            AuditRepository.Page third = store.audit().scan(0, Long.MAX_VALUE, null, 2, second.next());

            assertThat(actors(first)).containsExactly("alice@0", "alice@1");
            assertThat(actors(second)).containsExactly("alice@2", "alice@3");
            assertThat(actors(third)).containsExactly("alice@4");
            assertThat(third.next()).isNull();
            assertThat(first.next()).hasSize(AuditRepository.KEY_BYTES);
        }
    }

    @Test
    void keysKeepTheLayoutOfStoresAlreadyOnDisk() {
        // time 258 ms, partition 3, offset 4; a time before the epoch counts as 0
        assertThat(HexFormat.of().formatHex(AuditRepository.key(258, 3, 4)))
                .isEqualTo("0000000000000102" + "00000003" + "0000000000000004");
        assertThat(AuditRepository.key(-5, 3, 4)).isEqualTo(AuditRepository.key(0, 3, 4));
    }

    private static byte[] audit(String actor, Instant at) {
        return Codecs.AUDIT_EVENT.encode(AuditEvent.newBuilder().setAt(at).setActor(actor)
                .setAction("GET /api/v1/audit").setDetail(String.valueOf(at.getEpochSecond() % 60)).build());
    }

    private static List<String> actors(AuditRepository.Page page) {
        return page.events().stream().map(e -> e.getActor() + "@" + e.getDetail()).toList();
    }
}
