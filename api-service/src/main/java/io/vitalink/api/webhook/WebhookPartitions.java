package io.vitalink.api.webhook;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/** Where a job's webhook delivery lives in webhook-deliveries: the one rule writers and owners share. */
public final class WebhookPartitions {

    private WebhookPartitions() {
    }

    /**
     * The partition of a job's records among {@code partitions}: Kafka's default partitioner for a UTF-8 key
     * (murmur2), so it is the partition any producer keyed by jobId would choose.
     */
    public static int of(String jobId, int partitions) {
        return Utils.toPositive(Utils.murmur2(jobId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
