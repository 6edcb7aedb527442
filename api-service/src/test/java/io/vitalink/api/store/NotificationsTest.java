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
 * The store tells webhooks of a job that newly finishes with a callback URL and of a purge, once the batch is
 * durable; without a hook nothing is told and the progress is stored all the same.
 */
class NotificationsTest {

    private static final String URL = "https://hooks.example.org/";

    @TempDir
    Path dir;

    private final List<String> finished = new ArrayList<>();
    private final List<String> purged = new ArrayList<>();
    private final List<String> changed = new ArrayList<>();

    private final CompletionHook hook = new CompletionHook() {
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
    private final WebhookFold fold = (stored, record, offset) -> record == null ? null
            : ((stored == null ? "" : new String(stored, StandardCharsets.UTF_8) + ",")
            + new String(record, StandardCharsets.UTF_8) + "@" + offset).getBytes(StandardCharsets.UTF_8);

    @Test
    void tellsOfAJobThatNewlyFinishesWithACallbackUrlOnlyOnce() throws Exception {
        try (JobStore store = JobStore.open(dir)) {
            store.notifications().setCompletionHook(hook);

            store.apply(new IngestBatch()
                    .progress("running", progress("running", JobState.RUNNING, URL))
                    .progress("no-url", progress("no-url", JobState.COMPLETED, null))
                    .progress("done", progress("done", JobState.RUNNING, URL))
                    .progress("done", progress("done", JobState.COMPLETED, URL))
                    .progress("done", progress("done", JobState.COMPLETED, URL)));
            store.apply(new IngestBatch().progress("done", progress("done", JobState.COMPLETED, URL)));

            assertThat(finished).containsExactly("done");
            assertThat(store.webhooks().get("done")).isEmpty();
        }
    }

    @Test
    void aFailedOrCancelledJobFinishesToo() throws Exception {
        try (JobStore store = JobStore.open(dir)) {
            store.notifications().setCompletionHook(hook);

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
    void aPurgeDropsTheDeliveryEvenOneReadInTheSamePollAndIsTold() throws Exception {
        try (JobStore store = JobStore.open(dir)) {
            store.notifications().setCompletionHook(hook);
            store.webhooks().setFold(fold);
            store.apply(new IngestBatch().progress("done", progress("done", JobState.COMPLETED, URL))
                    .webhook("done", 0, 1, bytes("a")));

            store.apply(new IngestBatch().webhook("done", 0, 2, bytes("b")).progress("done", null));

            assertThat(store.webhooks().get("done")).isEmpty();
            assertThat(store.progress().get("done")).isEmpty();
            assertThat(purged).containsExactly("done");
            assertThat(changed).containsExactly("done=a@1");
        }
    }

    @Test
    void withoutAHookNothingIsToldAndTheProgressIsStored() throws Exception {
        try (JobStore store = JobStore.open(dir)) {
            store.apply(new IngestBatch().progress("done", progress("done", JobState.COMPLETED, URL)));

            assertThat(store.webhooks().get("done")).isEmpty();
            assertThat(store.progress().get("done")).isPresent();
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
