package io.vitalink.loader;

import io.vitalink.avro.DeathRecord;
import io.vitalink.topic.Topics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * death-records in memory for loader tests: every load gets a new {@link MockProducer}; what the earlier loads
 * sent (plus what was seeded) is what the next load reads as the topic's current content.
 */
final class FakeTopic implements CurrentRecords {

    private record Seed(String key, byte[] value) {
    }

    private final List<Seed> seeded = new ArrayList<>();
    private final List<MockProducer<String, DeathRecord>> producers = new ArrayList<>();

    DeathLoader loader(Clock clock) {
        return DeathLoader.withClients(producers(), this, TestKeys.CIPHER, clock);
    }

    Supplier<Producer<String, DeathRecord>> producers() {
        return () -> {
            MockProducer<String, DeathRecord> producer = new MockProducer<>(true, null,
                    TestKeys.SERDES.key(Topics.DEATH_RECORDS).serializer(), TestKeys.SERDES.value(Topics.DEATH_RECORDS).serializer());
            producers.add(producer);
            return producer;
        };
    }

    /** Puts a value (encoded as on the topic; null for a tombstone) before the first load. */
    FakeTopic seed(String key, byte[] value) {
        seeded.add(new Seed(key, value));
        return this;
    }

    FakeTopic seed(String key, DeathRecord value) {
        return seed(key, TestKeys.SERDES.value(Topics.DEATH_RECORDS).serializer().serialize(Topics.DEATH_RECORDS.name(), value));
    }

    /** What the last load sent. */
    List<ProducerRecord<String, DeathRecord>> lastSent() {
        return producers.isEmpty() ? List.of() : producers.get(producers.size() - 1).history();
    }

    /** Every record sent by every load, tombstones included. */
    List<ProducerRecord<String, DeathRecord>> allSent() {
        return producers.stream().flatMap(p -> p.history().stream()).toList();
    }

    /** The latest value per key (null for a tombstone), as a compacted topic would end up. */
    Map<String, DeathRecord> table() {
        Map<String, DeathRecord> table = new LinkedHashMap<>();
        allSent().forEach(r -> table.put(r.key(), r.value()));
        return table;
    }

    @Override
    public void read(Sink sink) {
        List<ProducerRecord<String, DeathRecord>> sent = allSent();
        sink.expect(seeded.size() + sent.size());
        // keys are kept clear here for the tests' sake; the real topic holds them sealed
        seeded.forEach(seed -> sink.record(TestKeys.CIPHER.sealId(seed.key()), seed.value()));
        var serializer = TestKeys.SERDES.value(Topics.DEATH_RECORDS).serializer();
        sent.forEach(r -> sink.record(TestKeys.CIPHER.sealId(r.key()), serializer.serialize(r.topic(), r.value())));
    }
}
