package io.vitalink.api.store;

import static io.vitalink.api.store.StoreRecords.progress;
import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's progress: what this instance writes itself never overrides what the topic says. */
class ProgressRepositoryTest {

    @TempDir
    Path dir;

    @Test
    void placeholderNeverOverwritesProgressButConsumerOverwritesPlaceholder() throws IOException {
        try (JobStore store = JobStore.open(dir)) {
            JobProgress placeholder = JobProgress.newBuilder().setJobId("j").setState(JobState.RECEIVING)
                    .setCreatedAt(Instant.now()).build();
            assertThat(store.progress().putIfAbsent(placeholder)).isTrue();
            store.apply(new IngestBatch().progress("j", progress("j", JobState.RUNNING, 3)));
            assertThat(store.progress().putIfAbsent(placeholder)).isFalse();

            assertThat(store.progress().get("j"))
                    .hasValueSatisfying(p -> assertThat(p.getState()).isEqualTo(JobState.RUNNING));
        }
    }

    @Test
    void tombstoneDeletesProgress() throws IOException {
        try (JobStore store = JobStore.open(dir)) {
            store.apply(new IngestBatch().progress("j", progress("j", JobState.RUNNING, 0)));
            store.apply(new IngestBatch().progress("j", null));

            assertThat(store.progress().get("j")).isEmpty();
        }
    }
}
