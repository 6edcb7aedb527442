package io.vitalink.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the contract's topics when they are missing. Partition counts are explicit because the
 * join needs match requests re-keyed into as many partitions as death-records has.
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private static final Duration READY_WAIT = Duration.ofSeconds(60);

    /** How long job data is kept unless configured otherwise. */
    public static final Duration DEFAULT_JOB_RETENTION = Duration.ofDays(30);

    private final int partitions;
    private final short replicationFactor;
    private final Duration jobRetention;

    public TopicProvisioner(int partitions, short replicationFactor) {
        this(partitions, replicationFactor, DEFAULT_JOB_RETENTION);
    }

    /** @param jobRetention the {@code retention.ms} of the topics in {@link Topics#JOB_DATA} it creates */
    public TopicProvisioner(int partitions, short replicationFactor, Duration jobRetention) {
        if (partitions < 1 || replicationFactor < 1) {
            throw new IllegalArgumentException("partitions and replication factor must be at least 1");
        }
        if (jobRetention.isNegative() || jobRetention.isZero()) {
            throw new IllegalArgumentException("job retention must be positive");
        }
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.jobRetention = jobRetention;
    }

    /** The configuration a missing topic is created with: the contract's, plus the job retention on job data. */
    Map<String, String> creationConfig(Topic<?, ?> topic) {
        if (!Topics.JOB_DATA.contains(topic)) {
            return topic.config();
        }
        Map<String, String> config = new HashMap<>(topic.config());
        config.put(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(jobRetention.toMillis()));
        return config;
    }

    /**
     * Creates what is missing; leaves existing topics alone (their retention too: change it with kafka-configs,
     * see docs/KAFKA-CONTRACT.md) but warns when their partition count differs.
     */
    public void ensureTopics(Admin admin) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> topic : Topics.ALL) {
                if (!existing.contains(topic.name())) {
                    missing.add(new NewTopic(topic.name(), partitions, replicationFactor).configs(creationConfig(topic)));
                }
            }
            createIgnoringRaces(admin, missing);
            awaitWritable(admin);
            warnOnPartitionMismatch(admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private void createIgnoringRaces(Admin admin, List<NewTopic> missing) throws InterruptedException, ExecutionException {
        if (missing.isEmpty()) {
            return;
        }
        for (var entry : admin.createTopics(missing).values().entrySet()) {
            try {
                entry.getValue().get();
                log.info("Created topic {} with {} partitions", entry.getKey(), partitions);
            } catch (ExecutionException e) {
                // another service created it at the same moment
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Waits until every partition answers as its leader would. Producing into a partition the broker
     * has not opened yet can lose records even with idempotence: the first batch fails with
     * NOT_LEADER_OR_FOLLOWER, a later one is appended, and the retried first one is then refused as
     * out of order until it expires (KAFKA-15591). ListOffsets takes the same leader path as Produce.
     */
    private static void awaitWritable(Admin admin) throws InterruptedException, ExecutionException {
        List<String> names = Topics.ALL.stream().map(Topic::name).toList();
        long deadline = System.nanoTime() + READY_WAIT.toNanos();
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                admin.describeTopics(names).allTopicNames().get().values().forEach(description ->
                        description.partitions().forEach(partition -> partitions.put(
                                new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest())));
                admin.listOffsets(partitions).all().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException)) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topic partitions not ready after " + READY_WAIT);
            }
            Thread.sleep(100);
        }
    }

    private void warnOnPartitionMismatch(Admin admin) throws InterruptedException, ExecutionException {
        Map<String, TopicDescription> described = admin.describeTopics(
                Topics.ALL.stream().map(Topic::name).toList()).allTopicNames().get();
        described.forEach((name, description) -> {
            if (description.partitions().size() != partitions) {
                log.warn("Topic {} has {} partitions, configured {}", name, description.partitions().size(), partitions);
            }
        });
    }
}
