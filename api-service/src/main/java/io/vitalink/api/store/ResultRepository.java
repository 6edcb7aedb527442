package io.vitalink.api.store;

import static io.vitalink.api.store.StoreKeys.concat;
import static io.vitalink.api.store.StoreKeys.prefix;
import static io.vitalink.api.store.StoreKeys.upperBound;

import io.vitalink.avro.MatchResult;
import io.vitalink.serde.Codecs;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
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
 * <p>A watched record's later result (a change) replaces its result in place, so the results always show each
 * record's latest decision. It is found by its sequence, or, for a result without one, through column family
 * {@code result-ids}: jobId (UTF-8) + 0x00 + recordId (UTF-8) → the result's key.
 */
public final class ResultRepository {

    static final String FAMILY = "results";
    static final String IDS_FAMILY = "result-ids";
    /** Marks a result key ordered by the request's sequence ({@link #key}). */
    private static final byte SEQUENCED = (byte) 0x80;
    /** Lengths of a key after its job's prefix: partition + offset, or the marker + sequence + partition + offset. */
    private static final int UNSEQUENCED_BYTES = Integer.BYTES + Long.BYTES;
    private static final int SEQUENCED_BYTES = 1 + Long.BYTES + UNSEQUENCED_BYTES;
    private static final HexFormat HEX = HexFormat.of();

    private final StoreCore core;
    private final ColumnFamilyHandle family;
    private final ColumnFamilyHandle ids;
    private final Set<ResultCursor> cursors = ConcurrentHashMap.newKeySet();

    ResultRepository(StoreCore core) {
        this.core = core;
        this.family = core.family(FAMILY);
        this.ids = core.family(IDS_FAMILY);
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

    /**
     * At most {@code limit} of the job's results that {@code keep} accepts, in {@link #cursor} order, after the
     * position {@code after} (null: from the first). {@code next} is the position of the last one when the page is full
     * and more results follow (some may not be kept), else null: the job's results so far are all read.
     *
     * @throws IllegalArgumentException when {@code after} is not a position this method gave ({@link #parsePosition})
     */
    public Page page(String jobId, String after, Predicate<MatchResult> keep, int limit) {
        byte[] position = after == null ? null : parsePosition(after)
                .orElseThrow(() -> new IllegalArgumentException("not a position of the job's results"));
        return core.read(() -> {
            byte[] prefix = prefix(jobId);
            List<MatchResult> page = new ArrayList<>();
            try (Slice bound = new Slice(upperBound(prefix));
                 ReadOptions options = new ReadOptions().setIterateUpperBound(bound);
                 RocksIterator iterator = core.newIterator(family, options)) {
                // key + 0x00 is the first key after it: the page starts after the last one the reader has
                iterator.seek(position == null ? prefix : concat(concat(prefix, position), new byte[] {0}));
                for (; iterator.isValid(); iterator.next()) {
                    MatchResult result = Codecs.MATCH_RESULT.decode(iterator.value());
                    if (!keep.test(result)) {
                        continue;
                    }
                    page.add(result);
                    if (page.size() == limit) {
                        String next = HEX.formatHex(iterator.key(), prefix.length, iterator.key().length);
                        iterator.next();
                        return new Page(page, iterator.isValid() ? next : null);
                    }
                }
            }
            return new Page(page, null);
        });
    }

    /** A page of results and the position to read on from (null: none follow). */
    public record Page(List<MatchResult> results, String next) {
    }

    /** The bytes of a position {@link #page} gave: hex of a result key after its job's prefix. */
    public static Optional<byte[]> parsePosition(String position) {
        if (position == null || (position.length() != 2 * UNSEQUENCED_BYTES && position.length() != 2 * SEQUENCED_BYTES)) {
            return Optional.empty();
        }
        try {
            return Optional.of(HEX.parseHex(position));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
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
    void addTo(IngestBatch batch, List<String> purged, WriteBatch write, CauseChapterRepository.Moves chapters)
            throws RocksDBException {
        Map<String, Placed> placed = new HashMap<>();
        for (IngestBatch.Result r : batch.results()) {
            if (r.isChange()) {
                Placed before = placed.containsKey(placedKey(r)) ? placed.get(placedKey(r)) : find(r);
                if (before != null) {
                    chapters.replace(r.jobId(), before.chapter(), r.chapter());
                    write.put(family, before.key(), r.value());
                    placed.put(placedKey(r), new Placed(before.key(), r.chapter()));
                }
                continue;
            }
            byte[] key = key(r.jobId(), r.sequence(), r.partition(), r.offset());
            write.put(family, key, r.value());
            chapters.add(r.jobId(), r.chapter());
            if (r.recordId() != null) {
                placed.put(placedKey(r), new Placed(key, r.chapter()));
                if (r.sequence() == null) {
                    write.put(ids, recordKey(r.jobId(), r.recordId()), key);
                }
            }
        }
        for (String jobId : purged) {
            byte[] prefix = prefix(jobId);
            write.deleteRange(family, prefix, upperBound(prefix));
            write.deleteRange(ids, prefix, upperBound(prefix));
        }
    }

    /** Where a record's result is stored, and the underlying-cause chapter it holds (null: none). */
    private record Placed(byte[] key, String chapter) {
    }

    private static String placedKey(IngestBatch.Result r) {
        return r.jobId() + '\0' + r.recordId();
    }

    /** The stored result a change replaces, or null when there is none (any more). */
    private Placed find(IngestBatch.Result change) {
        if (change.sequence() == null) {
            byte[] key = core.get(ids, recordKey(change.jobId(), change.recordId()));
            byte[] value = key == null ? null : core.get(family, key);
            return value == null ? null : new Placed(key, Codecs.MATCH_RESULT.decode(value).getUnderlyingCauseChapter());
        }
        byte[] prefix = sequencePrefix(change.jobId(), change.sequence());
        try (Slice bound = new Slice(StoreKeys.successor(prefix));
             ReadOptions options = new ReadOptions().setIterateUpperBound(bound);
             RocksIterator iterator = core.newIterator(family, options)) {
            for (iterator.seek(prefix); iterator.isValid(); iterator.next()) {
                MatchResult stored = Codecs.MATCH_RESULT.decode(iterator.value());
                if (change.recordId().equals(stored.getRecordId())) {
                    return new Placed(iterator.key(), stored.getUnderlyingCauseChapter());
                }
            }
        }
        return null;
    }

    private static byte[] recordKey(String jobId, String recordId) {
        byte[] prefix = prefix(jobId);
        byte[] record = StoreKeys.utf8(recordId);
        return ByteBuffer.allocate(prefix.length + record.length).put(prefix).put(record).array();
    }

    /** The start of the keys of a job's results with {@code sequence}. */
    private static byte[] sequencePrefix(String jobId, long sequence) {
        byte[] prefix = prefix(jobId);
        return ByteBuffer.allocate(prefix.length + 1 + Long.BYTES).put(prefix).put(SEQUENCED).putLong(sequence).array();
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
