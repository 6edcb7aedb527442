package io.vitalink.loader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loader's temporary RocksDB: one column family per {@link Reconciler.Stores} member, in a fresh directory
 * that {@link #close()} deletes. Nothing in it has to survive a crash, so the write-ahead log is off. Native
 * memory is bounded whatever the input size: 4 column families × 2 write buffers × 16 MiB, plus a 32 MiB block
 * cache that also holds the index blocks (64 KiB data blocks keep those few).
 */
final class RocksWorkStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RocksWorkStore.class);
    private static final List<String> FAMILIES = List.of("current", "incoming", "withdrawals", "rejects");
    private static final long WRITE_BUFFER_BYTES = 16L << 20;
    private static final long BLOCK_CACHE_BYTES = 32L << 20;
    private static final long BLOCK_BYTES = 64L << 10;

    private final Path dir;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();
    private final RocksDB db;
    private final WriteOptions writeOptions;
    private final ReadOptions readOptions;

    private RocksWorkStore(Path dir) throws RocksDBException {
        this.dir = dir;
        LRUCache cache = track(new LRUCache(BLOCK_CACHE_BYTES));
        // no bloom filters: the loader only scans; index blocks live in the bounded cache, large blocks keep them few
        ColumnFamilyOptions family = track(new ColumnFamilyOptions()
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setWriteBufferSize(WRITE_BUFFER_BYTES)
                .setMaxWriteBufferNumber(2)
                .setTableFormatConfig(new BlockBasedTableConfig()
                        .setBlockCache(cache)
                        .setBlockSize(BLOCK_BYTES)
                        .setCacheIndexAndFilterBlocks(true)
                        .setPinL0FilterAndIndexBlocksInCache(true)));
        DBOptions options = track(new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setMaxOpenFiles(1024)
                .setMaxBackgroundJobs(2)
                .setKeepLogFileNum(1));
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, family));
        FAMILIES.forEach(name -> descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), family)));
        this.writeOptions = track(new WriteOptions().setDisableWAL(true));
        this.readOptions = track(new ReadOptions());
        try {
            this.db = RocksDB.open(options, dir.toString(), descriptors, handles);
        } catch (RocksDBException | RuntimeException e) {
            closeResources();
            throw e;
        }
    }

    /**
     * Creates a fresh store in a new directory under {@code parent} (the system's temporary directory when null).
     *
     * @throws LoadException ({@link LoadFailure#WORK_STORE_FAILED}) when it cannot be created
     */
    static RocksWorkStore open(Path parent) {
        Path dir = null;
        try {
            RocksDB.loadLibrary();
            dir = parent == null ? Files.createTempDirectory("death-loader-")
                    : Files.createTempDirectory(Files.createDirectories(parent), "death-loader-");
            return new RocksWorkStore(dir);
        } catch (IOException | RocksDBException | RuntimeException | UnsatisfiedLinkError e) {
            if (dir != null) {
                deleteRecursively(dir);
            }
            throw new LoadException(LoadFailure.WORK_STORE_FAILED,
                    (parent == null ? "in the temporary directory" : String.valueOf(parent)) + ": " + e, e);
        }
    }

    Path directory() {
        return dir;
    }

    Reconciler.Stores stores() {
        return new Reconciler.Stores(family(1), family(2), family(3), family(4));
    }

    private KeyValueStore family(int index) {
        ColumnFamilyHandle handle = handles.get(index);
        return new KeyValueStore() {
            @Override
            public byte[] get(byte[] key) {
                try {
                    return db.get(handle, readOptions, key);
                } catch (RocksDBException e) {
                    throw failed(e);
                }
            }

            @Override
            public void put(byte[] key, byte[] value) {
                try {
                    db.put(handle, writeOptions, key, value);
                } catch (RocksDBException e) {
                    throw failed(e);
                }
            }

            @Override
            public void delete(byte[] key) {
                try {
                    db.delete(handle, writeOptions, key);
                } catch (RocksDBException e) {
                    throw failed(e);
                }
            }

            @Override
            public Cursor cursor() {
                RocksIterator it = db.newIterator(handle, readOptions);
                return new Cursor() {
                    @Override
                    public void seekToFirst() {
                        it.seekToFirst();
                    }

                    @Override
                    public void seek(byte[] target) {
                        it.seek(target);
                    }

                    @Override
                    public boolean valid() {
                        if (it.isValid()) {
                            return true;
                        }
                        try {
                            it.status();
                        } catch (RocksDBException e) {
                            throw failed(e);
                        }
                        return false;
                    }

                    @Override
                    public byte[] key() {
                        return it.key();
                    }

                    @Override
                    public byte[] value() {
                        return it.value();
                    }

                    @Override
                    public void next() {
                        it.next();
                    }

                    @Override
                    public void close() {
                        it.close();
                    }
                };
            }
        };
    }

    private LoadException failed(RocksDBException e) {
        return new LoadException(LoadFailure.WORK_STORE_FAILED, dir + ": " + e.getMessage(), e);
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    /** Closes the database and deletes its directory. */
    @Override
    public void close() {
        handles.forEach(ColumnFamilyHandle::close);
        db.close();
        closeResources();
        deleteRecursively(dir);
    }

    private void closeResources() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                log.debug("Closing a RocksDB resource failed", e);
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    log.warn("Could not delete {}: {}", path, e.getMessage());
                }
            });
        } catch (IOException e) {
            log.warn("Could not delete the work directory {}: {}", dir, e.getMessage());
        }
    }
}
