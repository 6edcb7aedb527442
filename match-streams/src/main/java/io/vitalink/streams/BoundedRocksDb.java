package io.vitalink.streams;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * Every RocksDB store of this process shares one bounded block cache, and its memtables count against it, so
 * off-heap memory stays fixed however many tasks and stores an instance runs; bloom filters spare the point
 * lookups of linking by ID a read of data blocks for IDs that are not there (most requests), and LZ4 keeps the
 * stores small (Streams turns RocksDB's compression off by default). Memtables grow in small arena blocks: every
 * store a task writes holds at least one block against the shared budget, and with RocksDB's default (an eighth of
 * the write buffer, 2 MiB) forty-odd stores kept the budget full, so that every write flushed a memtable of a few
 * records (a watched cohort's intake ran 20 times slower; docs/PERFORMANCE.md).
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {

    static final long CACHE_BYTES = 256L << 20;
    static final long MEMTABLE_BYTES = 64L << 20;
    static final long ARENA_BLOCK_BYTES = 64L << 10;

    static {
        RocksDB.loadLibrary();
    }

    private static final Cache CACHE = new LRUCache(CACHE_BYTES, -1, false, 0.1);
    private static final WriteBufferManager MEMTABLES = new WriteBufferManager(MEMTABLE_BYTES, CACHE);

    private BloomFilter filter;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        filter = new BloomFilter(10);
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setPinTopLevelIndexAndFilter(true);
        table.setFilterPolicy(filter);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(MEMTABLES);
        options.setArenaBlockSize(ARENA_BLOCK_BYTES);
        options.setCompressionType(CompressionType.LZ4_COMPRESSION);
    }

    @Override
    public void close(String storeName, Options options) {
        filter.close();
    }
}
