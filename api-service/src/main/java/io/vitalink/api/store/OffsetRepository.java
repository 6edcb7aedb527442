package io.vitalink.api.store;

import static io.vitalink.api.store.StoreKeys.prefix;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.OptionalLong;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Where the read model's consumer resumes, column family {@code offsets}: topic (UTF-8) + 0x00 + partition (int,
 * big-endian) → next offset to read (long, big-endian). Written in the same batch as the records read up to there,
 * so after a crash the consumer resumes exactly where the last batch ended.
 */
public final class OffsetRepository {

    static final String FAMILY = "offsets";

    private final StoreCore core;
    private final ColumnFamilyHandle family;

    OffsetRepository(StoreCore core) {
        this.core = core;
        this.family = core.family(FAMILY);
    }

    /** The next offset to read of one topic partition, when one was stored. */
    public OptionalLong next(String topic, int partition) {
        byte[] value = core.read(() -> core.get(family, key(topic, partition)));
        return value == null ? OptionalLong.empty() : OptionalLong.of(ByteBuffer.wrap(value).getLong());
    }

    /** Adds the batch's next offsets to {@code write}. */
    void addTo(IngestBatch batch, WriteBatch write) throws RocksDBException {
        for (Map.Entry<IngestBatch.Partition, Long> o : batch.offsets().entrySet()) {
            write.put(family, key(o.getKey().topic(), o.getKey().partition()),
                    ByteBuffer.allocate(Long.BYTES).putLong(o.getValue()).array());
        }
    }

    static byte[] key(String topic, int partition) {
        byte[] prefix = prefix(topic);
        return ByteBuffer.allocate(prefix.length + Integer.BYTES).put(prefix).putInt(partition).array();
    }
}
