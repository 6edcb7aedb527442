package io.vitalink.loader;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** A {@link KeyValueStore} on the heap, ordered like RocksDB (unsigned bytes), for tests of the plain logic. */
final class MemoryStore implements KeyValueStore {

    private final TreeMap<byte[], byte[]> map = new TreeMap<>(Arrays::compareUnsigned);

    static Reconciler.Stores stores() {
        return new Reconciler.Stores(new MemoryStore(), new MemoryStore(), new MemoryStore(), new MemoryStore());
    }

    @Override
    public byte[] get(byte[] key) {
        byte[] value = map.get(key);
        return value == null ? null : value.clone();
    }

    @Override
    public void put(byte[] key, byte[] value) {
        map.put(key.clone(), value.clone());
    }

    @Override
    public void delete(byte[] key) {
        map.remove(key);
    }

    @Override
    public Cursor cursor() {
        return new Cursor() {
            private Map.Entry<byte[], byte[]> at;

            @Override
            public void seekToFirst() {
                at = map.firstEntry();
            }

            @Override
            public void seek(byte[] target) {
                at = map.ceilingEntry(target);
            }

            @Override
            public boolean valid() {
                return at != null;
            }

            @Override
            public byte[] key() {
                return at.getKey().clone();
            }

            @Override
            public byte[] value() {
                return at.getValue().clone();
            }

            @Override
            public void next() {
                at = map.higherEntry(at.getKey());
            }

            @Override
            public void close() {
            }
        };
    }

    int size() {
        return map.size();
    }
}
