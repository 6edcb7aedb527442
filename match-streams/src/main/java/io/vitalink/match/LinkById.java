package io.vitalink.match;

import io.vitalink.avro.DeathRecord;
import io.vitalink.avro.MatchRequest;
import io.vitalink.crypto.FieldCipher;
import io.vitalink.crypto.RecordProtection;
import io.vitalink.match.rules.Decisions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Links a request with a valid ID to the death record of that ID, read from this task's partition of the
 * death-records table, with no repartition: producers key a request by its sealed normalised ID, the key of
 * death-records, so it lands on the partition of that person's death record. A request that is not there (keyed
 * otherwise, or partitioned by another rule) is sent to that partition first; after that move it is linked here
 * whatever its partition says ({@code moved}), so that a partition-count mismatch can never loop.
 */
final class LinkById implements FixedKeyProcessor<String, CheckedRequest, Linked> {

    private final Clock clock;
    private final RecordProtection protection;
    private final int partitions;
    private final boolean moved;
    private FixedKeyProcessorContext<String, Linked> context;
    private TimestampedKeyValueStore<String, byte[]> deaths;

    LinkById(Clock clock, RecordProtection protection, int partitions, boolean moved) {
        this.clock = clock;
        this.protection = protection;
        this.partitions = partitions;
        this.moved = moved;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Linked> context) {
        this.context = context;
        this.deaths = context.getStateStore(MatchTopology.DEATH_RECORDS_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, CheckedRequest> record) {
        CheckedRequest checked = record.value();
        FieldCipher cipher = protection.cipher();
        String sealedId = cipher.sealId(checked.normalisedId());
        if (!moved && !isHere(record.key(), sealedId)) {
            context.forward(record.withValue(Linked.elsewhere(sealedId, checked.raw())));
            return;
        }
        DeathRecord death = SealedDeaths.openOrAbsent(protection, ValueAndTimestamp.getValueOrNull(deaths.get(sealedId)));
        MatchRequest request = checked.normalised();
        context.forward(record.withValue(Linked.decided(
                Decided.of(request, Decisions.byId(request, death, clock.instant()), true, checked.raw()))));
    }

    /** Keyed by its sealed ID and on the partition Kafka's default partitioner gives that key. */
    private boolean isHere(String key, String sealedId) {
        if (!sealedId.equals(key)) {
            return false;
        }
        int partition = context.recordMetadata().map(RecordMetadata::partition).orElse(-1);
        return partition == Utils.toPositive(Utils.murmur2(sealedId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
