package io.vitalink.api.webhook;

import io.micronaut.context.annotation.Context;
import io.micronaut.serde.ObjectMapper;
import io.vitalink.api.store.IngestBatch;
import io.vitalink.api.store.JobStore;
import io.vitalink.api.store.WebhookFold;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.WebhookAttempt;
import io.vitalink.avro.WebhookChange;
import io.vitalink.avro.WebhookStatus;
import io.vitalink.serde.RecordCodec;
import io.vitalink.serde.UndecodableException;
import io.vitalink.topic.TopicSerdes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook deliveries every API instance shares, through the compacted webhook-deliveries topic (key jobId): each
 * instance's read model folds the topic into its job store ({@link #fold}), so every instance answers the same; the
 * owner of a job ({@link WebhookDispatcher}) writes every change of its delivery, and any instance may write a
 * redelivery request ({@link #requestRedelivery}). Present on every instance, also where delivery is disabled.
 *
 * <p>The fold keeps, per job, the record with the highest offset (the owner's latest state) and the latest
 * {@code redeliveryRequestedAt} and {@code redeliveryStartedFor} of any record. A REDELIVERY_REQUESTED record only
 * raises the request: it never replaces the owner's state, even when it was written from a stale copy, and the owner's
 * next write, made from a state that had not seen the request yet, does not lower it. In the job store a delivery is
 * the offset of that record (8 bytes, big-endian) followed by the record as on the topic.
 */
@Context
public class WebhookDeliveries implements WebhookFold {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);
    /** How an older version kept a delivery: JSON, which starts so. */
    private static final byte LEGACY_JSON = '{';

    private final JobStore store;
    private final WebhookLog topic;
    private final ObjectMapper json;
    private final RecordCodec<io.vitalink.avro.WebhookDelivery> codec;
    private final Clock clock;

    @Inject
    public WebhookDeliveries(JobStore store, WebhookLog topic, TopicSerdes serdes, ObjectMapper json) {
        this(store, topic, serdes, json, Clock.systemUTC());
    }

    WebhookDeliveries(JobStore store, WebhookLog topic, TopicSerdes serdes, ObjectMapper json, Clock clock) {
        this.store = store;
        this.topic = topic;
        this.json = json;
        this.codec = serdes.codec(io.vitalink.avro.WebhookDelivery.class);
        this.clock = clock;
        store.webhooks().setFold(this);
    }

    /** The same for every attempt, every redelivery and every API instance: receivers dedupe by it. */
    public static String deliveryId(String jobId) {
        return java.util.UUID.nameUUIDFromBytes(("vitalink-webhook:" + jobId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The job's delivery as this instance has read it, when there is one. */
    public Optional<WebhookDelivery> delivery(String jobId) {
        return store.webhooks().get(jobId).flatMap(this::decodeStored);
    }

    /** A stored delivery; empty when it cannot be read (logged). */
    Optional<WebhookDelivery> decodeStored(byte[] stored) {
        try {
            if (isLegacy(stored)) {
                return Optional.of(json.readValue(stored, WebhookDelivery.class));
            }
            return Optional.of(fromRecord(codec.decode(recordOf(stored))));
        } catch (IOException | RuntimeException e) {
            // the class only: a message could quote the stored bytes (a callback URL may carry a token)
            log.warn("Cannot read a stored webhook delivery: {}", e.getClass().getName());
            return Optional.empty();
        }
    }

    /** Kept by a version before the shared topic, in this instance's store only: its owner publishes it. */
    static boolean isLegacy(byte[] stored) {
        return stored.length > 0 && stored[0] == LEGACY_JSON;
    }

    /** A new delivery of a finished job, due now: the job summary frozen as its body. */
    WebhookDelivery create(JobProgress finished, long nowMillis) {
        String id = deliveryId(finished.getJobId());
        String body;
        try {
            body = json.writeValueAsString(WebhookPayload.of(id, finished));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new WebhookDelivery(finished.getJobId(), id, finished.getCallbackUrl(), finished.getOrganisation(),
                WebhookDelivery.PENDING, body, nowMillis, 0, nowMillis, List.of(), null, null);
    }

    /**
     * A new "changes" delivery of a watched job, due now, under {@link WebhookKeys#changes}: it replaces the job's
     * previous one, whose news it contains. Its delivery id names the cursor, so each event is deduped apart.
     */
    WebhookDelivery createChanges(JobProgress job, String cursor, long nowMillis) {
        String key = WebhookKeys.changes(job.getJobId());
        String id = deliveryId(key + ":" + cursor);
        String body;
        try {
            body = json.writeValueAsString(ChangesPayload.of(id, job, cursor));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new WebhookDelivery(key, id, job.getCallbackUrl(), job.getOrganisation(),
                WebhookDelivery.PENDING, body, nowMillis, 0, nowMillis, List.of(), null, null);
    }

    /** The cursor a "changes" delivery told, or null when it cannot be read. */
    String cursorOf(WebhookDelivery changes) {
        try {
            return json.readValue(changes.body(), ChangesPayload.class).cursor();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Writes a change of the delivery to the topic and, once acknowledged, to this instance's store.
     *
     * @throws io.vitalink.api.problem.ApiException VL-1503 when Kafka did not acknowledge it
     */
    void write(WebhookDelivery d, WebhookChange change) {
        byte[] value = codec.encode(toRecord(d, change, clock.instant()));
        WebhookLog.Position at = topic.append(d.jobId(), value);
        store.apply(new IngestBatch().webhook(d.jobId(), at.partition(), at.offset(), value));
    }

    /** Deletes the delivery of a purged job from the topic. */
    void delete(String jobId) {
        WebhookLog.Position at = topic.append(jobId, null);
        store.apply(new IngestBatch().webhook(jobId, at.partition(), at.offset(), null));
    }

    /**
     * Asks the job's owner, whichever instance it is, to start a new retry window now: a REDELIVERY_REQUESTED record
     * on the topic. The request time is now, but always after any request this instance has seen, so that a clock
     * behind another instance's cannot hide it. Returns the delivery as this instance now sees it.
     *
     * @throws io.vitalink.api.problem.ApiException VL-1503 when Kafka did not acknowledge it
     */
    public WebhookDelivery requestRedelivery(JobProgress finished) {
        long now = clock.millis();
        Optional<WebhookDelivery> current = delivery(finished.getJobId());
        long seen = current.map(d -> Math.max(orZero(d.redeliveryRequestedAt()), orZero(d.redeliveryStartedFor())))
                .orElse(0L);
        WebhookDelivery request = current.orElseGet(() -> create(finished, now))
                .withRedeliveryRequestedAt(Math.max(now, seen + 1));
        write(request, WebhookChange.REDELIVERY_REQUESTED);
        log.info("Webhook of job {} redelivery requested", finished.getJobId());
        return delivery(finished.getJobId()).orElse(request);
    }

    @Override
    public byte[] fold(byte[] stored, byte[] record, long offset) {
        long storedOffset = -1;
        io.vitalink.avro.WebhookDelivery current = null;
        if (stored != null && !isLegacy(stored)) {
            try {
                storedOffset = ByteBuffer.wrap(stored).getLong();
                current = codec.decode(recordOf(stored));
            } catch (RuntimeException e) {
                current = null; // unreadable: the incoming record replaces it
            }
        }
        if (record == null) {
            return current != null && offset <= storedOffset ? stored : null;
        }
        io.vitalink.avro.WebhookDelivery incoming;
        try {
            incoming = codec.decode(record);
        } catch (UndecodableException e) {
            // never the value: it holds the callback URL
            log.warn("Skipping an undecodable webhook-deliveries record at offset {}: {}", offset, e.getMessage());
            return stored;
        }
        if (current == null) {
            return stored(offset, record);
        }
        boolean replaces = offset > storedOffset && incoming.getChange() != WebhookChange.REDELIVERY_REQUESTED;
        io.vitalink.avro.WebhookDelivery base = replaces ? incoming : current;
        Instant requested = latest(current.getRedeliveryRequestedAt(), incoming.getRedeliveryRequestedAt());
        Instant started = latest(current.getRedeliveryStartedFor(), incoming.getRedeliveryStartedFor());
        if (!replaces && Objects.equals(requested, current.getRedeliveryRequestedAt())
                && Objects.equals(started, current.getRedeliveryStartedFor())) {
            return stored;
        }
        io.vitalink.avro.WebhookDelivery folded = io.vitalink.avro.WebhookDelivery.newBuilder(base)
                .setRedeliveryRequestedAt(requested).setRedeliveryStartedFor(started).build();
        return stored(replaces ? offset : storedOffset, codec.encode(folded));
    }

    private static byte[] stored(long offset, byte[] record) {
        return ByteBuffer.allocate(Long.BYTES + record.length).putLong(offset).put(record).array();
    }

    private static byte[] recordOf(byte[] stored) {
        return java.util.Arrays.copyOfRange(stored, Long.BYTES, stored.length);
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    static io.vitalink.avro.WebhookDelivery toRecord(WebhookDelivery d, WebhookChange change, Instant now) {
        return io.vitalink.avro.WebhookDelivery.newBuilder()
                .setJobId(d.jobId())
                .setDeliveryId(d.deliveryId())
                .setChange(change)
                .setWrittenAt(now)
                .setCallbackUrl(d.url())
                .setOrganisation(d.organisation())
                .setStatus(WebhookStatus.valueOf(d.status()))
                .setBody(d.body())
                .setWindowStart(Instant.ofEpochMilli(d.windowStartMillis()))
                .setFailuresInWindow(d.failuresInWindow())
                .setNextAttemptAt(instant(d.nextAttemptAtMillis()))
                .setAttempts(d.attempts().stream().map(a -> new WebhookAttempt(a.number(), Instant.parse(a.at()),
                        a.statusCode(), a.error(), a.nextAttemptAt() == null ? null : Instant.parse(a.nextAttemptAt())))
                        .toList())
                .setRedeliveryRequestedAt(instant(d.redeliveryRequestedAt()))
                .setRedeliveryStartedFor(instant(d.redeliveryStartedFor()))
                .build();
    }

    static WebhookDelivery fromRecord(io.vitalink.avro.WebhookDelivery r) {
        return new WebhookDelivery(r.getJobId(), r.getDeliveryId(), r.getCallbackUrl(), r.getOrganisation(),
                r.getStatus().name(), r.getBody(), r.getWindowStart().toEpochMilli(), r.getFailuresInWindow(),
                millis(r.getNextAttemptAt()),
                r.getAttempts().stream().map(a -> new WebhookDelivery.Attempt(a.getNumber(), a.getAt().toString(),
                        a.getStatusCode(), a.getError(), a.getNextAttemptAt() == null ? null : a.getNextAttemptAt().toString()))
                        .toList(),
                millis(r.getRedeliveryRequestedAt()), millis(r.getRedeliveryStartedFor()));
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
