package io.vitalink.loader;

import io.vitalink.avro.DeathRecord;
import io.vitalink.topic.TopicSerdes;
import io.vitalink.topic.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What the loader needs of a producer, in the topic's bytes: the loader stages every record already sealed, so the
 * production producer only sends bytes ({@link #of(Producer)}). {@link #typed} serves the producers of
 * {@link DeathLoader#withProducer} (e.g. a MockProducer in tests): it opens the staged bytes back into a
 * {@link DeathRecord} for them, which their serializers seal again.
 */
abstract class RecordSender {

    private static final String TOPIC = Topics.DEATH_RECORDS.name();

    private final Producer<?, ?> producer;

    private RecordSender(Producer<?, ?> producer) {
        this.producer = producer;
    }

    /** @param value null for a tombstone */
    abstract void send(byte[] key, byte[] value, Callback callback);

    List<PartitionInfo> partitionsFor(String topic) {
        return producer.partitionsFor(topic);
    }

    void flush() {
        producer.flush();
    }

    void close(Duration timeout) {
        producer.close(timeout);
    }

    static RecordSender of(Producer<byte[], byte[]> producer) {
        return new RecordSender(producer) {
            @Override
            void send(byte[] key, byte[] value, Callback callback) {
                producer.send(new ProducerRecord<>(TOPIC, key, value), callback);
            }
        };
    }

    static RecordSender typed(Producer<String, DeathRecord> producer, TopicSerdes serdes) {
        Deserializer<String> keys = serdes.key(Topics.DEATH_RECORDS).deserializer();
        Deserializer<DeathRecord> values = serdes.value(Topics.DEATH_RECORDS).deserializer();
        return new RecordSender(producer) {
            @Override
            void send(byte[] key, byte[] value, Callback callback) {
                producer.send(new ProducerRecord<>(TOPIC, keys.deserialize(TOPIC, key), values.deserialize(TOPIC, value)), callback);
            }
        };
    }
}
