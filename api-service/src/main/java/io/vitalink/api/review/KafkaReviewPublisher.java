package io.vitalink.api.review;

import io.micronaut.context.annotation.Bean;
import io.vitalink.api.kafka.KafkaClientSettings;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.topic.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes review-decisions: idempotent, acks=all, each write awaited. The producer is made on first use. */
@Singleton
@Bean(typed = ReviewPublisher.class)
public class KafkaReviewPublisher implements ReviewPublisher {

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaClientSettings settings;
    private KafkaProducer<String, byte[]> producer;

    public KafkaReviewPublisher(KafkaClientSettings settings) {
        this.settings = settings;
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(settings.producer("vitalink-api-reviews", Map.of()), new StringSerializer(),
                    new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public void publish(String key, byte[] value) {
        try {
            producer().send(new ProducerRecord<>(Topics.REVIEW_DECISIONS.name(), key, value))
                    .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notStored(e);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw notStored(e);
        }
    }

    private static ApiException notStored(Exception cause) {
        return new ApiException(ErrorCode.REVIEW_NOT_STORED, "The decision could not be written to Kafka; try again", cause);
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
    }
}
