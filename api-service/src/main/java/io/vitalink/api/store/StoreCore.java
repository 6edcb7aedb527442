package io.vitalink.api.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The RocksDB under the read model, and nothing about what it holds: the repositories each own a column family and
 * its key layout; this class opens and closes the database, and makes it safe to share. Every access holds a read
 * lock and {@link #close()} takes the write lock, so no JNI call ever touches a closed database. Writes that read
 * first (a progress that must not overwrite a final one, a webhook fold) hold {@link #writeMonitor()}, so what they
 * read is what they write over. A {@link WriteBatch} is written atomically: the records of a poll and the offsets
 * that follow them land together or not at all. The key pieces the repositories share are in {@link StoreKeys}.
 */
final class StoreCore implements AutoCloseable {

    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final WriteOptions writeOptions;
    private final RocksDB db;
    private final List<ColumnFamilyHandle> handles;
    private final Map<String, ColumnFamilyHandle> families = new HashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<Runnable> beforeClose = new CopyOnWriteArrayList<>();
    private final Object writeMonitor = new Object();
    private boolean closed;

    /** Opens (or creates) the database in {@code dir} with the default column family and {@code familyNames}. */
    StoreCore(Path dir, List<String> familyNames) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        this.dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        this.cfOptions = new ColumnFamilyOptions();
        this.writeOptions = new WriteOptions();
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
        familyNames.forEach(name -> descriptors.add(new ColumnFamilyDescriptor(StoreKeys.utf8(name), cfOptions)));
        this.handles = new ArrayList<>();
        try {
            this.db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
        } catch (RocksDBException e) {
            closeOptions();
            throw new IOException("cannot open job store at " + dir + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < familyNames.size(); i++) {
            families.put(familyNames.get(i), handles.get(i + 1));
        }
    }

    Path directory() {
        return dir;
    }

    /** The handle of a column family named when the store was opened. */
    ColumnFamilyHandle family(String name) {
        return families.get(name);
    }

    /** Runs {@code action} under the read lock; throws a {@link StoreException} once the store is closed. */
    <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new StoreException("job store is closed", null);
            }
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs {@code action} under the read lock; null, without running it, once the store is closed. */
    <T> T readUnlessClosed(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return closed ? null : action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Held by every write that depends on what it reads. */
    Object writeMonitor() {
        return writeMonitor;
    }

    /** Call under {@link #read}. */
    byte[] get(ColumnFamilyHandle family, byte[] key) {
        try {
            return db.get(family, key);
        } catch (RocksDBException e) {
            throw new StoreException("cannot read", e);
        }
    }

    /** Call under {@link #read}. */
    void put(ColumnFamilyHandle family, byte[] key, byte[] value) throws RocksDBException {
        db.put(family, writeOptions, key, value);
    }

    /** Writes {@code batch} atomically. Call under {@link #read}. */
    void write(WriteBatch batch) throws RocksDBException {
        db.write(writeOptions, batch);
    }

    /** Every entry of a column family in key order, until {@code action} returns false. Call under {@link #read}. */
    void scan(ColumnFamilyHandle family, BiPredicate<byte[], byte[]> action) {
        try (RocksIterator iterator = db.newIterator(family)) {
            for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
                if (!action.test(iterator.key(), iterator.value())) {
                    break;
                }
            }
        }
    }

    /** An iterator the caller closes ({@link #beforeClose} at the latest). Call under {@link #read}. */
    RocksIterator newIterator(ColumnFamilyHandle family, ReadOptions options) {
        return db.newIterator(family, options);
    }

    /**
     * Runs {@code action} once close has begun: new work is refused, but the store lock is not held (a cursor takes its
     * own monitor, then the store lock), so it can free what reads left open.
     */
    void beforeClose(Runnable action) {
        beforeClose.add(action);
    }

    @Override
    public void close() {
        // 1. refuse new work; 2. free what reads left open, without the store lock; 3. close the database once
        // in-flight reads have drained
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.writeLock().unlock();
        }
        beforeClose.forEach(Runnable::run);
        lock.writeLock().lock();
        try {
            handles.forEach(ColumnFamilyHandle::close);
            db.close();
            closeOptions();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void closeOptions() {
        writeOptions.close();
        cfOptions.close();
        dbOptions.close();
    }
}
