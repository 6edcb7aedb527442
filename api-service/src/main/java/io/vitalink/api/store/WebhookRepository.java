package io.vitalink.api.store;

import static io.vitalink.api.store.StoreKeys.utf8;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The webhook delivery of every job, column family {@code webhooks}: jobId (UTF-8) → the job's delivery as read from
 * the webhook-deliveries topic. The bytes are owned by the {@link WebhookFold} (io.vitalink.api.webhook), which folds
 * each record into them; without a fold a record is stored as it is. A purge of the job deletes its delivery.
 */
public final class WebhookRepository {

    static final String FAMILY = "webhooks";

    private final StoreCore core;
    private final ColumnFamilyHandle family;
    private volatile WebhookFold fold;

    WebhookRepository(StoreCore core) {
        this.core = core;
        this.family = core.family(FAMILY);
    }

    public void setFold(WebhookFold fold) {
        this.fold = fold;
    }

    /** The stored webhook delivery of a job. */
    public Optional<byte[]> get(String jobId) {
        return Optional.ofNullable(core.read(() -> core.get(family, utf8(jobId))));
    }

    /** Every stored webhook delivery, in job id order. */
    public void forEach(BiConsumer<String, byte[]> action) {
        core.read(() -> {
            core.scan(family, (key, value) -> {
                action.accept(new String(key, StandardCharsets.UTF_8), value);
                return true;
            });
            return null;
        });
    }

    /** Adds to {@code write} the deletion of the delivery of every {@code purged} job. */
    void deletePurged(List<String> purged, WriteBatch write) throws RocksDBException {
        for (String jobId : purged) {
            write.delete(family, utf8(jobId));
        }
    }

    /**
     * Folds the batch's webhook-deliveries records into the stored deliveries, none of a job purged in the batch, and
     * adds the new ones to {@code write}; returns them by job (null: deleted), only those the fold changed. A fold
     * reads the stored delivery and writes the next one: call it under the {@link StoreCore#writeMonitor()} that also
     * writes the batch.
     */
    Map<String, byte[]> fold(IngestBatch batch, List<String> purged, WriteBatch write) throws RocksDBException {
        WebhookFold fold = this.fold;
        Map<String, byte[]> deliveries = new LinkedHashMap<>();
        for (IngestBatch.Webhook w : batch.webhooks()) {
            if (purged.contains(w.jobId())) {
                continue;
            }
            byte[] stored = deliveries.containsKey(w.jobId()) ? deliveries.get(w.jobId())
                    : core.get(family, utf8(w.jobId()));
            byte[] next = fold == null ? w.value() : fold.fold(stored, w.value(), w.offset());
            if (next != stored) {
                deliveries.put(w.jobId(), next);
            }
        }
        for (Map.Entry<String, byte[]> d : deliveries.entrySet()) {
            if (d.getValue() == null) {
                write.delete(family, utf8(d.getKey()));
            } else {
                write.put(family, utf8(d.getKey()), d.getValue());
            }
        }
        return deliveries;
    }
}
