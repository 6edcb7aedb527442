package io.vitalink.api.kafka;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.vitalink.api.job.JobPublisher;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/** Ready only while a job could be published (Kafka answers): an instance that cannot publish gets no uploads. */
@Singleton
@Readiness
public class KafkaHealthIndicator implements HealthIndicator {

    private final JobPublisher publisher;
    private final KafkaReachability kafka;

    public KafkaHealthIndicator(JobPublisher publisher, KafkaReachability kafka) {
        this.publisher = publisher;
        this.kafka = kafka;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        boolean reachable = publisher.available();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reachable", reachable);
        if (!reachable && kafka.lastError() != null) {
            details.put("lastError", kafka.lastError());
        }
        return Publishers.just(HealthResult.builder("vitalink-kafka", reachable ? HealthStatus.UP : HealthStatus.DOWN)
                .details(details).build());
    }
}
