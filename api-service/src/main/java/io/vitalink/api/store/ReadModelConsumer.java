package io.vitalink.api.store;

import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.vitalink.api.metrics.ApiMetrics;
import io.vitalink.avro.AuditEvent;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import io.vitalink.kafka.KafkaClientProperties;
import io.vitalink.serde.Codecs;
import io.vitalink.serde.UndecodableException;
import io.vitalink.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies match-results, job-progress, audit, webhook-deliveries and review-decisions into the {@link JobStore} on one background thread. No consumer
 * group: it assigns every partition itself, starts from the offsets kept in the store, and writes each
 * poll's records with the next offsets in one batch, so a restart neither loses nor repeats a result.
 * Reads committed data only (the Streams app writes with exactly-once transactions).
 */
public final class ReadModelConsumer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReadModelConsumer.class);
    static final List<String> TOPICS = List.of(Topics.MATCH_RESULTS.name(), Topics.JOB_PROGRESS.name(), Topics.AUDIT.name(),
            Topics.WEBHOOK_DELIVERIES.name(), Topics.REVIEW_DECISIONS.name());
    /** The matcher's one-event-per-patient-record decisions: the results already say the same, so not kept. */
    static final String MATCH_DECISION = "MATCH_DECISION";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(2);
    private static final Duration PARTITION_REFRESH = Duration.ofSeconds(60);

    private final Properties config;
    private final JobStore store;
    private final ApiMetrics metrics;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<byte[], byte[]> current;
    private volatile String lastError;

    public ReadModelConsumer(String bootstrapServers, KafkaClientProperties security, JobStore store) {
        this(bootstrapServers, security, store, ApiMetrics.unregistered());
    }

    /** Counts the results it stores and binds its consumer's metrics (the read model's lag among them) to {@code metrics}. */
    public ReadModelConsumer(String bootstrapServers, KafkaClientProperties security, JobStore store, ApiMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
        this.config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "vitalink-api-read-model");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        security.applyTo(config);
        this.thread = new Thread(this::run, "vitalink-read-model");
        this.thread.setDaemon(true);
    }

    public ReadModelConsumer start() {
        thread.start();
        return this;
    }

    /** True once every partition has been read up to the end it had when this consumer started. */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    public String lastError() {
        return lastError;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> consumer =
                         new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                 KafkaClientMetrics consumerMetrics = metrics.bind(consumer)) {
                current = consumer;
                if (!running) {
                    return;
                }
                consume(consumer);
            } catch (WakeupException e) {
                // closing
            } catch (RuntimeException e) {
                if (running) {
                    lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                    log.error("Read model consumer failed, restarting in {}", RETRY, e);
                    sleep(RETRY);
                }
            } finally {
                current = null;
            }
        }
    }

    private void consume(KafkaConsumer<byte[], byte[]> consumer) {
        Set<TopicPartition> assigned = new HashSet<>();
        Map<TopicPartition, Long> endAtStart = new HashMap<>();
        long refreshAt = System.nanoTime();
        Map<TopicPartition, Long> stored = new HashMap<>();
        while (running) {
            if (System.nanoTime() - refreshAt >= 0) {
                Set<TopicPartition> added = assignNew(consumer, assigned);
                if (!added.isEmpty() && !caughtUp) {
                    endAtStart.putAll(consumer.endOffsets(added));
                }
                // partitions can be added to a topic: look for new ones now and then
                refreshAt = System.nanoTime() + (assigned.isEmpty() ? RETRY : PARTITION_REFRESH).toNanos();
                if (assigned.isEmpty()) {
                    log.info("Waiting for topics {} to exist", TOPICS);
                    sleep(RETRY);
                    continue;
                }
            }
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            IngestBatch batch = new IngestBatch();
            Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
            for (ConsumerRecord<byte[], byte[]> record : records) {
                Outcome outcome = add(batch, record);
                if (outcome != null) {
                    outcomes.merge(outcome, 1L, Long::sum);
                }
            }
            for (TopicPartition tp : assigned) {
                long position = consumer.position(tp);
                if (!Long.valueOf(position).equals(stored.get(tp))) {
                    batch.nextOffset(tp.topic(), tp.partition(), position);
                }
            }
            if (!batch.isEmpty()) {
                store.apply(batch);
                metrics.resultsStored(outcomes); // once durable: a batch that failed is read again
                batch.offsets().forEach((p, next) -> stored.put(new TopicPartition(p.topic(), p.partition()), next));
            }
            if (!caughtUp && endAtStart.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                caughtUp = true;
                lastError = null;
                log.info("Read model caught up on {} partitions", assigned.size());
            }
        }
    }

    /** Assigns partitions not yet assigned and seeks them to the stored offsets; returns the new ones. */
    private Set<TopicPartition> assignNew(KafkaConsumer<byte[], byte[]> consumer, Set<TopicPartition> assigned) {
        Set<TopicPartition> found = new HashSet<>();
        for (String topic : TOPICS) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos == null || infos.isEmpty()) {
                return Set.of(); // wait until every topic exists
            }
            infos.forEach(i -> found.add(new TopicPartition(i.topic(), i.partition())));
        }
        Set<TopicPartition> added = new HashSet<>(found);
        added.removeAll(assigned);
        if (added.isEmpty()) {
            return added;
        }
        assigned.addAll(added);
        consumer.assign(assigned);
        Set<TopicPartition> fromStart = new HashSet<>();
        for (TopicPartition tp : added) {
            OptionalLong next = store.offsets().next(tp.topic(), tp.partition());
            if (next.isPresent()) {
                consumer.seek(tp, next.getAsLong());
            } else {
                fromStart.add(tp);
            }
        }
        if (!fromStart.isEmpty()) {
            consumer.seekToBeginning(fromStart);
        }
        log.info("Read model reading {} partitions ({} from the beginning)", added.size(), fromStart.size());
        return added;
    }

    /** Adds what {@code record} brings to {@code batch}; returns the outcome when it is a result, else null. */
    static Outcome add(IngestBatch batch, ConsumerRecord<byte[], byte[]> record) {
        try {
            if (record.topic().equals(Topics.MATCH_RESULTS.name())) {
                if (record.value() == null) {
                    return null;
                }
                MatchResult result = Codecs.MATCH_RESULT.decode(record.value());
                batch.result(result, record.partition(), record.offset(), record.value());
                // a watched record's change moves a result already counted: it is no new result
                return result.getTrigger() == null ? result.getOutcome() : null;
            } else if (record.topic().equals(Topics.AUDIT.name())) {
                if (record.value() == null) {
                    return null;
                }
                AuditEvent event = Codecs.AUDIT_EVENT.decode(record.value());
                if (!MATCH_DECISION.equals(event.getAction())) {
                    batch.audit(event.getAt().toEpochMilli(), record.partition(), record.offset(), record.value());
                }
            } else if (record.topic().equals(Topics.REVIEW_DECISIONS.name())) {
                // folded by the store in offset order: the first decision on a result counts
                if (record.value() != null) {
                    Codecs.REVIEW_DECISION.decode(record.value()); // an undecodable one is skipped here, not in the fold
                    batch.review(record.partition(), record.offset(), record.value());
                }
            } else if (record.topic().equals(Topics.WEBHOOK_DELIVERIES.name())) {
                // decoded by the store's webhook fold, which skips what it cannot read
                if (record.key() != null) {
                    batch.webhook(new String(record.key(), StandardCharsets.UTF_8), record.partition(), record.offset(),
                            record.value());
                }
            } else {
                if (record.value() == null) {
                    if (record.key() != null) {
                        batch.progress(new String(record.key(), StandardCharsets.UTF_8), null);
                    }
                    return null;
                }
                JobProgress progress = Codecs.JOB_PROGRESS.decode(record.value());
                batch.progress(progress.getJobId(), record.value());
            }
        } catch (UndecodableException e) {
            // skip: a reader must not stall on one bad record; the value is never logged
            log.warn("Skipping undecodable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
        return null;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> consumer = current;
        if (consumer != null) {
            consumer.wakeup();
        }
        try {
            // wakeup ends a poll; interrupting would make the consumer's own close fail
            thread.join(Duration.ofSeconds(10).toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(Duration.ofSeconds(5).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
