package io.vitalink.api.audit;

import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micronaut.context.annotation.Bean;
import io.vitalink.api.kafka.KafkaClientSettings;
import io.vitalink.api.metrics.ApiMetrics;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.avro.AuditEvent;
import io.vitalink.serde.Codecs;
import io.vitalink.topic.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit events to the {@code audit} topic, keyed by jobId when there is one, else by actor. Idempotent,
 * acks=all. The record of every call is asynchronous, so that a slow broker does not slow every request (a lost
 * event is counted and logged): it is handed to one sending thread, since even {@code send} blocks while the producer
 * waits for metadata, up to {@code max.block.ms} — 30 s per response while Kafka is down. What must not happen
 * unrecorded waits for the broker's acknowledgement instead.
 */
@Singleton
@Bean(typed = AuditSink.class)
public class KafkaAuditSink implements AuditSink {

    private static final Logger log = LoggerFactory.getLogger(KafkaAuditSink.class);

    /** How long an action that must be recorded waits for the broker before it is refused. */
    private static final Duration DURABLE_TIMEOUT = Duration.ofSeconds(10);
    /** Events waiting for the sending thread; past this, while Kafka is down, an event is lost (counted, logged). */
    private static final int QUEUED = 10_000;

    private final KafkaClientSettings settings;
    private final AtomicLong failed = new AtomicLong();
    private final ApiMetrics metrics;
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUED), runnable -> {
                Thread thread = new Thread(runnable, "vitalink-audit-sender");
                thread.setDaemon(true);
                return thread;
            });
    private KafkaProducer<String, byte[]> producer;
    private KafkaClientMetrics producerMetrics;

    public KafkaAuditSink(KafkaClientSettings settings, ApiMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(settings.producer("vitalink-api-audit", Map.of(
                    ProducerConfig.LINGER_MS_CONFIG, 20,
                    ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")),
                    new StringSerializer(), new ByteArraySerializer());
            producerMetrics = metrics.bind(producer);
        }
        return producer;
    }

    @Override
    public void write(AuditEvent event) {
        try {
            sender.execute(() -> send(event));
        } catch (RejectedExecutionException e) {
            onFailure(event, e);
        }
    }

    private void send(AuditEvent event) {
        try {
            producer().send(record(event), (metadata, error) -> {
                if (error != null) {
                    onFailure(event, error);
                }
            });
        } catch (RuntimeException e) {
            onFailure(event, e);
        }
    }

    @Override
    public void writeDurably(AuditEvent event) {
        try {
            producer().send(record(event)).get(DURABLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(event, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw unavailable(event, e);
        }
    }

    private static ProducerRecord<String, byte[]> record(AuditEvent event) {
        String key = event.getJobId() != null ? event.getJobId() : event.getActor();
        return new ProducerRecord<>(Topics.AUDIT.name(), key, Codecs.AUDIT_EVENT.encode(event));
    }

    private ApiException unavailable(AuditEvent event, Exception error) {
        onFailure(event, error);
        return new ApiException(ErrorCode.AUDIT_UNAVAILABLE,
                "The audit trail cannot be written now, so this is not done; try again later");
    }

    private void onFailure(AuditEvent event, Exception error) {
        long n = failed.incrementAndGet();
        // the action is a route template or an event name, never a path, a body or a username
        log.error("Audit event {} could not be written ({} lost so far): {}", event.getAction(), n, error.getClass().getName());
    }

    /** Events that could not be written since start. */
    public long failedWrites() {
        return failed.get();
    }

    @PreDestroy
    void close() throws InterruptedException {
        sender.shutdown();
        if (!sender.awaitTermination(DURABLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            sender.shutdownNow();
        }
        closeProducer();
    }

    private synchronized void closeProducer() {
        if (producer != null) {
            producerMetrics.close();
            producer.close(Duration.ofSeconds(10)); // sends what is buffered first
            producer = null;
        }
    }
}
