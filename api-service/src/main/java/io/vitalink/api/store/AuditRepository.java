package io.vitalink.api.store;

import io.vitalink.avro.AuditEvent;
import io.vitalink.serde.Codecs;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;

/**
 * The audit trail, column family {@code audit}: time (epoch ms, long) + partition (int) + offset (long), all
 * big-endian → AuditEvent bytes, so events are in time order and a time range is one scan. A purge leaves it alone.
 */
public final class AuditRepository {

    static final String FAMILY = "audit";
    /** Length of an audit key: time, partition, offset. */
    public static final int KEY_BYTES = Long.BYTES + Integer.BYTES + Long.BYTES;

    /** A page of audit events and the key to resume at, or null when the range is exhausted. */
    public record Page(List<AuditEvent> events, byte[] next) {
    }

    private final StoreCore core;
    private final ColumnFamilyHandle family;

    AuditRepository(StoreCore core) {
        this.core = core;
        this.family = core.family(FAMILY);
    }

    /**
     * Audit events with {@code fromMillis <= at < toMillis} in time order, at most {@code limit}, only those of
     * {@code actor} when it is not null, starting at {@code resumeAt} (a {@link Page#next()}) when given.
     */
    public Page scan(long fromMillis, long toMillis, String actor, int limit, byte[] resumeAt) {
        return core.read(() -> {
            byte[] start = key(fromMillis, 0, 0);
            if (resumeAt != null && Arrays.compareUnsigned(resumeAt, start) > 0) {
                start = resumeAt;
            }
            List<AuditEvent> events = new ArrayList<>();
            byte[] next = null;
            try (Slice bound = new Slice(key(toMillis, 0, 0));
                 ReadOptions options = new ReadOptions().setIterateUpperBound(bound);
                 RocksIterator iterator = core.newIterator(family, options)) {
                for (iterator.seek(start); iterator.isValid(); iterator.next()) {
                    if (events.size() == limit) {
                        next = iterator.key();
                        break;
                    }
                    AuditEvent event = Codecs.AUDIT_EVENT.decode(iterator.value());
                    if (actor == null || actor.equals(event.getActor())) {
                        events.add(event);
                    }
                }
            }
            return new Page(events, next);
        });
    }

    /** Adds the batch's audit events to {@code write}. */
    void addTo(IngestBatch batch, WriteBatch write) throws RocksDBException {
        for (IngestBatch.Audit a : batch.audit()) {
            write.put(family, key(a.atMillis(), a.partition(), a.offset()), a.value());
        }
    }

    static byte[] key(long atMillis, int partition, long offset) {
        return ByteBuffer.allocate(KEY_BYTES).putLong(Math.max(0, atMillis)).putInt(partition).putLong(offset).array();
    }
}
