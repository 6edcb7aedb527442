package io.vitalink.api.store;

import static io.vitalink.api.store.StoreKeys.prefix;
import static io.vitalink.api.store.StoreKeys.upperBound;

import io.vitalink.avro.MatchResult;
import io.vitalink.serde.Codecs;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;

/**
 * The results of every job, column family {@code results}: jobId (UTF-8) + 0x00, then for a result with a sequence
 * 0x80 + sequence (long) + partition (int) + offset (long), else partition (int) + offset (long), all big-endian →
 * MatchResult bytes. So a job's results are contiguous, in submission order where the submitter numbered them (after
 * those it did not, in decision order), and never collapse, even on a repeated sequence; see {@link #key}. Read
 * through a {@link ResultCursor}, which the store releases if it closes first.
 */
public final class ResultRepository {

    static final String FAMILY = "results";
    /** Marks a result key ordered by the request's sequence ({@link #key}). */
    private static final byte SEQUENCED = (byte) 0x80;

    private final StoreCore core;
    private final ColumnFamilyHandle family;
    private final Set<ResultCursor> cursors = ConcurrentHashMap.newKeySet();

    ResultRepository(StoreCore core) {
        this.core = core;
        this.family = core.family(FAMILY);
        core.beforeClose(this::releaseCursors);
    }

    /**
     * The results of a job in submission order (those without a sequence first, in decision order), read from a
     * consistent snapshot. Close the cursor.
     */
    public ResultCursor cursor(String jobId) {
        return core.read(() -> {
            byte[] prefix = prefix(jobId);
            Slice bound = new Slice(upperBound(prefix));
            ReadOptions options = new ReadOptions().setIterateUpperBound(bound);
            RocksIterator iterator = core.newIterator(family, options);
            iterator.seek(prefix);
            ResultCursor cursor = new ResultCursor(this, iterator, options, bound);
            cursors.add(cursor);
            return cursor;
        });
    }

    /** Number of stored results of a job (a full prefix scan: for tests and diagnostics). */
    public long count(String jobId) {
        try (ResultCursor cursor = cursor(jobId)) {
            long n = 0;
            while (cursor.next() != null) {
                n++;
            }
            return n;
        }
    }

    /**
     * Adds the batch's results to {@code write}, then deletes every result of the {@code purged} jobs: after the
     * results, so a purged job keeps none of them, even those read in this same poll.
     */
    void addTo(IngestBatch batch, List<String> purged, WriteBatch write) throws RocksDBException {
        for (IngestBatch.Result r : batch.results()) {
            write.put(family, key(r.jobId(), r.sequence(), r.partition(), r.offset()), r.value());
        }
        for (String jobId : purged) {
            byte[] prefix = prefix(jobId);
            write.deleteRange(family, prefix, upperBound(prefix));
        }
    }

    /** Moves the cursor's iterator under the store lock; null at the end or once the store is closed. */
    MatchResult advance(RocksIterator iterator) {
        return core.readUnlessClosed(() -> {
            if (!iterator.isValid()) {
                return null;
            }
            byte[] value = iterator.value();
            iterator.next();
            return Codecs.MATCH_RESULT.decode(value);
        });
    }

    void forget(ResultCursor cursor) {
        cursors.remove(cursor);
    }

    /** Frees the cursors still open when the store closes; a cursor read after that gives null. */
    private void releaseCursors() {
        for (ResultCursor cursor : cursors) {
            cursor.release();
        }
        cursors.clear();
    }

    /**
     * A result's key. Without a sequence it is the key of the first releases (partition, offset: decision order), so
     * stores written before keep their order. With one, the marker 0x80 (never the first byte of a partition
     * number, which is not negative) puts it after those, ordered by sequence; partition and offset follow so
     * that a sequence sent twice by a direct producer does not hide a result.
     */
    static byte[] key(String jobId, Long sequence, int partition, long offset) {
        byte[] prefix = prefix(jobId);
        ByteBuffer key = ByteBuffer.allocate(prefix.length + (sequence == null ? 0 : 1 + Long.BYTES)
                + Integer.BYTES + Long.BYTES).put(prefix);
        if (sequence != null) {
            key.put(SEQUENCED).putLong(sequence);
        }
        return key.putInt(partition).putLong(offset).array();
    }
}
