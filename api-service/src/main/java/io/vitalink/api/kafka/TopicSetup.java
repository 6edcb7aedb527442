package io.vitalink.api.kafka;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.vitalink.kafka.KafkaClientProperties;
import io.vitalink.topic.TopicProvisioner;
import jakarta.annotation.PostConstruct;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Creates missing topics at start-up ({@code vitalink.topics.create}, default true), job data topics with
 * {@code retention.ms} = {@code vitalink.jobs.retention} (default 30d). Fails start-up on error.
 */
@Context
@Requires(property = "vitalink.topics.create", notEquals = "false")
public class TopicSetup {

    private final String bootstrapServers;
    private final KafkaClientProperties security;
    private final int partitions;
    private final short replicationFactor;
    private final Duration jobRetention;

    public TopicSetup(@Value("${kafka.bootstrap.servers:`localhost:9092`}") String bootstrapServers,
                      @Value("${vitalink.topics.partitions:6}") int partitions,
                      @Value("${vitalink.topics.replication-factor:1}") short replicationFactor,
                      @Value("${vitalink.jobs.retention:30d}") Duration jobRetention,
                      KafkaClientProperties security) {
        this.bootstrapServers = bootstrapServers;
        this.security = security;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.jobRetention = jobRetention;
    }

    @PostConstruct
    void ensureTopics() {
        try (Admin admin = Admin.create(security.mergedInto(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "vitalink-api-topics",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000)))) {
            new TopicProvisioner(partitions, replicationFactor, jobRetention).ensureTopics(admin);
        }
    }
}
