package io.vitalink.api.webhook;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.TopicPartition;

/**
 * Which jobs this instance delivers: those whose key falls in a partition of webhook-deliveries that the consumer
 * group gave it ({@link WebhookGroup}), once it has read what it must know before acting on them. A partition is
 * <em>assigned</em> (given, but the store may not have read the delivery records and completions written before) and
 * then <em>ready</em>: the store has read every partition of the assignment's offsets up to where they ended. Only
 * ready partitions are owned. No Kafka client here: the group feeds it, the dispatcher asks it.
 */
final class WebhookOwnership {

    /** Partitions given to this instance and what the store must have read first. */
    private final Map<Integer, Map<TopicPartition, Long>> waiting = new HashMap<>();
    private final Set<Integer> ready = new HashSet<>();
    private int partitionCount;

    /** The partitions are now this instance's; act on them once the store has read {@code mustHaveRead}. */
    synchronized void assigned(int partitions, Set<Integer> given, Map<TopicPartition, Long> mustHaveRead) {
        if (partitions < 1) {
            throw new IllegalArgumentException("webhook-deliveries has no partitions");
        }
        partitionCount = partitions;
        for (int p : given) {
            ready.remove(p);
            waiting.put(p, Map.copyOf(mustHaveRead));
        }
    }

    /** The partitions are taken away (or lost): not owned from now on. */
    synchronized void revoked(Set<Integer> taken) {
        for (int p : taken) {
            ready.remove(p);
            waiting.remove(p);
        }
    }

    /**
     * Moves to ready every assigned partition whose offsets the store has reached; returns those.
     *
     * @param nextOffset the next offset the store will read of a topic partition (0 when it has read none)
     */
    synchronized Set<Integer> promote(ToLongFunction<TopicPartition> nextOffset) {
        Set<Integer> promoted = new HashSet<>();
        waiting.entrySet().removeIf(entry -> {
            boolean read = entry.getValue().entrySet().stream()
                    .allMatch(end -> nextOffset.applyAsLong(end.getKey()) >= end.getValue());
            if (read) {
                ready.add(entry.getKey());
                promoted.add(entry.getKey());
            }
            return read;
        });
        return promoted;
    }

    synchronized boolean isWaiting() {
        return !waiting.isEmpty();
    }

    /** Whether this instance delivers the job now. */
    synchronized boolean owns(String jobId) {
        return partitionCount > 0 && ready.contains(WebhookPartitions.of(jobId, partitionCount));
    }

    /** The job's partition, when the partition count is known; -1 before the first assignment. */
    synchronized int partitionOf(String jobId) {
        return partitionCount > 0 ? WebhookPartitions.of(jobId, partitionCount) : -1;
    }

    synchronized Set<Integer> owned() {
        return Set.copyOf(ready);
    }
}
