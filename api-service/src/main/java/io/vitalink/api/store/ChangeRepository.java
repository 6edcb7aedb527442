package io.vitalink.api.store;

import static io.vitalink.api.store.StoreKeys.concat;
import static io.vitalink.api.store.StoreKeys.prefix;
import static io.vitalink.api.store.StoreKeys.upperBound;

import io.vitalink.avro.MatchResult;
import io.vitalink.serde.Codecs;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.ColumnFamilyHandle;

/**
 * The changes feed of watched jobs, column family {@code changes}: jobId (UTF-8) + 0x00 + partition (int) + offset
 * (long) of the change in match-results, big-endian → MatchResult bytes (a result with a trigger). All of a job's
 * results are on one partition, so a job's changes are in the order match-streams sent them, and the position is the
 * same on every API instance: it is the feed's cursor ({@link Change#cursor}).
 */
public final class ChangeRepository {

    static final String FAMILY = "changes";
    private static final int POSITION_BYTES = Integer.BYTES + Long.BYTES;
    private static final HexFormat HEX = HexFormat.of();

    /** A change and the cursor that follows it. */
    public record Change(String cursor, MatchResult result) {
    }

    /** Up to a page of changes after a cursor; {@code next} is the cursor to ask from next time. */
    public record Page(List<Change> changes, String next, boolean more) {
    }

    private final StoreCore core;
    private final ColumnFamilyHandle family;

    ChangeRepository(StoreCore core) {
        this.core = core;
        this.family = core.family(FAMILY);
    }

    /** A cursor is the hex of partition and offset; empty when {@code cursor} is not one. */
    public static Optional<byte[]> parseCursor(String cursor) {
        if (cursor == null || cursor.length() != 2 * POSITION_BYTES) {
            return Optional.empty();
        }
        try {
            return Optional.of(HEX.parseHex(cursor));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The job's changes after the cursor {@code since} (null: from the first), at most {@code limit}.
     *
     * @throws IllegalArgumentException when {@code since} is not a cursor ({@link #parseCursor})
     */
    public Page page(String jobId, String since, int limit) {
        byte[] after = since == null ? null : parseCursor(since)
                .orElseThrow(() -> new IllegalArgumentException("not a cursor of the changes feed"));
        return core.read(() -> {
            byte[] prefix = prefix(jobId);
            List<Change> changes = new ArrayList<>();
            String next = since;
            boolean more = false;
            try (Slice bound = new Slice(upperBound(prefix));
                 ReadOptions options = new ReadOptions().setIterateUpperBound(bound);
                 RocksIterator iterator = core.newIterator(family, options)) {
                iterator.seek(after == null ? prefix : concat(prefix, after));
                for (; iterator.isValid(); iterator.next()) {
                    String cursor = HEX.formatHex(iterator.key(), prefix.length, iterator.key().length);
                    if (cursor.equals(since)) {
                        continue;
                    }
                    if (changes.size() == limit) {
                        more = true;
                        break;
                    }
                    changes.add(new Change(cursor, Codecs.MATCH_RESULT.decode(iterator.value())));
                    next = cursor;
                }
            }
            return new Page(changes, next, more);
        });
    }

    /** The cursor after the job's latest change; empty when it has none. */
    public Optional<String> latest(String jobId) {
        return core.read(() -> {
            byte[] prefix = prefix(jobId);
            try (ReadOptions options = new ReadOptions(); RocksIterator iterator = core.newIterator(family, options)) {
                iterator.seekForPrev(upperBound(prefix));
                if (!iterator.isValid() || !startsWith(iterator.key(), prefix)) {
                    return Optional.empty();
                }
                return Optional.of(HEX.formatHex(iterator.key(), prefix.length, iterator.key().length));
            }
        });
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && java.util.Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Adds the batch's changes to {@code write}, then deletes every change of the {@code purged} jobs. */
    void addTo(IngestBatch batch, List<String> purged, WriteBatch write) throws RocksDBException {
        for (IngestBatch.Result r : batch.results()) {
            if (r.isChange()) {
                write.put(family, key(r.jobId(), r.partition(), r.offset()), r.value());
            }
        }
        for (String jobId : purged) {
            byte[] prefix = prefix(jobId);
            write.deleteRange(family, prefix, upperBound(prefix));
        }
    }

    static byte[] key(String jobId, int partition, long offset) {
        return concat(prefix(jobId), ByteBuffer.allocate(POSITION_BYTES).putInt(partition).putLong(offset).array());
    }
}
