package io.vitalink.api.kafka;

import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.vitalink.api.metrics.ApiMetrics;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.serde.RecordCodec;
import io.vitalink.serde.UndecodableException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compacted topic that only the API writes (key → value, tombstone = deleted), held in memory: the whole topic is
 * read while the service starts, before it answers anything, then a background thread follows it so that changes
 * made by another API instance show up here. A write is acknowledged by all in-sync replicas before it is applied
 * locally. Each key remembers the offset of its value, so a record read late from the topic never overwrites a newer
 * write of this instance. With a {@link RecordMac}, every record carries a MAC and one without a valid MAC is
 * refused, never applied.
 */
public final class CompactedTopicView<V> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CompactedTopicView.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * What the view reads and how.
     *
     * @param mac null when the topic's records are not authenticated
     * @param unavailable the error of a write Kafka did not acknowledge
     * @param onRefused called for each record refused for its MAC
     */
    public record Spec<V>(String topic, RecordCodec<V> codec, String clientId, RecordMac mac, ErrorCode unavailable,
                          Runnable onRefused) {

        public Spec {
            Objects.requireNonNull(topic);
            Objects.requireNonNull(codec);
            Objects.requireNonNull(clientId);
            Objects.requireNonNull(unavailable);
            onRefused = onRefused == null ? () -> { } : onRefused;
        }
    }

    /** A value (null once deleted) and the offset it was written at. */
    private record Versioned<V>(V value, long offset) {
    }

    private final Spec<V> spec;
    private final Map<String, Versioned<V>> values = new ConcurrentHashMap<>();
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread follower;
    private final KafkaClientMetrics consumerMetrics;
    private final KafkaClientMetrics producerMetrics;
    private volatile BiConsumer<String, V> listener = (key, value) -> { };
    private volatile boolean running = true;

    public CompactedTopicView(Spec<V> spec, KafkaClientSettings settings, Duration loadTimeout, ApiMetrics metrics) {
        this.spec = spec;
        this.consumer = new KafkaConsumer<>(settings.consumer(spec.clientId()), new StringDeserializer(), new ByteArrayDeserializer());
        try {
            loadAll(loadTimeout);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        this.producer = new KafkaProducer<>(settings.producer(spec.clientId(), Map.of()), new StringSerializer(), new ByteArraySerializer());
        this.consumerMetrics = metrics.bind(consumer);
        this.producerMetrics = metrics.bind(producer);
        this.follower = new Thread(this::follow, spec.clientId());
        this.follower.setDaemon(true);
        this.follower.start();
    }

    /** Told of every value applied after the initial load, this instance's writes and other instances' alike. */
    public void onChange(BiConsumer<String, V> listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    public Optional<V> find(String key) {
        Versioned<V> v = key == null ? null : values.get(key);
        return v == null ? Optional.empty() : Optional.ofNullable(v.value());
    }

    public Collection<V> all() {
        return values.values().stream().map(Versioned::value).filter(Objects::nonNull).toList();
    }

    /** Stores {@code value} (null deletes the key) once Kafka acknowledges it; then it is visible here. */
    public void write(String key, V value) {
        byte[] bytes = value == null ? null : spec.codec().encode(value);
        try {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(spec.topic(), key, bytes);
            if (spec.mac() != null) {
                record.headers().add(spec.mac().header(), spec.mac().sign(key, bytes));
            }
            RecordMetadata written = producer.send(record).get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            apply(key, value, written.offset(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw unavailable(e);
        }
    }

    private ApiException unavailable(Exception cause) {
        return new ApiException(spec.unavailable(), "The change could not be stored: Kafka did not acknowledge it", cause);
    }

    private void loadAll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TopicPartition> partitions = List.of();
        while (partitions.isEmpty()) {
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(spec.topic(), Duration.ofSeconds(5));
                partitions = infos == null ? List.of()
                        : infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // broker not reachable yet
            }
            if (partitions.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The topic '" + spec.topic() + "' could not be found within "
                            + timeout + ": is Kafka reachable and the topic created?");
                }
                sleep(Duration.ofMillis(500));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The topic '" + spec.topic() + "' could not be read to its end within " + timeout);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(r -> apply(r, false));
        }
        log.info("Loaded {} records from the {} topic", all().size(), spec.topic());
    }

    private void follow() {
        while (running) {
            try {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> apply(r, true));
            } catch (WakeupException e) {
                // closing
            } catch (RuntimeException e) {
                if (running) {
                    // the class only: a message could quote a record of the topic
                    log.warn("Following the {} topic failed, retrying: {}", spec.topic(), e.getClass().getName());
                    sleep(Duration.ofSeconds(2));
                }
            }
        }
        consumer.close(Duration.ofSeconds(5));
    }

    private void apply(ConsumerRecord<String, byte[]> record, boolean tell) {
        if (record.key() == null) {
            return;
        }
        if (spec.mac() != null) {
            Header signature = record.headers().lastHeader(spec.mac().header());
            if (!spec.mac().verifies(record.key(), record.value(), signature == null ? null : signature.value())) {
                spec.onRefused().run();
                log.warn("Refusing a record without a valid MAC at {}-{}@{}: written by something other than the API",
                        record.topic(), record.partition(), record.offset());
                return;
            }
        }
        try {
            V value = record.value() == null ? null : spec.codec().decode(record.value());
            apply(record.key(), value, record.offset(), tell);
        } catch (UndecodableException e) {
            log.warn("Skipping an undecodable record at {}-{}@{}", record.topic(), record.partition(), record.offset());
        }
    }

    private void apply(String key, V value, long offset, boolean tell) {
        Versioned<V> next = new Versioned<>(value, offset);
        if (values.compute(key, (k, current) -> current != null && current.offset() >= offset ? current : next) == next && tell) {
            listener.accept(key, value);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            follower.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumerMetrics.close();
        producerMetrics.close();
        producer.close(Duration.ofSeconds(10));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
