package io.vitalink.streams;

import io.vitalink.match.MatchTopology;
import io.vitalink.topic.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How many death-record changes the matcher has yet to take into its table and its probable-search index. A job
 * submitted right after a registry load is matched against whatever part of the load has arrived; callers that
 * want the whole load (evaluations, the local demo) wait for zero first.
 */
public final class RegistryLag {

    private RegistryLag() {
    }

    /** Records of {@code death-records} and of the block-index repartition topic not yet processed by the matcher. */
    public static long remaining(Admin admin, String applicationId) throws InterruptedException, ExecutionException {
        String index = applicationId + "-" + MatchTopology.DEATHS_BY_BLOCK + "-repartition";
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (String topic : List.of(Topics.DEATH_RECORDS.name(), index)) {
            // the repartition topic is written in transactions: the last offset before the stable end is a commit marker
            long marker = topic.equals(index) ? 1 : 0;
            for (Map.Entry<TopicPartition, Long> end : stableEnds(admin, topic).entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                lag += Math.max(0, end.getValue() - marker - (done == null ? 0 : done.offset()));
            }
        }
        return lag;
    }

    /** Waits until {@link #remaining} is zero. */
    public static void await(Admin admin, String applicationId, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lag;
        while ((lag = remaining(admin, applicationId)) > 0) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(lag + " death-record changes still unprocessed after " + timeout);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private static Map<TopicPartition, Long> stableEnds(Admin admin, String topic)
            throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }
}
