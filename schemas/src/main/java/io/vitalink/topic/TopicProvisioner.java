package io.vitalink.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
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
     * A centre's own copy of {@code shared} is created as the shared topic is, except its progress: a centre's
     * progress topic gets no tombstones (the matcher cannot tell whose an expired job was), so it is compacted and
     * also deleted after the job retention.
     */
    Map<String, String> centreConfig(Topic<?, ?> shared) {
        Map<String, String> config = new HashMap<>(creationConfig(shared));
        if (shared == Topics.JOB_PROGRESS) {
            config.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE);
            config.put(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(jobRetention.toMillis()));
        }
        return config;
    }

    /** As {@link #ensureTopics(Admin, Collection)} without centres. */
    public void ensureTopics(Admin admin) {
        ensureTopics(admin, List.of());
    }

    /**
     * Creates what is missing, with the topics of each centre in {@code centres} ({@link CentreTopics}); leaves
     * existing topics alone (their retention too: change it with kafka-configs, see docs/KAFKA-CONTRACT.md) but
     * warns when their partition count differs.
     */
    public void ensureTopics(Admin admin, Collection<String> centres) {
        Map<String, Map<String, String>> wanted = new LinkedHashMap<>();
        Topics.ALL.forEach(topic -> wanted.put(topic.name(), creationConfig(topic)));
        for (String centre : centres) {
            CentreTopics.ALL.forEach(topic -> wanted.put(CentreTopics.name(centre, topic), centreConfig(topic)));
        }
        List<String> names = List.copyOf(wanted.keySet());
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            wanted.forEach((name, config) -> {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, partitions, replicationFactor).configs(config));
                }
            });
            createIgnoringRaces(admin, missing);
            awaitWritable(admin, names);
            warnOnPartitionMismatch(admin, names);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Sets {@code retention.ms} of every existing job data topic — the shared ones and each centre's copies, its
     * progress topic included — to {@code retention}: what a new job retention configured at run time means for
     * Kafka. Setting the same value again changes nothing, so every instance may do it.
     *
     * @return the topics set
     */
    public static List<String> applyJobRetention(Admin admin, Duration retention) throws InterruptedException, ExecutionException {
        List<Topic<?, ?>> kept = new ArrayList<>(Topics.JOB_DATA);
        kept.add(Topics.JOB_PROGRESS); // a centre's copy only: the shared one is compacted with tombstones
        Set<String> existing = admin.listTopics().names().get();
        List<String> names = existing.stream()
                .filter(name -> Topics.JOB_DATA.stream().anyMatch(t -> t.name().equals(name))
                        || kept.stream().anyMatch(t -> CentreTopics.sharedOrAnyCentre(t).matcher(name).matches() && !t.name().equals(name)))
                .sorted().toList();
        AlterConfigOp set = new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retention.toMillis())),
                AlterConfigOp.OpType.SET);
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new LinkedHashMap<>();
        names.forEach(name -> changes.put(new ConfigResource(ConfigResource.Type.TOPIC, name), List.of(set)));
        if (!changes.isEmpty()) {
            admin.incrementalAlterConfigs(changes).all().get();
        }
        return names;
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
    private static void awaitWritable(Admin admin, List<String> names) throws InterruptedException, ExecutionException {
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

    private void warnOnPartitionMismatch(Admin admin, List<String> names) throws InterruptedException, ExecutionException {
        Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
        described.forEach((name, description) -> {
            if (description.partitions().size() != partitions) {
                log.warn("Topic {} has {} partitions, configured {}", name, description.partitions().size(), partitions);
            }
        });
    }
}
