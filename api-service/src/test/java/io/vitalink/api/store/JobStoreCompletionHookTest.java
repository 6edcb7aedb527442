package io.vitalink.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.serde.Codecs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store tells webhooks of a job that newly finishes with a callback URL, of a purge and of every folded delivery
 * record, once the batch is durable; deliveries are folded record by record and survive a reopen.
 */
class JobStoreCompletionHookTest {

    private static final String URL = "https://hooks.example.org/";

    @TempDir
    Path dir;

    private final List<String> finished = new ArrayList<>();
    private final List<String> purged = new ArrayList<>();
    private final List<String> changed = new ArrayList<>();

    private final JobStore.CompletionHook hook = new JobStore.CompletionHook() {
        @Override
        public void finished(JobProgress job) {
            finished.add(job.getJobId());
        }

        @Override
        public void purged(String jobId) {
            purged.add(jobId);
        }

        @Override
        public void deliveryChanged(String jobId, byte[] stored) {
            changed.add(jobId + "=" + (stored == null ? null : new String(stored, StandardCharsets.UTF_8)));
        }
    };

    /** Keeps the text of every record, joined, and deletes on a tombstone: enough to see the order of folds. */
    private final JobStore.WebhookFold fold = (stored, record, offset) -> record == null ? null
            : ((stored == null ? "" : new String(stored, StandardCharsets.UTF_8) + ",")
            + new String(record, StandardCharsets.UTF_8) + "@" + offset).getBytes(StandardCharsets.UTF_8);

    @Test
    void tellsOfAJobThatNewlyFinishesWithACallbackUrlOnlyOnce() throws Exception {
        try (JobStore store = JobStore.open(dir)) {
            store.setCompletionHook(hook);

            store.apply(new IngestBatch()
                    .progress("running", progress("running", JobState.RUNNING, URL))
                    .progress("no-url", progress("no-url", JobState.COMPLETED, null))
                    .progress("done", progress("done", JobState.RUNNING, URL))
                    .progress("done", progress("done", JobState.COMPLETED, URL))
                    .progress("done", progress("done", JobState.COMPLETED, URL)));
            store.apply(new IngestBatch().progress("done", progress("done", JobState.COMPLETED, URL)));

            assertThat(finished).containsExactly("done");
            assertThat(store.webhook("done")).isEmpty();
        }
    }

    @Test
    void aFailedOrCancelledJobFinishesToo() throws Exception {
        try (JobStore store = JobStore.open(dir)) {
            store.setCompletionHook(hook);

            store.apply(new IngestBatch()
                    .progress("failed", progress("failed", JobState.RECEIVING, URL))
                    .progress("failed", progress("failed", JobState.FAILED, URL))
                    .progress("cancelled", progress("cancelled", JobState.RUNNING, URL))
                    .progress("cancelled", progress("cancelled", JobState.CANCELLED, URL)));
            store.apply(new IngestBatch().progress("cancelled", progress("cancelled", JobState.CANCELLED, URL)));

            assertThat(finished).containsExactly("failed", "cancelled");
        }
    }

    @Test
    void foldsEveryDeliveryRecordInOrderAndKeepsTheResultAcrossAReopen() throws Exception {
        try (JobStore store = JobStore.open(dir)) {
            store.setCompletionHook(hook);
            store.setWebhookFold(fold);

            store.apply(new IngestBatch().webhook("done", 1, 7, bytes("a")).webhook("done", 1, 8, bytes("b"))
                    .nextOffset("webhook-deliveries", 1, 9));
            store.apply(new IngestBatch().webhook("done", 1, 9, bytes("c")));

            assertThat(changed).containsExactly("done=a@7,b@8", "done=a@7,b@8,c@9");
            assertThat(store.nextOffset("webhook-deliveries", 1)).hasValue(9);
        }
        try (JobStore reopened = JobStore.open(dir)) {
            List<String> stored = new ArrayList<>();
            reopened.forEachWebhook((jobId, value) -> stored.add(jobId + "=" + new String(value, StandardCharsets.UTF_8)));

            assertThat(stored).containsExactly("done=a@7,b@8,c@9");
        }
    }

    @Test
    void aFoldThatChangesNothingIsNotTold() throws Exception {
        try (JobStore store = JobStore.open(dir)) {
            store.setCompletionHook(hook);
            store.setWebhookFold((stored, record, offset) -> stored == null ? record : stored);

            store.apply(new IngestBatch().webhook("done", 0, 1, bytes("a")));
            store.apply(new IngestBatch().webhook("done", 0, 2, bytes("b")));

            assertThat(changed).containsExactly("done=a");
            assertThat(store.webhook("done")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("a")));
        }
    }

    @Test
    void aPurgeDropsTheDeliveryEvenOneReadInTheSamePollAndIsTold() throws Exception {
        try (JobStore store = JobStore.open(dir)) {
            store.setCompletionHook(hook);
            store.setWebhookFold(fold);
            store.apply(new IngestBatch().progress("done", progress("done", JobState.COMPLETED, URL))
                    .webhook("done", 0, 1, bytes("a")));

            store.apply(new IngestBatch().webhook("done", 0, 2, bytes("b")).progress("done", null));

            assertThat(store.webhook("done")).isEmpty();
            assertThat(store.progress("done")).isEmpty();
            assertThat(purged).containsExactly("done");
            assertThat(changed).containsExactly("done=a@1");
        }
    }

    @Test
    void withoutAHookNothingIsToldAndTheProgressIsStored() throws Exception {
        try (JobStore store = JobStore.open(dir)) {
            store.apply(new IngestBatch().progress("done", progress("done", JobState.COMPLETED, URL)));

            assertThat(store.webhook("done")).isEmpty();
            assertThat(store.progress("done")).isPresent();
            assertThat(finished).isEmpty();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] progress(String jobId, JobState state, String callbackUrl) {
        return Codecs.JOB_PROGRESS.encode(JobProgress.newBuilder().setJobId(jobId).setState(state)
                .setCallbackUrl(callbackUrl).build());
    }
}
