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
interface RecordSender {

    List<PartitionInfo> partitionsFor(String topic);

    /** @param value null for a tombstone */
    void send(byte[] key, byte[] value, Callback callback);

    void flush();

    void close(Duration timeout);

    static RecordSender of(Producer<byte[], byte[]> producer) {
        return new RecordSender() {
            @Override
            public List<PartitionInfo> partitionsFor(String topic) {
                return producer.partitionsFor(topic);
            }

            @Override
            public void send(byte[] key, byte[] value, Callback callback) {
                producer.send(new ProducerRecord<>(Topics.DEATH_RECORDS.name(), key, value), callback);
            }

            @Override
            public void flush() {
                producer.flush();
            }

            @Override
            public void close(Duration timeout) {
                producer.close(timeout);
            }
        };
    }

    static RecordSender typed(Producer<String, DeathRecord> producer, TopicSerdes serdes) {
        String topic = Topics.DEATH_RECORDS.name();
        Deserializer<String> keys = serdes.key(Topics.DEATH_RECORDS).deserializer();
        Deserializer<DeathRecord> values = serdes.value(Topics.DEATH_RECORDS).deserializer();
        return new RecordSender() {
            @Override
            public List<PartitionInfo> partitionsFor(String name) {
                return producer.partitionsFor(name);
            }

            @Override
            public void send(byte[] key, byte[] value, Callback callback) {
                producer.send(new ProducerRecord<>(topic, keys.deserialize(topic, key), values.deserialize(topic, value)), callback);
            }

            @Override
            public void flush() {
                producer.flush();
            }

            @Override
            public void close(Duration timeout) {
                producer.close(timeout);
            }
        };
    }
}
