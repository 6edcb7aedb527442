package io.vitalink.api.testing;

import io.micronaut.context.annotation.Replaces;
import io.vitalink.api.webhook.WebhookLog;
import io.vitalink.api.webhook.WebhookPartitions;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kafka replaced: webhook-deliveries as a list. Offsets grow across every API started in this JVM, so an API
 * restarted on the same store never writes below what that store has read.
 */
@Singleton
@Replaces(WebhookLog.class)
public class InMemoryWebhookLog implements WebhookLog {

    /** The partitions of the topic here, all owned by {@link SoleWebhookOwner}. */
    public static final int PARTITIONS = 3;
    private static final AtomicLong NEXT_OFFSET = new AtomicLong();

    public record Appended(String jobId, int partition, long offset, byte[] value) {
    }

    public final List<Appended> appended = Collections.synchronizedList(new ArrayList<>());

    @Override
    public Position append(String jobId, byte[] value) {
        Appended record = new Appended(jobId, WebhookPartitions.of(jobId, PARTITIONS), NEXT_OFFSET.incrementAndGet(), value);
        appended.add(record);
        return new Position(record.partition(), record.offset());
    }
}
