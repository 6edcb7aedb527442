package io.vitalink.api.store;

import static io.vitalink.api.store.StoreRecords.progress;
import static io.vitalink.api.store.StoreRecords.recordIds;
import static io.vitalink.api.store.StoreRecords.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vitalink.avro.JobState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One batch across the repositories, atomically; what survives a reopen; what a purge takes; closing. */
class JobStoreTest {

    @TempDir
    Path dir;

    @Test
    void appliesRecordsAndOffsetsInOneBatch() throws IOException {
        try (JobStore store = JobStore.open(dir)) {
            store.apply(new IngestBatch()
                    .progress("job-1", progress("job-1", JobState.RUNNING, 1))
                    .result("job-1", 2, 7, result("job-1", "r1"))
                    .nextOffset("match-results", 2, 8)
                    .nextOffset("job-progress", 0, 4));

            assertThat(store.progress().get("job-1"))
                    .hasValueSatisfying(p -> assertThat(p.getProcessed()).isEqualTo(1));
            assertThat(store.results().count("job-1")).isEqualTo(1);
            assertThat(store.offsets().next("match-results", 2)).hasValue(8);
            assertThat(store.offsets().next("job-progress", 0)).hasValue(4);
            assertThat(store.offsets().next("match-results", 0)).isEmpty();
        }
    }

    @Test
    void keepsDataAndOffsetsAfterReopen() throws IOException {
        try (JobStore store = JobStore.open(dir)) {
            store.apply(new IngestBatch()
                    .progress("job-1", progress("job-1", JobState.COMPLETED, 2))
                    .result("job-1", 0, 0, result("job-1", "r1"))
                    .result("job-1", 0, 1, result("job-1", "r2"))
                    .nextOffset("match-results", 0, 2));
        }
        try (JobStore reopened = JobStore.open(dir)) {
            assertThat(reopened.progress().get("job-1"))
                    .hasValueSatisfying(p -> assertThat(p.getState()).isEqualTo(JobState.COMPLETED));
            assertThat(recordIds(reopened, "job-1")).containsExactly("r1", "r2");
            assertThat(reopened.offsets().next("match-results", 0)).hasValue(2);
        }
    }

    @Test
    void progressTombstonePurgesThatJobsProgressResultsAndWebhookButNoOtherJob() throws IOException {
        try (JobStore store = JobStore.open(dir)) {
            for (String job : List.of("job-1", "job-10", "job-2")) {
                store.apply(new IngestBatch()
                        .progress(job, progress(job, JobState.COMPLETED, 2))
                        .result(job, 0, 0, result(job, "r1"))
                        .result(job, 3, 5, result(job, "r2")));
                store.apply(new IngestBatch().webhook(job, 0, 1, new byte[] {1, 2, 3}));
            }

            store.apply(new IngestBatch().progress("job-1", null).nextOffset("job-progress", 0, 9));

            assertThat(store.progress().get("job-1")).isEmpty();
            assertThat(store.results().count("job-1")).isZero();
            assertThat(store.webhooks().get("job-1")).isEmpty();
            assertThat(store.offsets().next("job-progress", 0)).hasValue(9);
            for (String other : List.of("job-10", "job-2")) {
                assertThat(store.progress().get(other)).isPresent();
                assertThat(recordIds(store, other)).containsExactly("r1", "r2");
                assertThat(store.webhooks().get(other)).hasValue(new byte[] {1, 2, 3});
            }
        }
    }

    @Test
    void purgeInTheSameBatchAsTheJobsLastResultsLeavesNoResultBehind() throws IOException {
        try (JobStore store = JobStore.open(dir)) {
            store.apply(new IngestBatch().progress("j", progress("j", JobState.COMPLETED, 1))
                    .result("j", 0, 0, result("j", "r1")));

            store.apply(new IngestBatch().progress("j", null).result("j", 1, 4, result("j", "r2")));

            assertThat(store.progress().get("j")).isEmpty();
            assertThat(store.results().count("j")).isZero();
        }
    }

    @Test
    void closeReleasesOpenCursorsAndRefusesLaterUse() throws IOException {
        JobStore store = JobStore.open(dir);
        store.apply(new IngestBatch().result("j", 0, 0, result("j", "r1")).result("j", 0, 1, result("j", "r2")));
        ResultCursor cursor = store.results().cursor("j");
        assertThat(cursor.next().getRecordId()).isEqualTo("r1");

        store.close();

        assertThat(cursor.next()).isNull();
        cursor.close();
        assertThatThrownBy(() -> store.progress().get("j")).isInstanceOf(StoreException.class);
    }

    @Test
    void everyRepositoryRefusesUseOnceClosed() throws IOException {
        JobStore store = JobStore.open(dir);
        store.close();

        assertThatThrownBy(() -> store.apply(new IngestBatch().nextOffset("job-progress", 0, 1)))
                .isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.results().cursor("j")).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.audit().scan(0, Long.MAX_VALUE, null, 1, null))
                .isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.webhooks().get("j")).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.offsets().next("job-progress", 0)).isInstanceOf(StoreException.class);
    }

    @Test
    void temporaryStoreIsDeletedOnClose() throws IOException {
        JobStore store = JobStore.openTemporary();
        Path where = store.directory();
        store.close();

        assertThat(where).doesNotExist();
    }
}
