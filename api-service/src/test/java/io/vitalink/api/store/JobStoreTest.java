package io.vitalink.api.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import io.vitalink.serde.Codecs;
import io.vitalink.topic.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

            assertThat(store.progress("job-1")).hasValueSatisfying(p -> assertThat(p.getProcessed()).isEqualTo(1));
            assertThat(store.countResults("job-1")).isEqualTo(1);
            assertThat(store.nextOffset("match-results", 2)).hasValue(8);
            assertThat(store.nextOffset("job-progress", 0)).hasValue(4);
            assertThat(store.nextOffset("match-results", 0)).isEmpty();
        }
    }

    @Test
    void scansOnlyOneJobsResultsInOffsetOrderKeepingDuplicateRecordIds() throws IOException {
        try (JobStore store = JobStore.open(dir)) {
            store.apply(new IngestBatch()
                    .result("a", 1, 300, result("a", "r3"))
                    .result("ab", 1, 5, result("ab", "other"))
                    .result("a", 1, 2, result("a", "r1"))
                    .result("a", 1, 256, result("a", "r1"))
                    .result("b", 0, 1, result("b", "other")));

            assertThat(recordIds(store, "a")).containsExactly("r1", "r1", "r3");
            assertThat(recordIds(store, "ab")).containsExactly("other");
            assertThat(recordIds(store, "unknown")).isEmpty();
        }
    }

    @Test
    void listsResultsInSubmissionOrderWhateverOrderTheyArriveIn() throws IOException {
        try (JobStore store = JobStore.open(dir)) {
            // decided in another order than submitted: different partitions upstream, later offsets first
            store.apply(batch(resultRecord(0, 10, "j", "r256", 256L), resultRecord(0, 11, "j", "r2", 2L)));
            store.apply(batch(resultRecord(0, 12, "j", "r0", 0L), resultRecord(0, 13, "j", "r1", 1L),
                    resultRecord(0, 14, "j", "r255", 255L)));

            assertThat(recordIds(store, "j")).containsExactly("r0", "r1", "r2", "r255", "r256");
        }
    }

    @Test
    void listsResultsWithoutSequenceInDecisionOrderBeforeTheNumberedOnes() throws IOException {
        try (JobStore store = JobStore.open(dir)) {
            store.apply(batch(resultRecord(3, 7, "j", "numbered-1", 1L), resultRecord(3, 8, "j", "old-b", null),
                    resultRecord(3, 2, "j", "old-a", null), resultRecord(3, 9, "j", "numbered-0", 0L),
                    resultRecord(3, 10, "j", "numbered-0-again", 0L)));

            assertThat(recordIds(store, "j"))
                    .containsExactly("old-a", "old-b", "numbered-0", "numbered-0-again", "numbered-1");
        }
    }

    /** The read model's own path: each record as its consumer adds it to a batch. */
    private static IngestBatch batch(ConsumerRecord<byte[], byte[]>... records) {
        IngestBatch batch = new IngestBatch();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            ReadModelConsumer.add(batch, record);
        }
        return batch;
    }

    private static ConsumerRecord<byte[], byte[]> resultRecord(int partition, long offset, String jobId, String recordId,
                                                               Long sequence) {
        byte[] value = Codecs.MATCH_RESULT.encode(MatchResult.newBuilder().setJobId(jobId).setRecordId(recordId)
                .setSequence(sequence).setOutcome(Outcome.NOT_FOUND).setDecidedAt(Instant.EPOCH).build());
        return new ConsumerRecord<>(Topics.MATCH_RESULTS.name(), partition, offset, jobId.getBytes(), value);
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
            assertThat(reopened.progress("job-1")).hasValueSatisfying(p -> assertThat(p.getState()).isEqualTo(JobState.COMPLETED));
            assertThat(recordIds(reopened, "job-1")).containsExactly("r1", "r2");
            assertThat(reopened.nextOffset("match-results", 0)).hasValue(2);
        }
    }

    @Test
    void placeholderNeverOverwritesProgressButConsumerOverwritesPlaceholder() throws IOException {
        try (JobStore store = JobStore.open(dir)) {
            JobProgress placeholder = JobProgress.newBuilder().setJobId("j").setState(JobState.RECEIVING)
                    .setCreatedAt(Instant.now()).build();
            assertThat(store.putProgressIfAbsent(placeholder)).isTrue();
            store.apply(new IngestBatch().progress("j", progress("j", JobState.RUNNING, 3)));
            assertThat(store.putProgressIfAbsent(placeholder)).isFalse();

            assertThat(store.progress("j")).hasValueSatisfying(p -> assertThat(p.getState()).isEqualTo(JobState.RUNNING));
        }
    }

    @Test
    void tombstoneDeletesProgress() throws IOException {
        try (JobStore store = JobStore.open(dir)) {
            store.apply(new IngestBatch().progress("j", progress("j", JobState.RUNNING, 0)));
            store.apply(new IngestBatch().progress("j", null));

            assertThat(store.progress("j")).isEmpty();
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

            assertThat(store.progress("job-1")).isEmpty();
            assertThat(store.countResults("job-1")).isZero();
            assertThat(store.webhook("job-1")).isEmpty();
            assertThat(store.nextOffset("job-progress", 0)).hasValue(9);
            for (String other : List.of("job-10", "job-2")) {
                assertThat(store.progress(other)).isPresent();
                assertThat(recordIds(store, other)).containsExactly("r1", "r2");
                assertThat(store.webhook(other)).hasValue(new byte[] {1, 2, 3});
            }
        }
    }

    @Test
    void purgeInTheSameBatchAsTheJobsLastResultsLeavesNoResultBehind() throws IOException {
        try (JobStore store = JobStore.open(dir)) {
            store.apply(new IngestBatch().progress("j", progress("j", JobState.COMPLETED, 1)).result("j", 0, 0, result("j", "r1")));

            store.apply(new IngestBatch().progress("j", null).result("j", 1, 4, result("j", "r2")));

            assertThat(store.progress("j")).isEmpty();
            assertThat(store.countResults("j")).isZero();
        }
    }

    @Test
    void closeReleasesOpenCursorsAndRefusesLaterUse() throws IOException {
        JobStore store = JobStore.open(dir);
        store.apply(new IngestBatch().result("j", 0, 0, result("j", "r1")).result("j", 0, 1, result("j", "r2")));
        ResultCursor cursor = store.results("j");
        assertThat(cursor.next().getRecordId()).isEqualTo("r1");

        store.close();

        assertThat(cursor.next()).isNull();
        cursor.close();
        assertThatThrownBy(() -> store.progress("j")).isInstanceOf(StoreException.class);
    }

    @Test
    void cursorReadsASnapshot() throws IOException {
        try (JobStore store = JobStore.open(dir)) {
            store.apply(new IngestBatch().result("j", 0, 0, result("j", "r1")));
            try (ResultCursor cursor = store.results("j")) {
                store.apply(new IngestBatch().result("j", 0, 1, result("j", "r2")));
                assertThat(cursor.next().getRecordId()).isEqualTo("r1");
                assertThat(cursor.next()).isNull();
            }
            assertThat(store.countResults("j")).isEqualTo(2);
        }
    }

    @Test
    void temporaryStoreIsDeletedOnClose() throws IOException {
        JobStore store = JobStore.openTemporary();
        Path where = store.directory();
        store.close();

        assertThat(where).doesNotExist();
    }

    private static List<String> recordIds(JobStore store, String jobId) {
        List<String> ids = new ArrayList<>();
        try (ResultCursor cursor = store.results(jobId)) {
            for (MatchResult r = cursor.next(); r != null; r = cursor.next()) {
                ids.add(r.getRecordId());
            }
        }
        return ids;
    }

    static byte[] result(String jobId, String recordId) {
        return Codecs.MATCH_RESULT.encode(MatchResult.newBuilder().setJobId(jobId).setRecordId(recordId)
                .setOutcome(Outcome.NOT_FOUND).setDecidedAt(Instant.parse("2026-01-01T00:00:00Z")).build());
    }

    static byte[] progress(String jobId, JobState state, long processed) {
        return Codecs.JOB_PROGRESS.encode(JobProgress.newBuilder().setJobId(jobId).setState(state)
                .setProcessed(processed).build());
    }

    @Test
    void auditEventsComeBackInTimeOrderWithinTheRangeAndSurviveAReopen() throws IOException {
        Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
        try (JobStore store = JobStore.open(dir)) {
            store.apply(new IngestBatch()
                    .audit(t0.plusSeconds(2).toEpochMilli(), 3, 10, audit("bob", t0.plusSeconds(2)))
                    .audit(t0.toEpochMilli(), 1, 5, audit("alice", t0))
                    .audit(t0.plusSeconds(1).toEpochMilli(), 0, 7, audit("alice", t0.plusSeconds(1)))
                    .audit(t0.plusSeconds(3).toEpochMilli(), 0, 8, audit("alice", t0.plusSeconds(3))));
        }
        try (JobStore store = JobStore.open(dir)) {
            long from = t0.toEpochMilli();
            assertThat(actors(store.audit(from, Long.MAX_VALUE, null, 10, null))).containsExactly("alice@0", "alice@1", "bob@2", "alice@3");
            assertThat(actors(store.audit(from, t0.plusSeconds(2).toEpochMilli(), null, 10, null))).containsExactly("alice@0", "alice@1");
            assertThat(actors(store.audit(t0.plusSeconds(1).toEpochMilli(), Long.MAX_VALUE, "alice", 10, null)))
                    .containsExactly("alice@1", "alice@3");
        }
    }

    @Test
    void auditPagesResumeWhereThePreviousPageStopped() throws IOException {
        Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
        try (JobStore store = JobStore.open(dir)) {
            IngestBatch batch = new IngestBatch();
            for (int i = 0; i < 5; i++) {
                batch.audit(t0.plusSeconds(i).toEpochMilli(), 0, i, audit("alice", t0.plusSeconds(i)));
            }
            store.apply(batch);

            JobStore.AuditScan first = store.audit(0, Long.MAX_VALUE, null, 2, null);
            JobStore.AuditScan second = store.audit(0, Long.MAX_VALUE, null, 2, first.next());
            JobStore.AuditScan third = store.audit(0, Long.MAX_VALUE, null, 2, second.next());

            assertThat(actors(first)).containsExactly("alice@0", "alice@1");
            assertThat(actors(second)).containsExactly("alice@2", "alice@3");
            assertThat(actors(third)).containsExactly("alice@4");
            assertThat(third.next()).isNull();
            assertThat(first.next()).hasSize(JobStore.AUDIT_KEY_BYTES);
        }
    }

    private static byte[] audit(String actor, Instant at) {
        return Codecs.AUDIT_EVENT.encode(io.vitalink.avro.AuditEvent.newBuilder().setAt(at).setActor(actor)
                .setAction("GET /api/v1/audit").setDetail(String.valueOf(at.getEpochSecond() % 60)).build());
    }

    private static List<String> actors(JobStore.AuditScan scan) {
        return scan.events().stream().map(e -> e.getActor() + "@" + e.getDetail()).toList();
    }
}
