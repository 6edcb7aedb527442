package io.vitalink.serde;

/**
 * How one message type becomes bytes on a topic and back. The only place the wire format is chosen:
 * everything else asks {@link Codecs} for a codec or a Kafka serde.
 */
public interface RecordCodec<T> {

    byte[] encode(T value);

    /** @throws UndecodableException when the bytes are not a known version of {@code T} */
    T decode(byte[] bytes);
}
