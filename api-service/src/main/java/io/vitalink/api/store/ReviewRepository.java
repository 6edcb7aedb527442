package io.vitalink.api.store;

import static io.vitalink.api.store.StoreKeys.prefix;
import static io.vitalink.api.store.StoreKeys.upperBound;

import io.vitalink.avro.ReviewDecision;
import io.vitalink.serde.Codecs;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;

/**
 * Reviewers' decisions, folded from review-decisions by {@link ReviewFold}: column family {@code reviews}, jobId
 * (UTF-8) + 0x00 + recordId (UTF-8) → the decision that counts for the record, as read (its note sealed); column
 * family {@code review-refusals}, the same key + partition (int) + offset (long) → each decision refused. Decisions
 * outlive the job's retention: they are the labels of the precision report and hold nothing in clear but the rule,
 * score and verdict.
 */
public final class ReviewRepository {

    static final String FAMILY = "reviews";
    static final String REFUSED_FAMILY = "review-refusals";

    private final StoreCore core;
    private final ColumnFamilyHandle family;
    private final ColumnFamilyHandle refused;

    ReviewRepository(StoreCore core) {
        this.core = core;
        this.family = core.family(FAMILY);
        this.refused = core.family(REFUSED_FAMILY);
    }

    /** The decision that counts for the record (sealed), whichever result of it it judged. */
    public Optional<ReviewDecision> get(String jobId, String recordId) {
        byte[] value = core.read(() -> core.get(family, key(jobId, recordId)));
        return Optional.ofNullable(value).map(Codecs.REVIEW_DECISION::decode);
    }

    /** The bytes of that decision as they were read from the topic. */
    public Optional<byte[]> bytes(String jobId, String recordId) {
        return Optional.ofNullable(core.read(() -> core.get(family, key(jobId, recordId))));
    }

    /** The decisions of a job's records, by recordId. */
    public Map<String, ReviewDecision> forJob(String jobId) {
        Map<String, ReviewDecision> decisions = new LinkedHashMap<>();
        scan(family, prefix(jobId), decision -> decisions.put(decision.getRecordId(), decision));
        return decisions;
    }

    /** The decisions refused for a job, in the order they were read. */
    public List<ReviewDecision> refusals(String jobId) {
        List<ReviewDecision> refusals = new ArrayList<>();
        scan(refused, prefix(jobId), refusals::add);
        return refusals;
    }

    /** Every decision that counts, of every job. */
    public void forEach(Consumer<ReviewDecision> action) {
        core.read(() -> {
            core.scan(family, (key, value) -> {
                action.accept(Codecs.REVIEW_DECISION.decode(value));
                return true;
            });
            return null;
        });
    }

    private void scan(ColumnFamilyHandle handle, byte[] prefix, Consumer<ReviewDecision> action) {
        core.read(() -> {
            try (Slice bound = new Slice(upperBound(prefix));
                 ReadOptions options = new ReadOptions().setIterateUpperBound(bound);
                 RocksIterator iterator = core.newIterator(handle, options)) {
                for (iterator.seek(prefix); iterator.isValid(); iterator.next()) {
                    action.accept(Codecs.REVIEW_DECISION.decode(iterator.value()));
                }
            }
            return null;
        });
    }

    /** Folds the batch's decisions, in offset order, into {@code write}. Call under the store's write monitor. */
    void addTo(IngestBatch batch, WriteBatch write) throws RocksDBException {
        Map<String, ReviewDecision> folded = new HashMap<>();
        for (IngestBatch.Review review : batch.reviews()) {
            ReviewDecision next = Codecs.REVIEW_DECISION.decode(review.value());
            String placed = next.getJobId() + '\0' + next.getRecordId();
            byte[] key = key(next.getJobId(), next.getRecordId());
            ReviewDecision stored = folded.containsKey(placed) ? folded.get(placed) : stored(key);
            switch (ReviewFold.effect(stored, next)) {
                case ACCEPTED -> {
                    write.put(family, key, review.value());
                    folded.put(placed, next);
                }
                case REFUSED -> write.put(refused, ByteBuffer.allocate(key.length + Integer.BYTES + Long.BYTES)
                        .put(key).putInt(review.partition()).putLong(review.offset()).array(), review.value());
                case REPEATED -> {
                    // already counted
                }
            }
        }
    }

    private ReviewDecision stored(byte[] key) {
        byte[] value = core.get(family, key);
        return value == null ? null : Codecs.REVIEW_DECISION.decode(value);
    }

    private static byte[] key(String jobId, String recordId) {
        byte[] prefix = prefix(jobId);
        byte[] record = StoreKeys.utf8(recordId);
        return ByteBuffer.allocate(prefix.length + record.length).put(prefix).put(record).array();
    }
}
