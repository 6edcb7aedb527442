package io.vitalink.api.user;

import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.vitalink.api.auth.JwtSettings;
import io.vitalink.api.kafka.KafkaClientSettings;
import io.vitalink.api.kafka.TopicSetup;
import io.vitalink.api.metrics.ApiMetrics;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.avro.User;
import io.vitalink.serde.Codecs;
import io.vitalink.serde.UndecodableException;
import io.vitalink.topic.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * Users kept in the compacted {@code users} topic (key username, tombstone = deleted) and held in memory:
 * the whole topic is read while the service starts (created then through {@link BootstrapAdmin}), before it
 * answers anything, then a background thread
 * follows it so that changes made by another API instance show up here. A write is acknowledged by all
 * in-sync replicas before it is applied locally. Each user remembers the offset of its value, so a record
 * read late from the topic never overwrites a newer write of this instance. Every record carries a MAC under a key
 * only the API holds ({@link UserRecordMac}); one without a valid MAC is refused, never applied.
 */
@Singleton
@Bean(typed = UserStore.class)
public class KafkaUserStore implements UserStore {

    private static final Logger log = LoggerFactory.getLogger(KafkaUserStore.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    /** A user (null once deleted) and the offset its value was written at. */
    private record Versioned(User user, long offset) {
    }

    private final Map<String, Versioned> users = new ConcurrentHashMap<>();
    private final UserRecordMac mac;
    private final ApiMetrics metrics;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread follower;
    private final KafkaClientMetrics consumerMetrics;
    private final KafkaClientMetrics producerMetrics;
    private volatile boolean running = true;

    /** {@code topicsCreatedFirst} is asked for only so that, when this service creates topics, it does so first. */
    public KafkaUserStore(KafkaClientSettings settings, @Nullable TopicSetup topicsCreatedFirst,
                          @Value("${vitalink.users.load-timeout:60s}") Duration loadTimeout, ApiMetrics metrics,
                          JwtSettings jwt) {
        this.mac = new UserRecordMac(jwt.derivedKey(UserRecordMac.PURPOSE));
        this.metrics = metrics;
        this.consumer = new KafkaConsumer<>(settings.consumer("vitalink-api-users"),
                new StringDeserializer(), new ByteArrayDeserializer());
        try {
            loadAll(loadTimeout);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        this.producer = new KafkaProducer<>(settings.producer("vitalink-api-users", Map.of()),
                new StringSerializer(), new ByteArraySerializer());
        this.consumerMetrics = metrics.bind(consumer);
        this.producerMetrics = metrics.bind(producer);
        this.follower = new Thread(this::follow, "vitalink-users");
        this.follower.setDaemon(true);
        this.follower.start();
    }

    private void loadAll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TopicPartition> partitions = List.of();
        while (partitions.isEmpty()) {
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(Topics.USERS.name(), Duration.ofSeconds(5));
                partitions = infos == null ? List.of()
                        : infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // broker not reachable yet
            }
            if (partitions.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The users topic '" + Topics.USERS.name() + "' could not be found within "
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
                throw new IllegalStateException("The users topic could not be read to its end within " + timeout);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(this::apply);
        }
        log.info("Loaded {} users from the {} topic", all().size(), Topics.USERS.name());
    }

    private void follow() {
        while (running) {
            try {
                consumer.poll(Duration.ofMillis(500)).forEach(this::apply);
            } catch (WakeupException e) {
                // closing
            } catch (RuntimeException e) {
                if (running) {
                    // the class only: a message could quote a record of the topic
                    log.warn("Following the users topic failed, retrying: {}", e.getClass().getName());
                    sleep(Duration.ofSeconds(2));
                }
            }
        }
        consumer.close(Duration.ofSeconds(5));
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        Header signature = record.headers().lastHeader(UserRecordMac.HEADER);
        if (!mac.verifies(record.key(), record.value(), signature == null ? null : signature.value())) {
            metrics.userRecordRefused();
            log.warn("Refusing a user record without a valid MAC at {}-{}@{}: written by something other than the API",
                    record.topic(), record.partition(), record.offset());
            return;
        }
        try {
            User user = record.value() == null ? null : Codecs.USER.decode(record.value());
            apply(record.key(), user, record.offset());
        } catch (UndecodableException e) {
            log.warn("Skipping undecodable user record at {}-{}@{}", record.topic(), record.partition(), record.offset());
        }
    }

    private void apply(String username, User user, long offset) {
        users.compute(username, (k, current) -> current != null && current.offset() >= offset ? current : new Versioned(user, offset));
    }

    @Override
    public Optional<User> find(String username) {
        Versioned v = username == null ? null : users.get(username);
        return v == null ? Optional.empty() : Optional.ofNullable(v.user());
    }

    @Override
    public Collection<User> all() {
        return users.values().stream().map(Versioned::user).filter(u -> u != null).toList();
    }

    @Override
    public void save(User user) {
        write(user.getUsername(), user);
    }

    @Override
    public void delete(String username) {
        write(username, null);
    }

    private void write(String username, User user) {
        byte[] value = user == null ? null : Codecs.USER.encode(user);
        try {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.USERS.name(), username, value);
            record.headers().add(UserRecordMac.HEADER, mac.of(username, value));
            RecordMetadata written = producer.send(record)
                    .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            apply(username, user, written.offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw unavailable(e);
        }
    }

    private static ApiException unavailable(Exception cause) {
        return new ApiException(ErrorCode.USER_STORE_UNAVAILABLE, "The change could not be stored: Kafka did not acknowledge it", cause);
    }

    @PreDestroy
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
