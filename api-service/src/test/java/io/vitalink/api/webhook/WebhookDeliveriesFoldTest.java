package io.vitalink.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.serde.ObjectMapper;
import io.vitalink.api.store.JobStore;
import io.vitalink.avro.WebhookChange;
import io.vitalink.crypto.FieldCipher;
import io.vitalink.serde.Codecs;
import io.vitalink.topic.TopicSerdes;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How every instance folds webhook-deliveries into its store: the owner's latest record wins by offset, a
 * redelivery request only raises the request, and neither a stale copy nor a record read twice rolls anything back.
 */
class WebhookDeliveriesFoldTest {

    private static final long T0 = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();

    private JobStore store;
    private WebhookDeliveries deliveries;

    @BeforeEach
    void open() throws IOException {
        store = JobStore.openTemporary();
        deliveries = new WebhookDeliveries(store, (jobId, value) -> {
            throw new AssertionError("nothing is written here");
        }, new TopicSerdes(FieldCipher.ephemeral()), ObjectMapper.getDefault());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theFirstRecordOfAJobIsItsDelivery() {
        byte[] folded = deliveries.fold(null, record(pending(1), WebhookChange.ATTEMPTED), 4);

        assertThat(read(folded).attempts()).hasSize(1);
    }

    @Test
    void aLaterRecordOfTheOwnerReplacesTheDelivery() {
        byte[] one = deliveries.fold(null, record(pending(1), WebhookChange.ATTEMPTED), 4);

        byte[] two = deliveries.fold(one, record(pending(2), WebhookChange.ATTEMPTED), 5);

        assertThat(read(two).attempts()).hasSize(2);
    }

    @Test
    void aRecordReadAgainOrAfterTheOwnersOwnWriteOfALaterOneChangesNothing() {
        byte[] two = deliveries.fold(null, record(pending(2), WebhookChange.ATTEMPTED), 5);

        assertThat(deliveries.fold(two, record(pending(2), WebhookChange.ATTEMPTED), 5)).isSameAs(two);
        assertThat(deliveries.fold(two, record(pending(1), WebhookChange.ATTEMPTED), 4)).isSameAs(two);
    }

    @Test
    void aRedeliveryRequestWrittenFromAStaleCopyRaisesTheRequestButKeepsTheOwnersAttempts() {
        byte[] owners = deliveries.fold(null, record(pending(2), WebhookChange.ATTEMPTED), 5);

        byte[] folded = deliveries.fold(owners,
                record(pending(1).withRedeliveryRequestedAt(T0 + 100), WebhookChange.REDELIVERY_REQUESTED), 6);

        WebhookDelivery d = read(folded);
        assertThat(d.attempts()).hasSize(2);
        assertThat(d.redeliveryRequestedAt()).isEqualTo(T0 + 100);
        assertThat(d.redeliveryPending()).isTrue();
        // the owner's own write of attempt 3, made before it read the request, replaces its state but not the request
        WebhookDelivery afterThird = read(deliveries.fold(folded, record(pending(3), WebhookChange.ATTEMPTED), 7));
        assertThat(afterThird.attempts()).hasSize(3);
        assertThat(afterThird.redeliveryPending()).isTrue();
    }

    @Test
    void aRedeliveryStartedByTheOwnerEndsTheRequestAndAnOlderRequestReadLaterDoesNotRevive() {
        byte[] requested = deliveries.fold(null,
                record(pending(1).withRedeliveryRequestedAt(T0 + 100), WebhookChange.REDELIVERY_REQUESTED), 5);

        byte[] started = deliveries.fold(requested, record(read(requested).restart(T0 + 200), WebhookChange.REDELIVERY_STARTED), 6);
        byte[] replayed = deliveries.fold(started,
                record(pending(1).withRedeliveryRequestedAt(T0 + 50), WebhookChange.REDELIVERY_REQUESTED), 7);

        assertThat(read(started).redeliveryPending()).isFalse();
        assertThat(replayed).isSameAs(started);
    }

    @Test
    void aRequestForAJobWithoutDeliveryIsItsDelivery() {
        byte[] folded = deliveries.fold(null,
                record(pending(0).withRedeliveryRequestedAt(T0 + 100), WebhookChange.REDELIVERY_REQUESTED), 3);

        assertThat(read(folded).redeliveryPending()).isTrue();
        assertThat(read(folded).body()).isEqualTo("{}");
    }

    @Test
    void aTombstoneDeletesTheDeliveryButOneOlderThanTheStoredRecordDoesNot() {
        byte[] stored = deliveries.fold(null, record(pending(1), WebhookChange.ATTEMPTED), 5);

        assertThat(deliveries.fold(stored, null, 4)).isSameAs(stored);
        assertThat(deliveries.fold(stored, null, 6)).isNull();
        assertThat(deliveries.fold(null, null, 6)).isNull();
    }

    @Test
    void anUndecodableRecordIsSkipped() {
        byte[] stored = deliveries.fold(null, record(pending(1), WebhookChange.ATTEMPTED), 5);

        assertThat(deliveries.fold(stored, new byte[] {1, 2, 3}, 6)).isSameAs(stored);
    }

    @Test
    void aDeliveryKeptAsJsonByAnOlderVersionIsReadAndReplacedByTheFirstRecord() throws IOException {
        byte[] legacy = ObjectMapper.getDefault().writeValueAsBytes(pending(1));

        assertThat(WebhookDeliveries.isLegacy(legacy)).isTrue();
        assertThat(deliveries.decodeStored(legacy)).hasValueSatisfying(d -> assertThat(d.attempts()).hasSize(1));
        assertThat(read(deliveries.fold(legacy, record(pending(2), WebhookChange.CREATED), 0)).attempts()).hasSize(2);
    }

    private WebhookDelivery read(byte[] stored) {
        return deliveries.decodeStored(stored).orElseThrow();
    }

    private static byte[] record(WebhookDelivery d, WebhookChange change) {
        return Codecs.WEBHOOK_DELIVERY.encode(WebhookDeliveries.toRecord(d, change, Instant.ofEpochMilli(T0)));
    }

    /** A pending delivery after {@code failed} failed attempts. */
    private static WebhookDelivery pending(int failed) {
        List<WebhookDelivery.Attempt> attempts = java.util.stream.IntStream.rangeClosed(1, failed)
                .mapToObj(n -> new WebhookDelivery.Attempt(n, Instant.ofEpochMilli(T0 + n).toString(), 500, "HTTP 500",
                        Instant.ofEpochMilli(T0 + n + 1).toString()))
                .toList();
        return new WebhookDelivery("job", WebhookDeliveries.deliveryId("job"), "https://hooks.example.org/", "centre-a",
                WebhookDelivery.PENDING, "{}", T0, failed, T0 + failed + 1, attempts, null, null);
    }
}
