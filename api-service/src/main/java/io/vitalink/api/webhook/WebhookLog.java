package io.vitalink.api.webhook;

/** Appends records to the webhook-deliveries topic ({@link KafkaWebhookLog}). */
public interface WebhookLog {

    /** Where a record was written. */
    record Position(int partition, long offset) {
    }

    /**
     * Appends {@code value} (a WebhookDelivery; null: a tombstone) keyed by the jobId, in the job's partition
     * ({@link WebhookPartitions#of}), and returns where once every in-sync replica has it.
     *
     * @throws io.vitalink.api.problem.ApiException VL-1503 when Kafka did not acknowledge it
     */
    Position append(String jobId, byte[] value);
}
