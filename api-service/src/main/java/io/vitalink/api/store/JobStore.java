package io.vitalink.api.store;

import io.vitalink.avro.AuditEvent;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.MatchResult;
import io.vitalink.serde.Codecs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The read model on disk: a RocksDB with column families
 * <ul>
 * <li>{@code progress}: jobId (UTF-8) → JobProgress bytes;</li>
 * <li>{@code results}: jobId (UTF-8) + 0x00, then for a result with a sequence 0x80 + sequence (long) + partition
 * (int) + offset (long), else partition (int) + offset (long), all big-endian → MatchResult bytes, so a job's
 * results are contiguous, in submission order where the submitter numbered them (after those it did not, in
 * decision order), and never collapse, even on a repeated sequence; see {@link #resultKey};</li>
 * <li>{@code audit}: time (epoch ms, long) + partition (int) + offset (long), all big-endian → AuditEvent bytes,
 * so events are in time order and a time range is one scan;</li>
 * <li>{@code offsets}: topic (UTF-8) + 0x00 + partition (int, big-endian) → next offset to read;</li>
 * <li>{@code webhooks}: jobId (UTF-8) → the job's webhook delivery as read from the webhook-deliveries topic
 * (bytes owned by the {@link WebhookFold}, io.vitalink.api.webhook, which folds each record into them).</li>
 * </ul>
 * A job-progress tombstone (match-streams purging a job past its retention) deletes the job's progress, all its
 * results and its webhook delivery; audit events stay. A job whose progress newly {@link #finishes finishes} it
 * with a callback URL is told to the {@link CompletionHook} once the batch is durable.
 * Records and the offsets that follow them are written in one {@link WriteBatch}: after a crash the
 * consumer resumes exactly where the last batch ended. Every access holds a read lock and {@link #close()}
 * takes the write lock, so no JNI call ever touches a closed database.
 */
public final class JobStore implements AutoCloseable {

    static {
        RocksDB.loadLibrary();
    }

    private static final byte SEPARATOR = 0x00;
    /** Marks a result key ordered by the request's sequence ({@link #resultKey}). */
    private static final byte SEQUENCED = (byte) 0x80;
    /** Length of an audit key: time, partition, offset. */
    public static final int AUDIT_KEY_BYTES = Long.BYTES + Integer.BYTES + Long.BYTES;

    private final Path dir;
    private final boolean deleteOnClose;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final WriteOptions writeOptions;
    private final RocksDB db;
    private final List<ColumnFamilyHandle> handles;
    private final ColumnFamilyHandle progress;
    private final ColumnFamilyHandle results;
    private final ColumnFamilyHandle offsets;
    private final ColumnFamilyHandle audit;
    private final ColumnFamilyHandle webhooks;
    private volatile CompletionHook completionHook;
    private volatile WebhookFold webhookFold;
    private final List<ProgressListener> progressListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Set<ResultCursor> cursors = ConcurrentHashMap.newKeySet();
    private final Object progressWrites = new Object();
    private boolean closed;

    private JobStore(Path dir, boolean deleteOnClose) throws IOException {
        this.dir = dir;
        this.deleteOnClose = deleteOnClose;
        Files.createDirectories(dir);
        this.dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        this.cfOptions = new ColumnFamilyOptions();
        this.writeOptions = new WriteOptions();
        List<ColumnFamilyDescriptor> descriptors = List.of(
                new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions),
                new ColumnFamilyDescriptor(bytes("progress"), cfOptions),
                new ColumnFamilyDescriptor(bytes("results"), cfOptions),
                new ColumnFamilyDescriptor(bytes("offsets"), cfOptions),
                new ColumnFamilyDescriptor(bytes("audit"), cfOptions),
                new ColumnFamilyDescriptor(bytes("webhooks"), cfOptions));
        this.handles = new ArrayList<>();
        try {
            this.db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
        } catch (RocksDBException e) {
            writeOptions.close();
            cfOptions.close();
            dbOptions.close();
            throw new IOException("cannot open job store at " + dir + ": " + e.getMessage(), e);
        }
        this.progress = handles.get(1);
        this.results = handles.get(2);
        this.offsets = handles.get(3);
        this.audit = handles.get(4);
        this.webhooks = handles.get(5);
    }

    /** Opens (or creates) the store in {@code dir}; the data survives close. */
    public static JobStore open(Path dir) throws IOException {
        return new JobStore(dir, false);
    }

    /** A store in a new temporary directory that is deleted on close. */
    public static JobStore openTemporary() throws IOException {
        return new JobStore(Files.createTempDirectory("vitalink-api-store-"), true);
    }

    public Path directory() {
        return dir;
    }

    public Optional<JobProgress> progress(String jobId) {
        byte[] value = read(() -> get(progress, bytes(jobId)));
        return value == null ? Optional.empty() : Optional.of(Codecs.JOB_PROGRESS.decode(value));
    }

    /** Writes {@code placeholder} unless the job already has a progress; true when written. */
    public boolean putProgressIfAbsent(JobProgress placeholder) {
        byte[] key = bytes(placeholder.getJobId());
        byte[] value = Codecs.JOB_PROGRESS.encode(placeholder);
        return read(() -> {
            synchronized (progressWrites) {
                if (get(progress, key) != null) {
                    return false;
                }
                try {
                    db.put(progress, writeOptions, key, value);
                } catch (RocksDBException e) {
                    throw new StoreException("cannot write progress", e);
                }
            }
            tellListeners(null, placeholder);
            return true;
        });
    }

    /**
     * Writes {@code progress} unless the job's stored progress is final already; true when written. For what only
     * this instance knows, such as a job it could not publish.
     */
    public boolean putProgressUnlessFinal(JobProgress progress) {
        byte[] key = bytes(progress.getJobId());
        byte[] value = Codecs.JOB_PROGRESS.encode(progress);
        return read(() -> {
            JobProgress before;
            synchronized (progressWrites) {
                before = decoded(get(this.progress, key));
                if (before != null && io.vitalink.job.JobStates.isFinal(before.getState())) {
                    return false;
                }
                try {
                    db.put(this.progress, writeOptions, key, value);
                } catch (RocksDBException e) {
                    throw new StoreException("cannot write progress", e);
                }
            }
            tellListeners(before, progress);
            return true;
        });
    }

    /** The next offset to read of one topic partition, when one was stored. */
    public OptionalLong nextOffset(String topic, int partition) {
        byte[] value = read(() -> get(offsets, offsetKey(topic, partition)));
        return value == null ? OptionalLong.empty() : OptionalLong.of(ByteBuffer.wrap(value).getLong());
    }

    /** Applies records and offsets atomically. */
    public void apply(IngestBatch batch) {
        read(() -> {
            CompletionHook hook = completionHook;
            WebhookFold fold = webhookFold;
            boolean observed = hook != null || !progressListeners.isEmpty();
            List<String> purged = new ArrayList<>();
            List<JobProgress[]> changes = List.of();
            Map<String, byte[]> deliveries = new java.util.LinkedHashMap<>();
            try (WriteBatch write = new WriteBatch()) {
                for (IngestBatch.Progress p : batch.progress()) {
                    if (p.value() == null) {
                        write.delete(progress, bytes(p.jobId()));
                        purged.add(p.jobId());
                    } else {
                        purged.remove(p.jobId());
                        write.put(progress, bytes(p.jobId()), p.value());
                    }
                }
                for (IngestBatch.Result r : batch.results()) {
                    write.put(results, resultKey(r.jobId(), r.sequence(), r.partition(), r.offset()), r.value());
                }
                // after the results: a purged job keeps none of them, even those read in this same poll
                for (String jobId : purged) {
                    byte[] prefix = prefix(jobId);
                    write.deleteRange(results, prefix, upperBound(prefix));
                    write.delete(webhooks, bytes(jobId));
                }
                for (IngestBatch.Audit a : batch.audit()) {
                    write.put(audit, auditKey(a.atMillis(), a.partition(), a.offset()), a.value());
                }
                for (Map.Entry<IngestBatch.Partition, Long> o : batch.offsets().entrySet()) {
                    write.put(offsets, offsetKey(o.getKey().topic(), o.getKey().partition()),
                            ByteBuffer.allocate(Long.BYTES).putLong(o.getValue()).array());
                }
                synchronized (progressWrites) {
                    // read once, under the same lock as the other progress writes, so that "before" is exact
                    if (observed) {
                        changes = changes(batch);
                    }
                    // a fold reads the stored delivery and writes the next one: under the monitor, like the write
                    foldWebhooks(batch, fold, purged, deliveries, write);
                    db.write(writeOptions, write);
                }
            } catch (RocksDBException e) {
                throw new StoreException("cannot apply batch", e);
            }
            for (JobProgress[] change : changes) {
                tellListeners(change[0], change[1]);
            }
            if (hook != null) {
                deliveries.forEach((jobId, stored) -> tell(() -> hook.deliveryChanged(jobId, stored)));
                new java.util.LinkedHashSet<>(purged).forEach(jobId -> tell(() -> hook.purged(jobId)));
                newlyFinished(changes, purged).forEach(job -> tell(() -> hook.finished(job)));
            }
            return null;
        });
    }

    /** Folds the batch's webhook-deliveries records into the stored deliveries; none of a job purged in the batch. */
    private void foldWebhooks(IngestBatch batch, WebhookFold fold, List<String> purged, Map<String, byte[]> deliveries,
                              WriteBatch write) throws RocksDBException {
        for (IngestBatch.Webhook w : batch.webhooks()) {
            if (purged.contains(w.jobId())) {
                continue;
            }
            byte[] stored = deliveries.containsKey(w.jobId()) ? deliveries.get(w.jobId()) : get(webhooks, bytes(w.jobId()));
            byte[] next = fold == null ? w.value() : fold.fold(stored, w.value(), w.offset());
            if (next != stored) {
                deliveries.put(w.jobId(), next);
            }
        }
        for (Map.Entry<String, byte[]> d : deliveries.entrySet()) {
            if (d.getValue() == null) {
                write.delete(webhooks, bytes(d.getKey()));
            } else {
                write.put(webhooks, bytes(d.getKey()), d.getValue());
            }
        }
    }

    /**
     * Whether this progress finishes its job: the job is then called back (docs/WEBHOOKS.md). The one place that
     * decides which states are final.
     */
    public static boolean finishes(JobProgress p) {
        return io.vitalink.job.JobStates.isFinal(p.getState());
    }

    /**
     * Told of what webhooks act on, once the batch is durable, on the thread that wrote it. Keep the methods short;
     * a failure is logged, not thrown.
     */
    public interface CompletionHook {

        /** A progress that {@link #finishes finishes} its job and names a callback URL, where the stored one did not. */
        void finished(JobProgress finished);

        /** The job's progress was deleted (purged past its retention), and with it the job's delivery in this store. */
        void purged(String jobId);

        /** A webhook-deliveries record changed the job's stored delivery, now {@code stored} (null: deleted). */
        void deliveryChanged(String jobId, byte[] stored);
    }

    /**
     * Folds the records of the webhook-deliveries topic into the stored delivery of their job. Runs while the batch
     * is being written, under the store's write monitor: keep it short and never call the store from it.
     */
    public interface WebhookFold {

        /**
         * The job's stored delivery once {@code record} (null: a tombstone) read at {@code offset} of the job's
         * partition is applied to {@code stored} (null: none yet). Returns null to delete the delivery, and
         * {@code stored} itself when nothing changes.
         */
        byte[] fold(byte[] stored, byte[] record, long offset);
    }

    public void setWebhookFold(WebhookFold fold) {
        this.webhookFold = fold;
    }

    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(JobStore.class).warn("Completion hook failed: {}", e.getClass().getName());
        }
    }

    /**
     * Told of every change of a job's progress once it is durable (before: null for a new job; after: null for a
     * deleted one), on the thread that wrote it, in write order. Keep it short; a failure is logged, not thrown.
     */
    public interface ProgressListener {

        void changed(JobProgress before, JobProgress after);
    }

    /**
     * Adds a listener, told of every change written from now on. Listeners are told in the order they were added;
     * changes written concurrently by different threads may reach them in either order.
     */
    public void addProgressListener(ProgressListener listener) {
        progressListeners.add(listener);
    }

    public void removeProgressListener(ProgressListener listener) {
        progressListeners.remove(listener);
    }

    /** Every progress change of {@code batch}, in order: {before, after}, before as stored or as the batch left it. */
    /** The jobs a batch's changes finish, with a callback URL; none that the batch ends up purging. */
    private static List<JobProgress> newlyFinished(List<JobProgress[]> changes, List<String> purged) {
        List<JobProgress> finished = new ArrayList<>();
        for (JobProgress[] change : changes) {
            JobProgress before = change[0];
            JobProgress after = change[1];
            if (after != null && after.getCallbackUrl() != null && finishes(after) && (before == null || !finishes(before))
                    && !purged.contains(after.getJobId())) {
                finished.add(after);
            }
        }
        return finished;
    }

    private List<JobProgress[]> changes(IngestBatch batch) {
        List<JobProgress[]> changes = new ArrayList<>();
        Map<String, JobProgress> latest = new java.util.HashMap<>();
        for (IngestBatch.Progress p : batch.progress()) {
            JobProgress before = latest.containsKey(p.jobId()) ? latest.get(p.jobId()) : decoded(get(progress, bytes(p.jobId())));
            JobProgress after = decoded(p.value());
            latest.put(p.jobId(), after);
            changes.add(new JobProgress[] {before, after});
        }
        return changes;
    }

    private void tellListeners(JobProgress before, JobProgress after) {
        for (ProgressListener listener : progressListeners) {
            try {
                listener.changed(before, after);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(JobStore.class).warn("Progress listener failed: {}", e.getClass().getName());
            }
        }
    }

    private static JobProgress decoded(byte[] value) {
        return value == null ? null : Codecs.JOB_PROGRESS.decode(value);
    }

    /**
     * Every stored progress, in job id order (a full scan of the progress column family: its cost grows with the
     * number of jobs kept). Stops early when {@code action} returns false.
     */
    public void forEachProgress(java.util.function.Predicate<JobProgress> action) {
        read(() -> {
            try (RocksIterator iterator = db.newIterator(progress)) {
                for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
                    if (!action.test(Codecs.JOB_PROGRESS.decode(iterator.value()))) {
                        break;
                    }
                }
            }
            return null;
        });
    }

    public void setCompletionHook(CompletionHook hook) {
        this.completionHook = hook;
    }

    /** The stored webhook delivery of a job. */
    public Optional<byte[]> webhook(String jobId) {
        return Optional.ofNullable(read(() -> get(webhooks, bytes(jobId))));
    }

    /** Every stored webhook delivery, in job id order. */
    public void forEachWebhook(java.util.function.BiConsumer<String, byte[]> action) {
        read(() -> {
            try (RocksIterator iterator = db.newIterator(webhooks)) {
                for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
                    action.accept(new String(iterator.key(), StandardCharsets.UTF_8), iterator.value());
                }
            }
            return null;
        });
    }

    /**
     * The results of a job in submission order (those without a sequence first, in decision order), read from a
     * consistent snapshot. Close the cursor.
     */
    public ResultCursor results(String jobId) {
        return read(() -> {
            byte[] prefix = prefix(jobId);
            Slice bound = new Slice(upperBound(prefix));
            ReadOptions options = new ReadOptions().setIterateUpperBound(bound);
            RocksIterator iterator = db.newIterator(results, options);
            iterator.seek(prefix);
            ResultCursor cursor = new ResultCursor(this, iterator, options, bound);
            cursors.add(cursor);
            return cursor;
        });
    }

    /** A page of audit events and the key to resume at, or null when the range is exhausted. */
    public record AuditScan(List<AuditEvent> events, byte[] next) {
    }

    /**
     * Audit events with {@code fromMillis <= at < toMillis} in time order, at most {@code limit}, only those of
     * {@code actor} when it is not null, starting at {@code resumeAt} (a {@link AuditScan#next()}) when given.
     */
    public AuditScan audit(long fromMillis, long toMillis, String actor, int limit, byte[] resumeAt) {
        return read(() -> {
            byte[] start = auditKey(fromMillis, 0, 0);
            if (resumeAt != null && java.util.Arrays.compareUnsigned(resumeAt, start) > 0) {
                start = resumeAt;
            }
            List<AuditEvent> events = new ArrayList<>();
            byte[] next = null;
            try (Slice bound = new Slice(auditKey(toMillis, 0, 0));
                 ReadOptions options = new ReadOptions().setIterateUpperBound(bound);
                 RocksIterator iterator = db.newIterator(audit, options)) {
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
            return new AuditScan(events, next);
        });
    }

    /** Number of stored results of a job (a full prefix scan: for tests and diagnostics). */
    public long countResults(String jobId) {
        try (ResultCursor cursor = results(jobId)) {
            long n = 0;
            while (cursor.next() != null) {
                n++;
            }
            return n;
        }
    }

    /** Moves the cursor's iterator under the store lock; null at the end or once closed. */
    MatchResult advance(ResultCursor cursor, RocksIterator iterator) {
        lock.readLock().lock();
        try {
            if (closed || !iterator.isValid()) {
                return null;
            }
            byte[] value = iterator.value();
            iterator.next();
            return Codecs.MATCH_RESULT.decode(value);
        } finally {
            lock.readLock().unlock();
        }
    }

    void forget(ResultCursor cursor) {
        cursors.remove(cursor);
    }

    @Override
    public void close() {
        // 1. refuse new work; 2. free cursors without holding the store lock (a cursor takes its own
        // monitor, then the store lock); 3. close the database once in-flight reads have drained
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.writeLock().unlock();
        }
        for (ResultCursor cursor : cursors) {
            cursor.release();
        }
        cursors.clear();
        lock.writeLock().lock();
        try {
            handles.forEach(ColumnFamilyHandle::close);
            db.close();
            writeOptions.close();
            cfOptions.close();
            dbOptions.close();
        } finally {
            lock.writeLock().unlock();
        }
        if (deleteOnClose) {
            deleteRecursively(dir);
        }
    }

    private <T> T read(Supplier<T> action) {
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

    private byte[] get(ColumnFamilyHandle family, byte[] key) {
        try {
            return db.get(family, key);
        } catch (RocksDBException e) {
            throw new StoreException("cannot read", e);
        }
    }

    static byte[] prefix(String jobId) {
        byte[] id = bytes(jobId);
        byte[] prefix = new byte[id.length + 1];
        System.arraycopy(id, 0, prefix, 0, id.length);
        prefix[id.length] = SEPARATOR;
        return prefix;
    }

    /** The first key after every key starting with {@code prefix} (a {@link #prefix} ending in the separator). */
    private static byte[] upperBound(byte[] prefix) {
        byte[] upper = prefix.clone();
        upper[upper.length - 1] = (byte) (SEPARATOR + 1);
        return upper;
    }

    /**
     * A result's key. Without a sequence it is the key of the first releases (partition, offset: decision order), so
     * stores written before keep their order. With one, the marker 0x80 (never the first byte of a partition
     * number, which is not negative) puts it after those, ordered by sequence; partition and offset follow so
     * that a sequence sent twice by a direct producer does not hide a result.
     */
    static byte[] resultKey(String jobId, Long sequence, int partition, long offset) {
        byte[] prefix = prefix(jobId);
        ByteBuffer key = ByteBuffer.allocate(prefix.length + (sequence == null ? 0 : 1 + Long.BYTES)
                + Integer.BYTES + Long.BYTES).put(prefix);
        if (sequence != null) {
            key.put(SEQUENCED).putLong(sequence);
        }
        return key.putInt(partition).putLong(offset).array();
    }

    static byte[] auditKey(long atMillis, int partition, long offset) {
        return ByteBuffer.allocate(AUDIT_KEY_BYTES).putLong(Math.max(0, atMillis)).putInt(partition).putLong(offset).array();
    }

    static byte[] offsetKey(String topic, int partition) {
        byte[] prefix = prefix(topic);
        return ByteBuffer.allocate(prefix.length + Integer.BYTES).put(prefix).putInt(partition).array();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void deleteRecursively(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
