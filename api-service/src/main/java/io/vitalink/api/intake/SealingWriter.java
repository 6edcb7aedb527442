package io.vitalink.api.intake;

import io.vitalink.avro.MatchRequest;
import io.vitalink.serde.RecordCodec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Writes spool entries {@code [int keyLength][key][int valueLength][value]} in the order they were given, sealing
 * and encoding them in chunks on a shared pool: sealing is most of an upload's cost, and the parser goes on with the
 * next rows meanwhile. At most {@code 2 × threads} chunks are pending per writer, so heap stays bounded.
 */
final class SealingWriter implements AutoCloseable {

    /** Rows per task: large enough that handing over costs little, small enough to keep little in heap. */
    static final int CHUNK = 1024;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()), runnable -> {
                Thread thread = new Thread(runnable, "vitalink-spool-seal");
                thread.setDaemon(true);
                return thread;
            });

    private final RecordCodec<MatchRequest> codec;
    private final Function<MatchRequest, String> keys;
    private final DataOutputStream out;
    private final int maxPending;
    private final boolean parallel;
    private final ArrayDeque<Future<byte[]>> pending = new ArrayDeque<>();
    private List<MatchRequest> chunk = new ArrayList<>(CHUNK);

    /** @param threads 1 seals on the caller's thread; more uses the shared pool */
    SealingWriter(RecordCodec<MatchRequest> codec, Function<MatchRequest, String> keys, DataOutputStream out, int threads) {
        this.codec = codec;
        this.keys = keys;
        this.out = out;
        this.parallel = threads > 1;
        this.maxPending = 2 * Math.max(1, threads);
    }

    void write(MatchRequest request) throws IOException {
        chunk.add(request);
        if (chunk.size() == CHUNK) {
            submit();
        }
    }

    /** Writes everything given so far, in order. */
    void flush() throws IOException {
        if (!chunk.isEmpty()) {
            submit();
        }
        while (!pending.isEmpty()) {
            writeOldest();
        }
        out.flush();
    }

    private void submit() throws IOException {
        List<MatchRequest> rows = chunk;
        chunk = new ArrayList<>(CHUNK);
        pending.add(parallel ? POOL.submit(() -> encode(rows)) : CompletableFuture.completedFuture(encode(rows)));
        while (pending.size() > maxPending) {
            writeOldest();
        }
    }

    private void writeOldest() throws IOException {
        try {
            out.write(pending.poll().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sealing the upload");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException("sealing failed", e.getCause());
        }
    }

    private byte[] encode(List<MatchRequest> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rows.size() * 320);
        DataOutputStream entries = new DataOutputStream(bytes);
        try {
            for (MatchRequest request : rows) {
                byte[] key = keys.apply(request).getBytes(StandardCharsets.UTF_8);
                byte[] value = codec.encode(request);
                entries.writeInt(key.length);
                entries.write(key);
                entries.writeInt(value.length);
                entries.write(value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** Drops what is pending (an upload being refused): nothing more reaches the file. */
    @Override
    public void close() {
        pending.forEach(f -> f.cancel(false));
        pending.clear();
        chunk.clear();
    }
}
