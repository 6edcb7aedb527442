package io.vitalink.api.store;

import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import io.vitalink.serde.Codecs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records as the topics carry them, and what a store gives back, for the store's tests. */
final class StoreRecords {

    private StoreRecords() {
    }

    static byte[] result(String jobId, String recordId) {
        return Codecs.MATCH_RESULT.encode(MatchResult.newBuilder().setJobId(jobId).setRecordId(recordId)
                .setOutcome(Outcome.NOT_FOUND).setDecidedAt(Instant.parse("2026-01-01T00:00:00Z")).build());
    }

    static byte[] progress(String jobId, JobState state, long processed) {
        return Codecs.JOB_PROGRESS.encode(JobProgress.newBuilder().setJobId(jobId).setState(state)
                .setProcessed(processed).build());
    }

    /** The record ids of a job's results, in the order its cursor gives them. */
    static List<String> recordIds(JobStore store, String jobId) {
        List<String> ids = new ArrayList<>();
        try (ResultCursor cursor = store.results().cursor(jobId)) {
            for (MatchResult r = cursor.next(); r != null; r = cursor.next()) {
                ids.add(r.getRecordId());
            }
        }
        return ids;
    }
}
