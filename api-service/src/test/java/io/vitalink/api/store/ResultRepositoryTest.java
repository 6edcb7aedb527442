package io.vitalink.api.store;

import static io.vitalink.api.store.StoreRecords.recordIds;
import static io.vitalink.api.store.StoreRecords.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import io.vitalink.serde.Codecs;
import io.vitalink.topic.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's results: only its own, in submission order, from a snapshot, under a key layout that stays. */
class ResultRepositoryTest {

    @TempDir
    Path dir;

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

    @Test
    void cursorReadsASnapshot() throws IOException {
        try (JobStore store = JobStore.open(dir)) {
            store.apply(new IngestBatch().result("j", 0, 0, result("j", "r1")));
            try (ResultCursor cursor = store.results().cursor("j")) {
                store.apply(new IngestBatch().result("j", 0, 1, result("j", "r2")));
                assertThat(cursor.next().getRecordId()).isEqualTo("r1");
                assertThat(cursor.next()).isNull();
            }
            assertThat(store.results().count("j")).isEqualTo(2);
        }
    }

    @Test
    void keysKeepTheLayoutOfStoresAlreadyOnDisk() {
        // "ab" 0x00, then partition 1 and offset 2; with a sequence, 0x80 and sequence 5 come first
        assertThat(HexFormat.of().formatHex(ResultRepository.key("ab", null, 1, 2)))
                .isEqualTo("616200" + "00000001" + "0000000000000002");
        assertThat(HexFormat.of().formatHex(ResultRepository.key("ab", 5L, 1, 2)))
                .isEqualTo("616200" + "80" + "0000000000000005" + "00000001" + "0000000000000002");
    }

    /** The read model's own path: each record as its consumer adds it to a batch. */
    @SafeVarargs
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
}
