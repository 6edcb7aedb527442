package io.vitalink.crypto;

import io.vitalink.serde.RecordCodec;
import org.apache.avro.specific.SpecificRecord;

/** A codec that seals protected fields on encode and opens them on decode; what it writes holds no clear personal data. */
public final class ProtectedCodec<T extends SpecificRecord> implements RecordCodec<T> {

    private final RecordCodec<T> codec;
    private final RecordProtection protection;

    public ProtectedCodec(RecordCodec<T> codec, RecordProtection protection) {
        this.codec = codec;
        this.protection = protection;
    }

    @Override
    public byte[] encode(T value) {
        return codec.encode(protection.seal(value));
    }

    /** @throws io.vitalink.serde.UndecodableException also when a field cannot be opened with the keyset */
    @Override
    public T decode(byte[] bytes) {
        return protection.open(codec.decode(bytes));
    }
}
