package io.vitalink.bench;

import io.vitalink.avro.JobControl;
import io.vitalink.avro.JobEvent;
import io.vitalink.avro.MatchRequest;
import io.vitalink.crypto.Keysets;
import io.vitalink.local.LocalStack;
import io.vitalink.local.SampleApplication;
import io.vitalink.topic.TopicSerdes;
import io.vitalink.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A cancer centre producing a job straight into Kafka by docs/KAFKA-CONTRACT.md: {@code JobControl{OPENED}}, one
 * sealed MatchRequest per record with the {@code vl-job-id} header, {@code JobControl{CLOSED, expected}} once every
 * send is acknowledged. Owned by the sample centre, so that its API user reads the results. It writes the shared
 * topics, which only the API writes in a deployment, and so does what the API does there: it names the job's
 * data-use application and its field groups on OPENED and on every request.
 */
final class KafkaJobProducer implements AutoCloseable {

    private final TopicSerdes serdes;
    private final KafkaProducer<String, byte[]> producer;
    private final LocalDate today = LocalDate.now();
    private final String applicationId;

    /** @param applicationId the sample centre's approved application, of every field group ({@link StackProcess#approvedApplication}) */
    KafkaJobProducer(Map<String, Object> kafka, Map<String, String> keysets, String applicationId) {
        this.applicationId = applicationId;
        this.serdes = new TopicSerdes(Keysets.cipherFrom(keysets::get));
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends the whole CSV as one job and returns its jobId once CLOSED is acknowledged. */
    String submit(Path requestsCsv) throws Exception {
        return submit(requestsCsv, null);
    }

    /** As {@link #submit(Path)}, the job watched until {@code watchUntil} (inclusive) when it is not null. */
    String submit(Path requestsCsv, LocalDate watchUntil) throws Exception {
        String jobId = UUID.randomUUID().toString();
        String centre = LocalStack.SUBMITTER.organisation();
        control(JobControl.newBuilder().setJobId(jobId).setEvent(JobEvent.OPENED).setAt(Instant.now())
                .setSource("bench").setOrganisation(centre).setSubmittedBy(LocalStack.SUBMITTER.username())
                .setWatchUntil(watchUntil).setApplicationId(applicationId).setFieldGroups(SampleApplication.EVERY_FIELD).build());
        byte[] fieldGroups = String.join(",", SampleApplication.EVERY_FIELD).getBytes(StandardCharsets.UTF_8);
        AtomicReference<Exception> failed = new AtomicReference<>();
        long sent = RequestsCsv.forEach(requestsCsv, jobId, request -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add(Topics.JOB_ID_HEADER, jobId.getBytes(StandardCharsets.UTF_8));
            headers.add(Topics.FIELD_GROUPS_HEADER, fieldGroups);
            producer.send(new ProducerRecord<>(Topics.MATCH_REQUESTS.name(), null, keyOf(request),
                    serdes.codec(MatchRequest.class).encode(request), headers), (metadata, error) -> {
                        if (error != null) {
                            failed.compareAndSet(null, error);
                        }
                    });
        });
        producer.flush();
        if (failed.get() != null) {
            throw new IllegalStateException("a request was not acknowledged: the job is not closed", failed.get());
        }
        control(JobControl.newBuilder().setJobId(jobId).setEvent(JobEvent.CLOSED).setExpected(sent)
                .setAt(Instant.now()).build());
        return jobId;
    }

    /** The record key, as docs/KAFKA-CONTRACT.md asks (co-partitioned with death-records when the ID is valid). */
    private String keyOf(MatchRequest request) {
        return serdes.requestKey(request, today);
    }

    private void control(JobControl control) throws Exception {
        producer.send(new ProducerRecord<>(Topics.JOB_CONTROL.name(), control.getJobId(),
                serdes.codec(JobControl.class).encode(control))).get(2, TimeUnit.MINUTES);
    }

    @Override
    public void close() {
        producer.close();
    }
}
