package io.vitalink.api.webhook;

import io.micronaut.context.annotation.Bean;
import io.vitalink.api.kafka.KafkaClientSettings;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.topic.TopicSerdes;
import io.vitalink.topic.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes webhook-deliveries: idempotent, acks=all, each write awaited. Its delivery timeout (30 s) is shorter than
 * the group's session timeout (45 s), so a write of an instance that dies is acknowledged or failed before another
 * instance can be given its partition.
 */
@Singleton
@Bean(typed = WebhookLog.class)
public class KafkaWebhookLog implements WebhookLog {

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(40);

    private final KafkaClientSettings settings;
    private final TopicSerdes serdes;
    private KafkaProducer<String, byte[]> producer;

    public KafkaWebhookLog(KafkaClientSettings settings, TopicSerdes serdes) {
        this.settings = settings;
        this.serdes = serdes;
    }

    /** Created on first use: an instance that never writes a delivery needs no producer. */
    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(settings.producer("vitalink-api-webhooks", Map.of()),
                    serdes.key(Topics.WEBHOOK_DELIVERIES).serializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public Position append(String jobId, byte[] value) {
        try {
            KafkaProducer<String, byte[]> producer = producer();
            List<PartitionInfo> partitions = producer.partitionsFor(Topics.WEBHOOK_DELIVERIES.name());
            if (partitions == null || partitions.isEmpty()) {
                throw new KafkaException("no partitions of " + Topics.WEBHOOK_DELIVERIES.name());
            }
            int partition = WebhookPartitions.of(jobId, partitions.size());
            RecordMetadata written = producer.send(new ProducerRecord<>(Topics.WEBHOOK_DELIVERIES.name(), partition, jobId, value))
                    .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new Position(written.partition(), written.offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw unavailable(e);
        }
    }

    private static ApiException unavailable(Exception cause) {
        return new ApiException(ErrorCode.KAFKA_UNAVAILABLE,
                "The webhook delivery could not be written to Kafka; try again", cause);
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
    }
}
