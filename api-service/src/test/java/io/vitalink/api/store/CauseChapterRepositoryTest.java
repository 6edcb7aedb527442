package io.vitalink.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.JobState;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import io.vitalink.avro.ResultTrigger;
import io.vitalink.serde.Codecs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's linked deaths counted by the ICD-10 chapter of their underlying cause, as results and changes arrive. */
class CauseChapterRepositoryTest {

    private static final Instant AT = Instant.parse("2026-12-07T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void countsLinkedDeathsByChapterInChapterOrderAndLeavesTheRestOut() throws IOException {
        try (JobStore store = JobStore.open(dir)) {
            store.apply(batch(result(0, "j", "a", 0L, "IX", null), result(1, "j", "b", 1L, "II", null),
                    result(2, "j", "c", 2L, "II", null), result(3, "j", "d", 3L, null, null), result(4, "k", "a", 0L, "X", null)));

            assertThat(store.causeChapters().of("j")).containsExactly(Map.entry("II", 2L), Map.entry("IX", 1L));
            assertThat(store.causeChapters().of("k")).containsExactly(Map.entry("X", 1L));
            assertThat(store.causeChapters().of("nobody")).isEmpty();
        }
    }

    @Test
    void aChangeMovesTheDeathToItsNewChapterInTheSameBatchOrLater() throws IOException {
        try (JobStore store = JobStore.open(dir)) {
            store.apply(batch(result(0, "j", "a", 0L, null, null), result(1, "j", "b", null, "IX", null),
                    result(2, "j", "a", 0L, "II", ResultTrigger.NEW_DEATH_RECORD)));
            store.apply(batch(result(3, "j", "b", null, "II", ResultTrigger.UPDATED),
                    result(4, "j", "a", 0L, null, ResultTrigger.RETRACTED)));

            assertThat(store.causeChapters().of("j")).containsExactly(Map.entry("II", 1L));
        }
    }

    @Test
    void aPurgedJobLosesItsCounts() throws IOException {
        try (JobStore store = JobStore.open(dir)) {
            store.apply(batch(result(0, "j", "a", 0L, "II", null)).progress("j", StoreRecords.progress("j", JobState.COMPLETED, 1)));
            store.apply(new IngestBatch().progress("j", null));

            assertThat(store.causeChapters().of("j")).isEmpty();
        }
    }

    private record Read(MatchResult result, long offset) {
    }

    private static Read result(long offset, String jobId, String recordId, Long sequence, String chapter, ResultTrigger trigger) {
        MatchResult.Builder result = MatchResult.newBuilder().setJobId(jobId).setRecordId(recordId).setSequence(sequence)
                .setOutcome(chapter == null ? Outcome.NOT_FOUND : Outcome.MATCHED).setUnderlyingCauseChapter(chapter)
                .setDecidedAt(AT);
        if (trigger != null) {
            result.setTrigger(trigger).setPreviousOutcome(Outcome.NOT_FOUND);
        }
        return new Read(result.build(), offset);
    }

    private static IngestBatch batch(Read... reads) {
        IngestBatch batch = new IngestBatch();
        for (Read read : reads) {
            batch.result(read.result(), 0, read.offset(), Codecs.MATCH_RESULT.encode(read.result()));
        }
        return batch;
    }
}
