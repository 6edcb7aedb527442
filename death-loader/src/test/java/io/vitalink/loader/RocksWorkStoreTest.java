package io.vitalink.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksWorkStoreTest {

    @TempDir
    Path parent;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keepsEachStoreApartAndWalksKeysInUnsignedOrderFromASeek() {
        try (RocksWorkStore work = RocksWorkStore.open(parent)) {
            Reconciler.Stores stores = work.stores();
            stores.incoming().put(bytes("b2"), bytes("x"));
            stores.incoming().put(bytes("b1"), bytes("y"));
            stores.incoming().put(new byte[] {'b', (byte) 0xFF}, bytes("z"));
            stores.incoming().put(bytes("a1"), bytes("w"));
            stores.current().put(bytes("b0"), bytes("other store"));

            List<String> seen = new ArrayList<>();
            try (KeyValueStore.Cursor cursor = stores.incoming().cursor()) {
                for (cursor.seek(bytes("b")); cursor.valid(); cursor.next()) {
                    seen.add(new String(cursor.value(), StandardCharsets.UTF_8));
                }
            }

            assertThat(seen).containsExactly("y", "x", "z");
            assertThat(stores.current().get(bytes("b1"))).isNull();
            assertThat(stores.current().get(bytes("b0"))).isEqualTo(bytes("other store"));
        }
    }

    @Test
    void sortsLineKeysOfAnIdTogetherInLineOrderAndBeforeLongerIds() {
        try (RocksWorkStore work = RocksWorkStore.open(parent)) {
            KeyValueStore store = work.stores().incoming();
            store.put(Reconciler.lineKey(bytes("P:E12345678"), 2), bytes("long id"));
            store.put(Reconciler.lineKey(bytes("P:E1234567"), 300), bytes("short id, line 300"));
            store.put(Reconciler.lineKey(bytes("P:E1234567"), 4), bytes("short id, line 4"));

            List<String> seen = new ArrayList<>();
            store.forEach((k, v) -> seen.add(new String(v, StandardCharsets.UTF_8)));

            assertThat(seen).containsExactly("short id, line 4", "short id, line 300", "long id");
        }
    }

    @Test
    void iteratesEverythingForAnEmptyPrefixAndForgetsDeletedKeys() {
        try (RocksWorkStore work = RocksWorkStore.open(parent)) {
            KeyValueStore store = work.stores().rejects();
            store.put(bytes("2"), bytes("two"));
            store.put(bytes("1"), bytes("one"));
            store.put(bytes("3"), bytes("three"));
            store.delete(bytes("2"));

            List<String> seen = new ArrayList<>();
            store.forEach((k, v) -> seen.add(new String(k, StandardCharsets.UTF_8)));

            assertThat(seen).containsExactly("1", "3");
        }
    }

    @Test
    void deletesItsDirectoryOnClose() {
        Path dir;
        try (RocksWorkStore work = RocksWorkStore.open(parent)) {
            dir = work.directory();
            work.stores().incoming().put(bytes("k"), bytes("v"));
            assertThat(dir).isDirectory().isNotEmptyDirectory();
        }

        assertThat(dir).doesNotExist();
        assertThat(parent).isEmptyDirectory();
    }
}
