package io.vitalink.api.kafka;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.vitalink.kafka.KafkaClientProperties;

/**
 * The Kafka client security settings every client of the API gets: the file named by {@value #CONFIG_FILE}, else by
 * the environment variable {@code VITALINK_KAFKA_CONFIG_FILE}, else none.
 */
@Factory
public class KafkaClientFactory {

    public static final String CONFIG_FILE = "vitalink.kafka.config-file";

    /** Eager, so that a missing or invalid file stops start-up rather than the first job. */
    @Context
    public KafkaClientProperties kafkaClientProperties(@Value("${" + CONFIG_FILE + ":}") String file) {
        return KafkaClientProperties.resolve(file, CONFIG_FILE, System.getenv());
    }
}
