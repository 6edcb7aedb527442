package io.vitalink.api.store;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/** Ready once the read model has caught up with the topics' ends as they were at start-up. */
@Singleton
@Readiness
@Requires(beans = ReadModelConsumer.class)
public class ReadModelHealthIndicator implements HealthIndicator {

    private final ReadModelConsumer consumer;

    public ReadModelHealthIndicator(ReadModelConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("caughtUp", consumer.isCaughtUp());
        if (consumer.lastError() != null) {
            details.put("lastError", consumer.lastError());
        }
        return Publishers.just(HealthResult.builder("vitalink-read-model",
                consumer.isCaughtUp() ? HealthStatus.UP : HealthStatus.DOWN).details(details).build());
    }
}
