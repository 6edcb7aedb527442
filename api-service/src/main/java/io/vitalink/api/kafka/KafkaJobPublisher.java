package io.vitalink.api.kafka;

import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Value;
import io.vitalink.api.intake.Spool;
import io.vitalink.api.job.JobOwner;
import io.vitalink.api.job.JobPublisher;
import io.vitalink.api.metrics.ApiMetrics;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.avro.JobControl;
import io.vitalink.avro.JobEvent;
import io.vitalink.kafka.KafkaClientProperties;
import io.vitalink.serde.Codecs;
import io.vitalink.topic.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a spooled job: OPENED (acknowledged), every request with the key it was spooled with
 * (its sealed normalised ID, or its recordId) and the jobId header,
 * a flush that waits for all acknowledgements, then CLOSED with the count. Any failure answers 503 and the
 * client resubmits (a new jobId); the failed job is closed with FAILED when Kafka still takes that, and
 * otherwise the matcher fails it once it stalls (docs/KAFKA-CONTRACT.md).
 */
@Singleton
@Bean(typed = JobPublisher.class)
public class KafkaJobPublisher implements JobPublisher {

    private static final Logger log = LoggerFactory.getLogger(KafkaJobPublisher.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration FAILED_ACK_TIMEOUT = Duration.ofSeconds(5);
    /** JVM property {@code vitalink.publisher.batch-size}, to compare with other sizes. */
    static final int BATCH_SIZE = Integer.getInteger("vitalink.publisher.batch-size", 512 * 1024);

    private final String bootstrapServers;
    private final KafkaClientProperties security;
    private final ApiMetrics metrics;
    private final KafkaReachability reachability;
    private final Duration retryAfter;
    private KafkaProducer<String, byte[]> producer;
    private KafkaClientMetrics producerMetrics;

    public KafkaJobPublisher(@Value("${kafka.bootstrap.servers:`localhost:9092`}") String bootstrapServers,
                             KafkaClientProperties security, ApiMetrics metrics, KafkaReachability reachability,
                             @Value("${vitalink.kafka.unavailable-retry-after:30s}") Duration retryAfter) {
        this.bootstrapServers = bootstrapServers;
        this.security = security;
        this.metrics = metrics;
        this.reachability = reachability;
        this.retryAfter = retryAfter;
    }

    @Override
    public boolean available() {
        return reachability.reachable();
    }

    @Override
    public void ensureAvailable() {
        if (!reachability.reachable()) {
            log.warn("Refusing an upload: Kafka does not answer ({})", reachability.lastError());
            throw new ApiException(ErrorCode.KAFKA_UNAVAILABLE,
                    "Kafka does not answer: nothing of this upload was read or accepted; submit it again later")
                    .retryAfter(retryAfter);
        }
    }

    /** Created on first use, so that reading jobs never depends on the producer's configuration. */
    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = create(bootstrapServers, security);
            producerMetrics = metrics.bind(producer);
        }
        return producer;
    }

    private static KafkaProducer<String, byte[]> create(String bootstrapServers, KafkaClientProperties security) {
        return new KafkaProducer<>(security.mergedInto(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "vitalink-api",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.LINGER_MS_CONFIG, 10,
                // a job is a burst of ~300-byte records: at the default 16 KiB a new batch (and lz4 buffer) every
                // ~50 records took 7 % of the upload thread's time in a profile (docs/PERFORMANCE.md, Upload)
                ProducerConfig.BATCH_SIZE_CONFIG, BATCH_SIZE,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000)),
                new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void publish(String jobId, JobOwner owner, Spool spool, Runnable opened) {
        List<Header> headers = owner.fieldGroups() == null
                ? List.of(new RecordHeader(Topics.JOB_ID_HEADER, jobId.getBytes(StandardCharsets.UTF_8)))
                // the matcher strips each result to these until the job's progress names them (docs/KAFKA-CONTRACT.md)
                : List.of(new RecordHeader(Topics.JOB_ID_HEADER, jobId.getBytes(StandardCharsets.UTF_8)),
                        new RecordHeader(Topics.FIELD_GROUPS_HEADER,
                                String.join(",", owner.fieldGroups()).getBytes(StandardCharsets.UTF_8)));
        AtomicReference<Exception> failure = new AtomicReference<>();
        try {
            KafkaProducer<String, byte[]> producer = producer();
            await(producer.send(control(jobId, JobEvent.OPENED, null, owner)));
            opened.run();
            spool.forEach((key, request) -> {
                if (failure.get() != null) {
                    throw new IOException("stopped after a failed send", failure.get());
                }
                producer.send(new ProducerRecord<>(Topics.MATCH_REQUESTS.name(), null, key, request, headers),
                        (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            }
                        });
            });
            producer.flush(); // returns once every send above has completed and its callback has run
            if (failure.get() != null) {
                throw failure.get();
            }
            await(producer.send(control(jobId, JobEvent.CLOSED, spool.count(), null)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(jobId, e);
        } catch (UncheckedIOException e) {
            throw new IllegalStateException("cannot read the spool", e);
        } catch (IOException e) {
            if (failure.get() != null) {
                throw unavailable(jobId, failure.get());
            }
            throw new IllegalStateException("cannot read the spool", e);
        } catch (Exception e) {
            throw unavailable(jobId, e);
        }
    }

    @Override
    public void cancel(String jobId, String reason) {
        try {
            await(producer().send(control(JobControl.newBuilder().setJobId(jobId).setEvent(JobEvent.CANCELLED)
                    .setReason(reason))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(jobId, e);
        } catch (Exception e) {
            throw unavailable(jobId, e);
        }
    }

    /** Briefly: Kafka has just failed us, and the matcher fails a stalled job anyway. */
    @Override
    public void fail(String jobId, String reasonCode, String reason) {
        try {
            producer().send(control(JobControl.newBuilder().setJobId(jobId).setEvent(JobEvent.FAILED)
                            .setReasonCode(reasonCode).setReason(reason)))
                    .get(FAILED_ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Could not mark job {} FAILED on Kafka either: {}", jobId, e.toString());
        }
    }

    /** The owner goes on OPENED only: match-streams copies it from there into the job's progress. */
    private static ProducerRecord<String, byte[]> control(String jobId, JobEvent event, Long expected, JobOwner owner) {
        return control(JobControl.newBuilder()
                .setJobId(jobId)
                .setEvent(event)
                .setExpected(expected)
                .setOrganisation(owner == null ? null : owner.organisation())
                .setSubmittedBy(owner == null ? null : owner.submittedBy())
                .setCallbackUrl(owner == null ? null : owner.callbackUrl())
                .setWatchUntil(owner == null ? null : owner.watchUntil())
                .setApplicationId(owner == null ? null : owner.applicationId())
                .setFieldGroups(owner == null ? null : owner.fieldGroups()));
    }

    private static ProducerRecord<String, byte[]> control(JobControl.Builder control) {
        JobControl record = control.setAt(Instant.now()).setSource("api").build();
        return new ProducerRecord<>(Topics.JOB_CONTROL.name(), record.getJobId(), Codecs.JOB_CONTROL.encode(record));
    }

    private static void await(java.util.concurrent.Future<?> ack)
            throws InterruptedException, ExecutionException, TimeoutException {
        ack.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private ApiException unavailable(String jobId, Throwable cause) {
        Throwable root = cause instanceof ExecutionException && cause.getCause() != null ? cause.getCause() : cause;
        log.warn("Publishing job {} failed: {}", jobId, root.toString());
        return new ApiException(ErrorCode.KAFKA_UNAVAILABLE,
                "The job could not be published to Kafka; submit it again", root).retryAfter(retryAfter);
    }

    @PreDestroy
    synchronized void close() {
        if (producer == null) {
            return;
        }
        producerMetrics.close();
        try {
            producer.close(Duration.ofSeconds(10));
        } catch (KafkaException e) {
            log.warn("Closing the producer: {}", e.toString());
        }
    }
}
