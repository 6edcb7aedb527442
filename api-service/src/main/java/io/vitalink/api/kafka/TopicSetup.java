package io.vitalink.api.kafka;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.vitalink.topic.TopicProvisioner;
import jakarta.annotation.PostConstruct;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;

/**
 * Creates missing topics at start-up ({@code vitalink.topics.create}, default true), job data topics with
 * {@code retention.ms} = {@code vitalink.jobs.retention} (default 30d). Fails start-up on error.
 */
@Context
@Requires(property = "vitalink.topics.create", notEquals = "false")
public class TopicSetup {

    private final KafkaClientSettings settings;
    private final int partitions;
    private final short replicationFactor;
    private final Duration jobRetention;

    public TopicSetup(KafkaClientSettings settings,
                      @Value("${vitalink.topics.partitions:6}") int partitions,
                      @Value("${vitalink.topics.replication-factor:1}") short replicationFactor,
                      @Value("${vitalink.jobs.retention:30d}") Duration jobRetention) {
        this.settings = settings;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.jobRetention = jobRetention;
    }

    @PostConstruct
    void ensureTopics() {
        try (Admin admin = Admin.create(settings.admin("vitalink-api-topics"))) {
            new TopicProvisioner(partitions, replicationFactor, jobRetention).ensureTopics(admin);
        }
    }
}
