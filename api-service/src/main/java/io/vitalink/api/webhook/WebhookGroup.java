package io.vitalink.api.webhook;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * This instance's membership of the consumer group that shares out the partitions of webhook-deliveries among the
 * API instances that deliver webhooks ({@link KafkaWebhookGroup}). Each partition has one member at a time: the
 * member delivers the jobs whose key falls in it.
 */
public interface WebhookGroup extends AutoCloseable {

    /** Joins the group; {@code listener} is told of every change of this instance's partitions. */
    void join(Listener listener);

    /** Leaves the group: the listener is told the partitions are revoked, then nothing more. */
    @Override
    void close();

    /** Called on the group's own thread, one call at a time. */
    interface Listener {

        /**
         * Partitions given to this instance.
         *
         * @param partitions   how many partitions webhook-deliveries has
         * @param given        the partition numbers given
         * @param mustHaveRead the end offsets, at the time of the assignment, of the given partitions and of every
         *                     job-progress partition: what the store must have read before acting on them
         */
        void assigned(int partitions, Set<Integer> given, Map<TopicPartition, Long> mustHaveRead);

        /**
         * Partitions taken away (or lost). Returns only once this instance has stopped working on them and what it
         * wrote for them is acknowledged, so that the next owner, which gets them after this returns, reads it.
         */
        void revoked(Set<Integer> taken);
    }
}
