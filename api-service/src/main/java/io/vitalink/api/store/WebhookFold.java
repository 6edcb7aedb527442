package io.vitalink.api.store;

/**
 * Folds the records of the webhook-deliveries topic into the stored delivery of their job (the bytes are owned by
 * the fold, io.vitalink.api.webhook). Runs while the batch is being written, under the store's write monitor: keep
 * it short and never call the store from it. Set it with {@link WebhookRepository#setFold}.
 */
public interface WebhookFold {

    /**
     * The job's stored delivery once {@code record} (null: a tombstone) read at {@code offset} of the job's
     * partition is applied to {@code stored} (null: none yet). Returns null to delete the delivery, and
     * {@code stored} itself when nothing changes.
     */
    byte[] fold(byte[] stored, byte[] record, long offset);
}
