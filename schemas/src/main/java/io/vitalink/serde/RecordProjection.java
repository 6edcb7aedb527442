package io.vitalink.serde;

/**
 * Reads only some fields of a message: the others stay unset, so the value is for reading in memory and is never
 * encoded again. For hot paths that look at a few fields of large records and skip the rest of the bytes.
 */
@FunctionalInterface
public interface RecordProjection<T> {

    /** @throws UndecodableException when the bytes are not a known version of {@code T} */
    T decode(byte[] bytes);
}
