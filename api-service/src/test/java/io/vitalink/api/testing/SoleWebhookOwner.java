package io.vitalink.api.testing;

import io.micronaut.context.annotation.Replaces;
import io.vitalink.api.webhook.WebhookGroup;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;

/** Kafka replaced: the one API instance of a test is the only member of the webhook group and owns every partition. */
@Singleton
@Replaces(WebhookGroup.class)
public class SoleWebhookOwner implements WebhookGroup {

    private static final Set<Integer> ALL = Set.of(0, 1, 2);
    private Listener listener;

    @Override
    public synchronized void join(Listener listener) {
        this.listener = listener;
        listener.assigned(InMemoryWebhookLog.PARTITIONS, ALL, Map.of());
    }

    @Override
    public synchronized void close() {
        if (listener != null) {
            listener.revoked(ALL);
            listener = null;
        }
    }
}
