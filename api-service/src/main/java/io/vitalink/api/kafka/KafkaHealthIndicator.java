package io.vitalink.api.kafka;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.vitalink.api.job.JobPublisher;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/** Ready only while a job could be published (Kafka answers): an instance that cannot publish gets no uploads. */
@Singleton
@Readiness
public class KafkaHealthIndicator implements HealthIndicator {

    private final JobPublisher publisher;

    public KafkaHealthIndicator(JobPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        // no details: the health endpoint never shows them (endpoints.health.details-visible: NEVER)
        return Publishers.just(HealthResult.builder("vitalink-kafka",
                publisher.available() ? HealthStatus.UP : HealthStatus.DOWN).build());
    }
}
