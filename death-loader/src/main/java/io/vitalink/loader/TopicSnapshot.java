package io.vitalink.loader;

import io.vitalink.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Reads death-records from the beginning of every partition to its end offset captured at the start, with a
 * consumer that joins no group ({@code assign}) and sees committed records only ({@code read_committed}).
 * Records written after the start are not read.
 */
public final class TopicSnapshot implements CurrentRecords {

    private static final Duration POLL = Duration.ofMillis(500);

    private final Supplier<? extends Consumer<byte[], byte[]>> consumers;
    private final Duration stallTimeout;

    /**
     * @param consumers a new consumer per read, closed at its end
     * @param stallTimeout how long to wait for metadata, offsets, or the next record before failing
     */
    public TopicSnapshot(Supplier<? extends Consumer<byte[], byte[]>> consumers, Duration stallTimeout) {
        this.consumers = Objects.requireNonNull(consumers, "consumers");
        this.stallTimeout = Objects.requireNonNull(stallTimeout, "stallTimeout");
    }

    @Override
    public void read(Sink sink) {
        String topic = Topics.DEATH_RECORDS.name();
        try (Consumer<byte[], byte[]> consumer = consumers.get()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, stallTimeout);
            if (infos == null || infos.isEmpty()) {
                throw new LoadException(LoadFailure.BROKER_UNREACHABLE, "topic " + topic + " does not exist");
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, stallTimeout);
            Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions, stallTimeout);
            sink.expect(partitions.stream().mapToLong(p -> Math.max(0, end.get(p) - start.get(p))).sum());
            consumer.seekToBeginning(partitions);

            Set<TopicPartition> remaining = new HashSet<>(partitions);
            Map<TopicPartition, Long> positions = new HashMap<>();
            long lastProgress = System.nanoTime();
            while (true) {
                for (var it = remaining.iterator(); it.hasNext(); ) {
                    TopicPartition partition = it.next();
                    long position = consumer.position(partition, stallTimeout);
                    if (!Objects.equals(positions.put(partition, position), position)) {
                        lastProgress = System.nanoTime();
                    }
                    if (position >= end.get(partition)) {
                        it.remove();
                    }
                }
                consumer.pause(partitions.stream().filter(p -> !remaining.contains(p)).toList());
                if (remaining.isEmpty()) {
                    return;
                }
                if (System.nanoTime() - lastProgress > stallTimeout.toNanos()) {
                    throw new LoadException(LoadFailure.SNAPSHOT_FAILED, "no progress for " + stallTimeout.toSeconds()
                            + " s with " + remaining.size() + " of " + partitions.size() + " partitions not read to their end");
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < end.get(partition) && record.key() != null) {
                        sink.record(new String(record.key(), StandardCharsets.UTF_8), record.value());
                    }
                }
            }
        } catch (TimeoutException e) {
            throw new LoadException(LoadFailure.BROKER_UNREACHABLE, "reading " + topic + ": " + e.getMessage(), e);
        } catch (KafkaException e) {
            throw new LoadException(LoadFailure.SNAPSHOT_FAILED, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
