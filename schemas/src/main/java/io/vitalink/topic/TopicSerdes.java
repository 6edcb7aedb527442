package io.vitalink.topic;

import io.vitalink.avro.MatchRequest;
import io.vitalink.crypto.FieldCipher;
import io.vitalink.crypto.ProtectedCodec;
import io.vitalink.crypto.RecordProtection;
import io.vitalink.id.IdCheck;
import io.vitalink.id.ResidentIds;
import io.vitalink.serde.Codecs;
import io.vitalink.serde.RecordCodec;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serdes of every topic and store, with personal fields sealed by one {@link FieldCipher}: whatever goes
 * through them to Kafka or RocksDB holds no clear identifier or name, and code on either side sees clear values.
 */
public final class TopicSerdes {

    private final RecordProtection protection;
    private final Serde<String> ids;
    private final Map<Class<?>, Serde<?>> serdes = new ConcurrentHashMap<>();

    public TopicSerdes(FieldCipher cipher) {
        this.protection = new RecordProtection(cipher);
        Serde<String> text = Serdes.String();
        this.ids = Serdes.serdeFrom(
                (topic, id) -> text.serializer().serialize(topic, cipher.sealId(id)),
                (topic, bytes) -> cipher.openId(text.deserializer().deserialize(topic, bytes)));
    }

    public FieldCipher cipher() {
        return protection.cipher();
    }

    public RecordProtection protection() {
        return protection;
    }

    /** Keys that are normalised identifiers: sealed deterministically, so partitioning and lookups still work. */
    public Serde<String> ids() {
        return ids;
    }

    /**
     * The key of a request on match-requests: the sealed normalised ID when the ID is valid on {@code today} (the
     * very key {@link #ids()} writes on death-records, so the default partitioner puts the request on its death
     * record's partition and the matcher links it without a repartition), else the recordId. A request keyed
     * otherwise is still matched, through a slower path.
     */
    public String requestKey(MatchRequest request, LocalDate today) {
        return ResidentIds.check(request.getIdNumber(), request.getIdType(), today) instanceof IdCheck.Valid valid
                ? protection.cipher().sealId(valid.id())
                : request.getRecordId();
    }

    public <K, V> Serde<K> key(Topic<K, V> topic) {
        @SuppressWarnings("unchecked")
        Serde<K> serde = (Serde<K>) (topic.key() == Topic.Key.SEALED_ID ? ids : Serdes.String());
        return serde;
    }

    @SuppressWarnings("unchecked")
    public <K, V> Serde<V> value(Topic<K, V> topic) {
        if (topic.valueType() == byte[].class) {
            return (Serde<V>) Serdes.ByteArray();
        }
        return (Serde<V>) serde((Class<? extends SpecificRecord>) topic.valueType());
    }

    /** A Kafka serde that seals on the way out and opens on the way in; null stays null so tombstones pass. */
    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
        return (Serde<T>) serdes.computeIfAbsent(type, t -> {
            RecordCodec<T> codec = codec(type);
            Serializer<T> serializer = (topic, value) -> value == null ? null : codec.encode(value);
            Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null : codec.decode(bytes);
            return Serdes.serdeFrom(serializer, deserializer);
        });
    }

    public <T extends SpecificRecord> RecordCodec<T> codec(Class<T> type) {
        return new ProtectedCodec<>(Codecs.forType(type), protection);
    }
}
