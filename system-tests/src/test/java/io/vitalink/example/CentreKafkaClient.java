package io.vitalink.example;

import io.vitalink.avro.JobControl;
import io.vitalink.avro.JobEvent;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.crypto.Keysets;
import io.vitalink.topic.CentreTopics;
import io.vitalink.topic.Topic;
import io.vitalink.topic.TopicSerdes;
import io.vitalink.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A cancer centre's own program on the direct Kafka path (docs/KAFKA-CONTRACT.md): it opens a job, waits until the
 * matcher has seen it, sends one sealed MatchRequest per patient, closes the job with the count, and reads progress
 * and results back, all on the centre's own topics. It needs only the {@code schemas} jar, kafka-clients, the
 * deployment's two keysets and its Kafka client settings.
 */
public final class CentreKafkaClient implements AutoCloseable {

    private final Map<String, Object> kafka;
    private final String organisation;
    private final TopicSerdes serdes;
    private final KafkaProducer<String, byte[]> producer;

    /**
     * @param kafka     {@code bootstrap.servers} and the cluster's security settings (docs/SECURITY.md, Kafka section)
     * @param keysetDir holds {@code id-keyset.json} and {@code field-keyset.json}, given by the deployment
     * @param organisation the centre's organisation: its topics are {@code centre.<organisation>.*}
     */
    public CentreKafkaClient(Map<String, Object> kafka, Path keysetDir, String organisation) {
        this.kafka = Map.copyOf(kafka);
        this.organisation = organisation;
        this.serdes = new TopicSerdes(Keysets.cipherFrom(Keysets.settingsFor(keysetDir)::get));
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");                  // a request counts once every replica has it
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);     // retries never duplicate or reorder
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Opens the job and waits until it shows in the centre's progress topic: requests sent before the matcher has
     * seen the opening are refused (VL-4006). The centre's organisation owns it: only its users read it through the API.
     */
    public void openJob(String jobId, String submittedBy, Duration timeout) throws Exception {
        openJob(jobId, submittedBy, null, timeout);
    }

    /**
     * Opens a watched job: its records are matched again, until {@code watchUntil}, whenever a death record is added,
     * corrected or withdrawn, and each change comes as one more result with a trigger (docs/WATCH.md).
     */
    public void openJob(String jobId, String submittedBy, LocalDate watchUntil, Duration timeout) throws Exception {
        JobControl opened = JobControl.newBuilder().setJobId(jobId).setEvent(JobEvent.OPENED).setAt(Instant.now())
                .setSource("centre-kafka-client").setOrganisation(organisation).setSubmittedBy(submittedBy)
                .setWatchUntil(watchUntil).build();
        await(producer.send(new ProducerRecord<>(topic(Topics.JOB_CONTROL), jobId, encode(opened))));
        awaitProgress(jobId, timeout, job -> true);
    }

    /**
     * Sends one patient, its personal fields sealed, with the required {@code vl-job-id} header. Keyed by its sealed
     * normalised ID when the ID is valid (the key of its death record: the matcher links it without a repartition),
     * else by recordId.
     */
    public Future<RecordMetadata> send(MatchRequest request) {
        String key = serdes.requestKey(request, LocalDate.now(ZoneId.of("Asia/Shanghai"))); // the matcher's time zone
        byte[] value = serdes.codec(MatchRequest.class).encode(request);
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.JOB_ID_HEADER, request.getJobId().getBytes(StandardCharsets.UTF_8));
        return producer.send(new ProducerRecord<>(topic(Topics.MATCH_REQUESTS), null, key, value, headers));
    }

    /** Closes the job once every request sent is acknowledged; {@code expected} = the number of requests sent. */
    public void closeJob(String jobId, List<Future<RecordMetadata>> sent) throws Exception {
        producer.flush();
        for (Future<RecordMetadata> ack : sent) {
            await(ack); // throws if one was not acknowledged: do not close, send the job again under a new jobId
        }
        JobControl closed = JobControl.newBuilder().setJobId(jobId).setEvent(JobEvent.CLOSED)
                .setExpected((long) sent.size()).setAt(Instant.now()).build();
        await(producer.send(new ProducerRecord<>(topic(Topics.JOB_CONTROL), jobId, encode(closed))));
    }

    /** A whole job: OPENED, every patient numbered by its position (results echo it), CLOSED with the count. */
    public void submit(String jobId, String submittedBy, List<MatchRequest> patients) throws Exception {
        openJob(jobId, submittedBy, Duration.ofMinutes(1));
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (MatchRequest patient : patients) {
            sent.add(send(MatchRequest.newBuilder(patient).setSequence((long) sent.size()).build()));
        }
        closeJob(jobId, sent);
    }

    /** Waits for the job's progress to be COMPLETED (processed == expected); the latest record per jobId is current. */
    public JobProgress awaitCompleted(String jobId, Duration timeout) {
        return awaitProgress(jobId, timeout, job -> job.getState() == JobState.COMPLETED);
    }

    private JobProgress awaitProgress(String jobId, Duration timeout, Predicate<JobProgress> until) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JobProgress latest = null;
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = assignFromStart(consumer, topic(Topics.JOB_PROGRESS));
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (jobId.equals(record.key()) && record.value() != null) {
                        latest = serdes.codec(JobProgress.class).decode(record.value());
                    }
                }
                if (latest != null && until.test(latest) && caughtUp(consumer, partitions)) {
                    return latest;
                }
            }
        }
        throw new IllegalStateException("job " + jobId + " not as awaited after " + timeout + ": " + latest);
    }

    /** The job's results committed so far, their sealed fields opened with the keysets. */
    public List<MatchResult> results(String jobId) {
        List<MatchResult> results = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = assignFromStart(consumer, topic(Topics.MATCH_RESULTS));
            while (!caughtUp(consumer, partitions)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (jobId.equals(record.key())) {
                        results.add(serdes.codec(MatchResult.class).decode(record.value()));
                    }
                }
            }
        }
        return results;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }

    /** The centre's own copy of a contract topic: the only ones its principal may use. */
    private String topic(Topic<?, ?> shared) {
        return CentreTopics.name(organisation, shared);
    }

    private byte[] encode(JobControl control) {
        return serdes.codec(JobControl.class).encode(control);
    }

    /** Results and progress are written in transactions: read committed data only. */
    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> assignFromStart(KafkaConsumer<String, byte[]> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    /** True once the consumer has read every partition up to its current end (the last stable offset). */
    private static boolean caughtUp(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
    }

    private static void await(Future<RecordMetadata> ack) throws InterruptedException, ExecutionException, TimeoutException {
        ack.get(2, TimeUnit.MINUTES);
    }
}
