package io.vitalink.api.webhook;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Requires;
import io.vitalink.api.kafka.KafkaClientSettings;
import io.vitalink.topic.Topics;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Membership of the consumer group {@value #GROUP_ID}, subscribed to webhook-deliveries only to have its partitions
 * shared out: every partition is paused as soon as it is assigned, so the consumer never fetches a record (every
 * instance reads the topic through its read model). Classic group protocol with the cooperative sticky assignor: a
 * rebalance moves only the partitions that must move, and a partition is given to its next owner only after its
 * previous owner's revocation callback has returned.
 */
@Singleton
@Bean(typed = WebhookGroup.class)
@Requires(property = "vitalink.webhooks.enabled", notEquals = "false")
public class KafkaWebhookGroup implements WebhookGroup {

    private static final Logger log = LoggerFactory.getLogger(KafkaWebhookGroup.class);
    public static final String GROUP_ID = "vitalink-api-webhooks";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final Map<String, Object> config;
    private Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> current;

    public KafkaWebhookGroup(KafkaClientSettings settings) {
        this.config = settings.consumer("vitalink-api-webhooks");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(CooperativeStickyAssignor.class.getName()));
        // it reads nothing; its end offsets are targets for the read_committed read model, which reaches them once
        // open transactions end (read_committed would warn on every end offset of a partition it is not assigned)
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    }

    @Override
    public synchronized void join(Listener listener) {
        if (thread != null) {
            throw new IllegalStateException("already joined");
        }
        thread = new Thread(() -> run(listener), "vitalink-webhook-group");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Listener listener) {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> consumer =
                         new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                current = consumer;
                if (!running) {
                    return;
                }
                consumer.subscribe(List.of(Topics.WEBHOOK_DELIVERIES.name()), new Rebalance(consumer, listener));
                while (running) {
                    consumer.poll(POLL); // every partition is paused: this only keeps the membership alive
                }
            } catch (WakeupException e) {
                // leaving
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Webhook group membership failed, joining again in {}: {}", RETRY, e.toString());
                    sleep(RETRY);
                }
            } finally {
                current = null;
            }
        }
    }

    /** Runs inside poll (and close) on the group's thread. */
    private static final class Rebalance implements ConsumerRebalanceListener {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Listener listener;

        Rebalance(KafkaConsumer<byte[], byte[]> consumer, Listener listener) {
            this.consumer = consumer;
            this.listener = listener;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            consumer.pause(partitions);
            int count = consumer.partitionsFor(Topics.WEBHOOK_DELIVERIES.name()).size();
            Set<TopicPartition> mustHaveRead = new HashSet<>(partitions);
            for (PartitionInfo info : consumer.partitionsFor(Topics.JOB_PROGRESS.name())) {
                mustHaveRead.add(new TopicPartition(info.topic(), info.partition()));
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(mustHaveRead);
            log.info("Webhook deliveries of partitions {} assigned to this instance", numbers(partitions));
            listener.assigned(count, numbers(partitions), ends);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                log.info("Webhook deliveries of partitions {} revoked from this instance", numbers(partitions));
                listener.revoked(numbers(partitions));
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                log.warn("Webhook deliveries of partitions {} lost by this instance", numbers(partitions));
                listener.revoked(numbers(partitions));
            }
        }

        private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
            return partitions.stream().map(TopicPartition::partition).collect(Collectors.toCollection(java.util.TreeSet::new));
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Leaves the group: the consumer's close revokes this instance's partitions through the listener first. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        KafkaConsumer<byte[], byte[]> consumer = current;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (t == null) {
            return;
        }
        try {
            // the revocation may wait for an attempt in flight: connect and request timeouts, then its write
            t.join(Duration.ofSeconds(120).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
