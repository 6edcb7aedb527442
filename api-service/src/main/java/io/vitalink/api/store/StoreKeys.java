package io.vitalink.api.store;

import java.nio.charset.StandardCharsets;

/**
 * The pieces the repositories build their keys from. Apart from {@link StoreCore} because they are pure functions
 * of the layout on disk: changing one changes the file format.
 */
final class StoreKeys {

    /** Ends the prefix of a key made of a string and more ({@link #prefix}). */
    private static final byte SEPARATOR = 0x00;

    private StoreKeys() {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code s} in UTF-8 and a 0x00 separator: no such prefix is the start of another. */
    static byte[] prefix(String s) {
        byte[] id = utf8(s);
        byte[] prefix = new byte[id.length + 1];
        System.arraycopy(id, 0, prefix, 0, id.length);
        prefix[id.length] = SEPARATOR;
        return prefix;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    /** The first key after every key starting with {@code prefix} (a {@link #prefix} ending in the separator). */
    static byte[] upperBound(byte[] prefix) {
        byte[] upper = prefix.clone();
        upper[upper.length - 1] = (byte) (SEPARATOR + 1);
        return upper;
    }

    /** The first key after every key starting with any {@code prefix}: the prefix plus one, carried (not all 0xFF). */
    static byte[] successor(byte[] prefix) {
        byte[] next = prefix.clone();
        for (int i = next.length - 1; i >= 0; i--) {
            if (++next[i] != 0) {
                return next;
            }
        }
        throw new IllegalArgumentException("no key follows a prefix of 0xFF bytes only");
    }
}
