package io.vitalink.api.kafka;

import io.micronaut.context.annotation.Value;
import io.vitalink.kafka.KafkaClientProperties;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Client settings of the security features' Kafka clients (users store, audit trail), with the shared
 * Kafka security file ({@link KafkaClientProperties}) applied last.
 */
@Singleton
public class KafkaClientSettings {

    private final String bootstrapServers;
    private final KafkaClientProperties security;

    public KafkaClientSettings(@Value("${kafka.bootstrap.servers:`localhost:9092`}") String bootstrapServers,
                               KafkaClientProperties security) {
        this.bootstrapServers = bootstrapServers;
        this.security = security;
    }

    public Map<String, Object> common(String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return config;
    }

    /** Idempotent, acks=all, then {@code overrides}. */
    public Map<String, Object> producer(String clientId, Map<String, Object> overrides) {
        Map<String, Object> config = common(clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        config.putAll(overrides);
        security.applyTo(config);
        return config;
    }

    /** An admin client's settings: calls give up after 30 s. */
    public Map<String, Object> admin(String clientId) {
        Map<String, Object> config = common(clientId);
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        security.applyTo(config);
        return config;
    }

    /** No group, no auto commit, no topic auto-creation: the reader assigns partitions itself. */
    public Map<String, Object> consumer(String clientId) {
        Map<String, Object> config = common(clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        security.applyTo(config);
        return config;
    }
}
