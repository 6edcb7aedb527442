package io.vitalink.loader;

import java.util.function.BiConsumer;

/**
 * A sorted map of byte keys to byte values that the loader keeps outside the heap (see {@link RocksWorkStore}),
 * so that a load of 10^8 deaths needs no more memory than one of ten. Keys compare as unsigned bytes.
 * Failures are thrown as {@link LoadException} ({@link LoadFailure#WORK_STORE_FAILED}).
 */
interface KeyValueStore {

    /** The value of {@code key}, or null. */
    byte[] get(byte[] key);

    void put(byte[] key, byte[] value);

    void delete(byte[] key);

    /** A cursor over the entries in key order, not positioned yet: call {@link Cursor#seekToFirst()} or {@link Cursor#seek}. */
    Cursor cursor();

    /** Calls {@code action} for every entry, in key order. */
    default void forEach(BiConsumer<byte[], byte[]> action) {
        try (Cursor cursor = cursor()) {
            for (cursor.seekToFirst(); cursor.valid(); cursor.next()) {
                action.accept(cursor.key(), cursor.value());
            }
        }
    }

    /** Walks the entries in key order, like a RocksDB iterator. */
    interface Cursor extends AutoCloseable {

        void seekToFirst();

        /** Moves to the first entry whose key is at least {@code target}. */
        void seek(byte[] target);

        /** Whether the cursor is on an entry (false past the end). */
        boolean valid();

        byte[] key();

        byte[] value();

        void next();

        @Override
        void close();
    }
}
