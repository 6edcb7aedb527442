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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A watched job's later results: they replace the record's result and form a feed read by cursor. */
class ChangeRepositoryTest {

    private static final Instant AT = Instant.parse("2026-12-07T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aChangeReplacesTheRecordsResultWhetherItCameInTheSameBatchOrLater() throws IOException {
        try (JobStore store = JobStore.open(dir)) {
            store.apply(batch(first(0, "j", "r0", 0L), first(1, "j", "r1", 1L), change(2, "j", "r0", 0L, ResultTrigger.NEW_DEATH_RECORD)));
            store.apply(batch(change(3, "j", "r1", 1L, ResultTrigger.NEW_DEATH_RECORD)));

            assertThat(outcomes(store, "j")).containsExactly(Outcome.MATCHED, Outcome.MATCHED);
            assertThat(store.results().count("j")).isEqualTo(2);
        }
    }

    @Test
    void findsTheResultOfARecordWithoutASequenceByItsRecordId() throws IOException {
        try (JobStore store = JobStore.open(dir)) {
            store.apply(batch(first(0, "j", "a", null), first(1, "j", "b", null)));
            store.apply(batch(change(2, "j", "b", null, ResultTrigger.NEW_DEATH_RECORD)));

            assertThat(outcomes(store, "j")).containsExactly(Outcome.NOT_FOUND, Outcome.MATCHED);
        }
    }

    @Test
    void pagesTheFeedInOrderFromACursorThatIsTheSameOnEveryInstance() throws IOException {
        try (JobStore store = JobStore.open(dir); JobStore other = JobStore.open(dir.resolve("other"))) {
            IngestBatch changes = batch(first(0, "j", "r0", 0L), change(5, "j", "r0", 0L, ResultTrigger.NEW_DEATH_RECORD),
                    change(6, "j", "r0", 0L, ResultTrigger.UPDATED), change(7, "j", "r0", 0L, ResultTrigger.RETRACTED),
                    change(8, "k", "x", 0L, ResultTrigger.NEW_DEATH_RECORD));
            store.apply(changes);
            other.apply(changes);

            ChangeRepository.Page first = store.changes().page("j", null, 2);
            assertThat(first.changes()).extracting(c -> c.result().getTrigger())
                    .containsExactly(ResultTrigger.NEW_DEATH_RECORD, ResultTrigger.UPDATED);
            assertThat(first.more()).isTrue();
            ChangeRepository.Page rest = store.changes().page("j", first.next(), 2);
            assertThat(rest.changes()).extracting(c -> c.result().getTrigger()).containsExactly(ResultTrigger.RETRACTED);
            assertThat(rest.more()).isFalse();
            ChangeRepository.Page none = store.changes().page("j", rest.next(), 2);
            assertThat(none.changes()).isEmpty();
            assertThat(none.next()).isEqualTo(rest.next());
            assertThat(store.changes().latest("j")).contains(rest.next());
            assertThat(other.changes().latest("j")).contains(rest.next());
            assertThat(store.changes().latest("nobody")).isEmpty();
        }
    }

    @Test
    void aPurgedJobLosesItsChangesAndItsRecordIndex() throws IOException {
        try (JobStore store = JobStore.open(dir)) {
            store.apply(batch(first(0, "j", "a", null), change(1, "j", "a", null, ResultTrigger.NEW_DEATH_RECORD))
                    .progress("j", StoreRecords.progress("j", JobState.COMPLETED, 1)));
            store.apply(new IngestBatch().progress("j", null));

            assertThat(store.results().count("j")).isZero();
            assertThat(store.changes().page("j", null, 10).changes()).isEmpty();
            assertThat(store.changes().latest("j")).isEmpty();
        }
    }

    @Test
    void refusesACursorItDidNotGive() {
        assertThat(ChangeRepository.parseCursor("not-a-cursor")).isEmpty();
        assertThat(ChangeRepository.parseCursor("zz0000000000000000000000")).isEmpty();
        assertThat(ChangeRepository.parseCursor("000000010000000000000005")).isPresent();
    }

    private static List<Outcome> outcomes(JobStore store, String jobId) {
        List<Outcome> outcomes = new ArrayList<>();
        try (ResultCursor cursor = store.results().cursor(jobId)) {
            for (MatchResult r = cursor.next(); r != null; r = cursor.next()) {
                outcomes.add(r.getOutcome());
            }
        }
        return outcomes;
    }

    private record Read(MatchResult result, long offset) {
    }

    private static Read first(long offset, String jobId, String recordId, Long sequence) {
        return new Read(MatchResult.newBuilder().setJobId(jobId).setRecordId(recordId).setSequence(sequence)
                .setOutcome(Outcome.NOT_FOUND).setDecidedAt(AT).build(), offset);
    }

    private static Read change(long offset, String jobId, String recordId, Long sequence, ResultTrigger trigger) {
        Outcome outcome = trigger == ResultTrigger.RETRACTED ? Outcome.NOT_FOUND : Outcome.MATCHED;
        return new Read(MatchResult.newBuilder().setJobId(jobId).setRecordId(recordId).setSequence(sequence)
                .setOutcome(outcome).setTrigger(trigger).setPreviousOutcome(Outcome.NOT_FOUND).setDecidedAt(AT).build(), offset);
    }

    private static IngestBatch batch(Read... reads) {
        IngestBatch batch = new IngestBatch();
        for (Read read : reads) {
            batch.result(read.result(), 0, read.offset(), Codecs.MATCH_RESULT.encode(read.result()));
        }
        return batch;
    }
}
