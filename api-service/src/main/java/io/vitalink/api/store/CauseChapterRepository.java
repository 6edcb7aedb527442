package io.vitalink.api.store;

import static io.vitalink.api.store.StoreKeys.prefix;
import static io.vitalink.api.store.StoreKeys.upperBound;

import io.vitalink.icd.Icd10;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * How many of a job's linked deaths have their underlying cause in each ICD-10 chapter, column family
 * {@code cause-chapters}: jobId (UTF-8) + 0x00 + chapter (Roman numeral, UTF-8) → count (long, big-endian). Moved in
 * the same batch as the results, so a watched record's later result moves the count from its old chapter to its new.
 */
public final class CauseChapterRepository {

    static final String FAMILY = "cause-chapters";

    private final StoreCore core;
    private final ColumnFamilyHandle family;

    CauseChapterRepository(StoreCore core) {
        this.core = core;
        this.family = core.family(FAMILY);
    }

    /** The job's counts by chapter, in chapter order, chapters without a death left out. */
    public Map<String, Long> of(String jobId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        core.read(() -> {
            for (Icd10.Chapter chapter : Icd10.Chapter.values()) {
                byte[] value = core.get(family, key(jobId, chapter.name()));
                if (value != null && ByteBuffer.wrap(value).getLong() != 0) {
                    counts.put(chapter.name(), ByteBuffer.wrap(value).getLong());
                }
            }
            return null;
        });
        return counts;
    }

    /** Adds the batch's moves to {@code write}, then deletes the counts of the {@code purged} jobs. */
    void addTo(Moves moves, List<String> purged, WriteBatch write) throws RocksDBException {
        for (Map.Entry<String, Long> move : moves.deltas.entrySet()) {
            byte[] key = StoreKeys.utf8(move.getKey());
            byte[] before = core.get(family, key);
            long count = (before == null ? 0 : ByteBuffer.wrap(before).getLong()) + move.getValue();
            write.put(family, key, ByteBuffer.allocate(Long.BYTES).putLong(count).array());
        }
        for (String jobId : purged) {
            byte[] prefix = prefix(jobId);
            write.deleteRange(family, prefix, upperBound(prefix));
        }
    }

    private static byte[] key(String jobId, String chapter) {
        return StoreKeys.utf8(jobId + '\0' + chapter);
    }

    /** The count changes of one batch, by job and chapter; a null chapter (no linked death) counts nowhere. */
    static final class Moves {

        private final Map<String, Long> deltas = new HashMap<>();

        void add(String jobId, String chapter) {
            move(jobId, chapter, 1);
        }

        void replace(String jobId, String before, String after) {
            move(jobId, before, -1);
            move(jobId, after, 1);
        }

        private void move(String jobId, String chapter, long by) {
            if (chapter != null) {
                deltas.merge(jobId + '\0' + chapter, by, Long::sum);
            }
        }
    }
}
