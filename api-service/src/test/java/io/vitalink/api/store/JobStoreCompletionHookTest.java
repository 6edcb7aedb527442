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

/** The webhook delivery is created with the progress that completes a job, once, and survives a reopen. */
class JobStoreCompletionHookTest {

    @TempDir
    Path dir;

    private final List<String> seen = new ArrayList<>();
    private final List<String> created = new ArrayList<>();

    private final JobStore.CompletionHook hook = new JobStore.CompletionHook() {
        @Override
        public byte[] newDelivery(JobProgress finished) {
            seen.add(finished.getJobId());
            return ("delivery of " + finished.getJobId()).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void created(String jobId) {
            created.add(jobId);
        }
    };

    @Test
    void createsADeliveryOnlyForACompletedJobWithACallbackUrlAndOnlyOnce() throws Exception {
        try (JobStore store = JobStore.open(dir)) {
            store.setCompletionHook(hook);

            store.apply(new IngestBatch()
                    .progress("running", progress("running", JobState.RUNNING, "https://hooks.example.org/"))
                    .progress("no-url", progress("no-url", JobState.COMPLETED, null))
                    .progress("done", progress("done", JobState.COMPLETED, "https://hooks.example.org/"))
                    .progress("done", progress("done", JobState.COMPLETED, "https://hooks.example.org/")));
            store.apply(new IngestBatch().progress("done", progress("done", JobState.COMPLETED, "https://hooks.example.org/")));

            assertThat(seen).containsExactly("done");
            assertThat(created).containsExactly("done");
            assertThat(store.webhook("running")).isEmpty();
            assertThat(store.webhook("no-url")).isEmpty();
        }
        try (JobStore reopened = JobStore.open(dir)) {
            List<String> stored = new ArrayList<>();
            reopened.forEachWebhook((jobId, value) -> stored.add(jobId + "=" + new String(value, StandardCharsets.UTF_8)));

            assertThat(stored).containsExactly("done=delivery of done");
        }
    }

    @Test
    void withoutAHookNothingIsCreated() throws Exception {
        try (JobStore store = JobStore.open(dir)) {
            store.apply(new IngestBatch().progress("done", progress("done", JobState.COMPLETED, "https://hooks.example.org/")));

            assertThat(store.webhook("done")).isEmpty();
            assertThat(store.progress("done")).isPresent();
        }
    }

    private static byte[] progress(String jobId, JobState state, String callbackUrl) {
        return Codecs.JOB_PROGRESS.encode(JobProgress.newBuilder().setJobId(jobId).setState(state)
                .setCallbackUrl(callbackUrl).build());
    }
}
