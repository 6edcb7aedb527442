package io.vitalink.api.store;

import io.vitalink.avro.MatchResult;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * Results of one job, in the order {@link ResultRepository#cursor} gives. Safe to close from another thread; close it
 * (the store closes leftovers on close).
 */
public final class ResultCursor implements AutoCloseable {

    private final ResultRepository results;
    private final RocksIterator iterator;
    private final ReadOptions options;
    private final Slice bound;
    private boolean closed;

    ResultCursor(ResultRepository results, RocksIterator iterator, ReadOptions options, Slice bound) {
        this.results = results;
        this.iterator = iterator;
        this.options = options;
        this.bound = bound;
    }

    /** The next result, or null at the end. */
    public synchronized MatchResult next() {
        return closed ? null : results.advance(iterator);
    }

    @Override
    public synchronized void close() {
        results.forget(this);
        release();
    }

    /** Frees the native objects; called by close or by the store while it closes. */
    synchronized void release() {
        if (closed) {
            return;
        }
        closed = true;
        iterator.close();
        options.close();
        bound.close();
    }
}
