package io.vitalink.api.intake;

import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.avro.MatchRequest;
import io.vitalink.serde.RecordCodec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * A validated upload on disk, so nothing is published until the whole body has been read and checked.
 * Entries are {@code [int keyLength][Kafka key UTF-8][int valueLength][MatchRequest single-object bytes]}: the key
 * is computed once here, when the row is sealed, so publishing only copies bytes. Each request gets its row index
 * as {@code sequence}, so that results can be listed in submission order.
 * Duplicate recordIds are found with a throw-away RocksDB keyed by recordId (value: the line it was first
 * seen on), so neither the records nor their ids are held in heap. The directory is deleted on close; one left by a
 * process that died is removed by {@link #removeLeftOvers} when the service starts. While open, a spool holds an
 * OS lock on its {@code in-use} file, so that an instance sharing the directory never removes a spool still in use.
 */
public final class Spool implements AutoCloseable {

    static {
        RocksDB.loadLibrary();
    }

    /** Threads sealing rows while the body is parsed (JVM property {@code vitalink.spool.seal-threads}; 1 = inline). */
    static final int SEAL_THREADS = Integer.getInteger("vitalink.spool.seal-threads",
            Runtime.getRuntime().availableProcessors());

    static final String PREFIX = "upload-";
    static final String IN_USE = "in-use";
    /** A spool folder this young without its lock may be one being created right now: left alone. */
    static final Duration CREATION_GRACE = Duration.ofMinutes(1);
    /**
     * Spools open in this JVM: their lock files are never opened a second time here, since closing another channel
     * on a file can release the JVM's lock on it.
     */
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final FileChannel inUse;
    private final Path file;
    private final Options options;
    private final WriteOptions writeOptions;
    private final RocksDB seen;
    private DataOutputStream out;
    private final SealingWriter writer;
    private long count;

    private Spool(Path dir, FileChannel inUse, RecordCodec<MatchRequest> codec, Function<MatchRequest, String> keys)
            throws IOException {
        this.dir = dir;
        this.inUse = inUse;
        this.file = dir.resolve("requests.bin");
        this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        this.writer = new SealingWriter(codec, keys, out, SEAL_THREADS);
        this.options = new Options().setCreateIfMissing(true).setWriteBufferSize(8L << 20).setMaxOpenFiles(64);
        this.writeOptions = new WriteOptions().setDisableWAL(true);
        try {
            this.seen = RocksDB.open(options, dir.resolve("ids").toString());
        } catch (RocksDBException e) {
            out.close();
            options.close();
            writeOptions.close();
            throw new IOException("cannot open the duplicate check store: " + e.getMessage(), e);
        }
    }

    /**
     * A new spool in a fresh directory under {@code parent} (created when missing).
     *
     * @param codec encodes requests as they will be published: sealed, so the spool on disk holds no clear ID or name
     * @param keys   the Kafka key of a request (never a clear ID: {@link io.vitalink.topic.TopicSerdes#requestKey})
     */
    public static Spool create(Path parent, RecordCodec<MatchRequest> codec, Function<MatchRequest, String> keys)
            throws IOException {
        Files.createDirectories(parent);
        Path dir = Files.createTempDirectory(parent, PREFIX).toAbsolutePath().normalize();
        OPEN.add(dir);
        FileChannel inUse = null;
        try {
            inUse = FileChannel.open(dir.resolve(IN_USE), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            inUse.lock(); // released when the channel closes, or when the process dies
            return new Spool(dir, inUse, codec, keys);
        } catch (IOException | RuntimeException e) {
            closeQuietly(inUse);
            deleteRecursively(dir);
            OPEN.remove(dir);
            throw e;
        }
    }

    /**
     * Removes the spool folders under {@code parent} that no live process holds: those of a run that crashed. Those
     * open in this JVM, or locked by another process sharing the folder, stay.
     *
     * @return how many were removed
     */
    public static int removeLeftOvers(Path parent) {
        if (!Files.isDirectory(parent)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (Path dir : dirs) {
                try {
                    if (Files.isDirectory(dir) && !OPEN.contains(dir.toAbsolutePath().normalize()) && unused(dir)) {
                        deleteRecursively(dir);
                        removed += Files.exists(dir) ? 0 : 1;
                    }
                } catch (IOException e) {
                    org.slf4j.LoggerFactory.getLogger(Spool.class).warn("Could not check the spool {}: {}", dir, e.getMessage());
                }
            }
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(Spool.class).warn("Could not look for left-over spools in {}: {}", parent,
                    e.getMessage());
        }
        return removed;
    }

    private static boolean unused(Path dir) throws IOException {
        Path lockFile = dir.resolve(IN_USE);
        if (!Files.exists(lockFile)) {
            return lastModified(dir).isBefore(Instant.now().minus(CREATION_GRACE)); // still written to: in use
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false; // another process is writing it
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false;
        }
    }

    /** The newest change to the folder or the files in it (the requests file grows while an upload is read). */
    private static Instant lastModified(Path dir) throws IOException {
        Instant newest = Files.getLastModifiedTime(dir).toInstant();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                Instant modified = Files.getLastModifiedTime(entry).toInstant();
                newest = modified.isAfter(newest) ? modified : newest;
            }
        }
        return newest;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the folder is deleted next
            }
        }
    }

    /**
     * @param line the record's line in the body, for the duplicate error
     * @param csvNames whether errors name the field record_id (CSV) or recordId (JSON)
     */
    public void add(MatchRequest request, long line, boolean csvNames) throws IOException {
        byte[] recordId = request.getRecordId().getBytes(StandardCharsets.UTF_8);
        try {
            byte[] firstLine = seen.get(recordId);
            if (firstLine != null) {
                long first = ByteBuffer.wrap(firstLine).getLong();
                throw new ApiException(ErrorCode.DUPLICATE_RECORD_ID,
                        "The recordId on line " + line + " was already used on line " + first,
                        line, csvNames ? RecordFields.RECORD_ID.csv() : RecordFields.RECORD_ID.json());
            }
            seen.put(writeOptions, recordId, ByteBuffer.allocate(Long.BYTES).putLong(line).array());
        } catch (RocksDBException e) {
            throw new IOException("duplicate check failed: " + e.getMessage(), e);
        }
        request.setSequence(count);
        writer.write(request);
        count++;
    }

    public long count() {
        return count;
    }

    /** Ends writing; call before {@link #forEach}. */
    public void finish() throws IOException {
        if (out != null) {
            writer.flush();
            out.close();
            out = null;
        }
    }

    /** Reads the entries back in the order they were added. */
    public void forEach(EntryConsumer consumer) throws IOException {
        finish();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            for (long i = 0; i < count; i++) {
                byte[] key = new byte[in.readInt()];
                in.readFully(key);
                byte[] value = new byte[in.readInt()];
                in.readFully(value);
                consumer.accept(new String(key, StandardCharsets.UTF_8), value);
            }
        } catch (EOFException e) {
            throw new IOException("spool file is truncated", e);
        }
    }

    @Override
    public void close() {
        writer.close();
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException ignored) {
            // the directory is deleted below anyway
        }
        seen.close();
        writeOptions.close();
        options.close();
        closeQuietly(inUse);
        deleteRecursively(dir);
        OPEN.remove(dir);
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            org.slf4j.LoggerFactory.getLogger(Spool.class).warn("Could not delete spool {}: {}", dir, e.getMessage());
        }
    }

    @FunctionalInterface
    public interface EntryConsumer {
        /** @param key the request's Kafka key: its sealed normalised ID, or its recordId */
        void accept(String key, byte[] matchRequest) throws IOException;
    }
}
