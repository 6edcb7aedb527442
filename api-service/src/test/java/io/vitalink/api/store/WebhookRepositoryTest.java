package io.vitalink.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.JobProgress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deliveries are folded record by record, survive a reopen, and each change is told to the hook once the batch is
 * durable; a fold that changes nothing is not told.
 */
class WebhookRepositoryTest {

    @TempDir
    Path dir;

    private final List<String> changed = new ArrayList<>();

    /** Records only the delivery changes: what the fold is about. */
    private final CompletionHook hook = new CompletionHook() {
        @Override
        public void finished(JobProgress job) {
        }

        @Override
        public void purged(String jobId) {
        }

        @Override
        public void deliveryChanged(String jobId, byte[] stored) {
            changed.add(jobId + "=" + (stored == null ? null : new String(stored, StandardCharsets.UTF_8)));
        }
    };

    /** Keeps the text of every record, joined, and deletes on a tombstone: enough to see the order of folds. */
    private final WebhookFold fold = (stored, record, offset) -> record == null ? null
            : ((stored == null ? "" : new String(stored, StandardCharsets.UTF_8) + ",")
            + new String(record, StandardCharsets.UTF_8) + "@" + offset).getBytes(StandardCharsets.UTF_8);

    @Test
    void foldsEveryDeliveryRecordInOrderAndKeepsTheResultAcrossAReopen() throws Exception {
        try (JobStore store = JobStore.open(dir)) {
            store.notifications().setCompletionHook(hook);
            store.webhooks().setFold(fold);

            store.apply(new IngestBatch().webhook("done", 1, 7, bytes("a")).webhook("done", 1, 8, bytes("b"))
                    .nextOffset("webhook-deliveries", 1, 9));
            store.apply(new IngestBatch().webhook("done", 1, 9, bytes("c")));

            assertThat(changed).containsExactly("done=a@7,b@8", "done=a@7,b@8,c@9");
            assertThat(store.offsets().next("webhook-deliveries", 1)).hasValue(9);
        }
        try (JobStore reopened = JobStore.open(dir)) {
            List<String> stored = new ArrayList<>();
            reopened.webhooks().forEach((jobId, value) ->
                    stored.add(jobId + "=" + new String(value, StandardCharsets.UTF_8)));

            assertThat(stored).containsExactly("done=a@7,b@8,c@9");
        }
    }

    @Test
    void aFoldThatChangesNothingIsNotTold() throws Exception {
        try (JobStore store = JobStore.open(dir)) {
            store.notifications().setCompletionHook(hook);
            store.webhooks().setFold((stored, record, offset) -> stored == null ? record : stored);

            store.apply(new IngestBatch().webhook("done", 0, 1, bytes("a")));
            store.apply(new IngestBatch().webhook("done", 0, 2, bytes("b")));

            assertThat(changed).containsExactly("done=a");
            assertThat(store.webhooks().get("done")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("a")));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
