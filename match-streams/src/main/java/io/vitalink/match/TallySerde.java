package io.vitalink.match;

import io.vitalink.job.Tally;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Eleven longs, big-endian, for the per-task job tallies: written on every request, so cheaper than Avro; a tally
 * holds counts and times only, nothing personal. Ten longs (before changes were counted) still read, with no change.
 */
final class TallySerde implements Serde<Tally> {

    private static final int SIZE = 11 * Long.BYTES;

    @Override
    public Serializer<Tally> serializer() {
        return (topic, tally) -> tally == null ? null : ByteBuffer.allocate(SIZE)
                .putLong(tally.processed()).putLong(tally.matched()).putLong(tally.matchedWithDiscrepancy())
                .putLong(tally.probable()).putLong(tally.notFound()).putLong(tally.invalid())
                .putLong(tally.deadLettered()).putLong(tally.skipped()).putLong(tally.startedAt()).putLong(tally.updatedAt())
                .putLong(tally.changes())
                .array();
    }

    @Override
    public Deserializer<Tally> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            return new Tally(b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(),
                    b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.remaining() >= Long.BYTES ? b.getLong() : 0);
        };
    }
}
