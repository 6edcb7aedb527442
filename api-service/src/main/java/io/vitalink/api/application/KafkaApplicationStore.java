package io.vitalink.api.application;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.vitalink.api.kafka.CompactedTopicView;
import io.vitalink.api.kafka.KafkaClientSettings;
import io.vitalink.api.kafka.TopicSetup;
import io.vitalink.api.metrics.ApiMetrics;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.avro.Application;
import io.vitalink.serde.Codecs;
import io.vitalink.topic.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/**
 * Applications kept in the compacted {@code applications} topic (key applicationId) and held in memory
 * ({@link CompactedTopicView}): read whole at start, then followed, so that a decision taken through another API
 * instance counts here within a second. Only the API writes the topic (an ACL keeps it so, docs/SECURITY.md);
 * match-streams reads it.
 */
@Singleton
@Bean(typed = ApplicationStore.class)
public class KafkaApplicationStore implements ApplicationStore {

    private final CompactedTopicView<Application> applications;

    /** {@code topicsCreatedFirst} is asked for only so that, when this service creates topics, it does so first. */
    public KafkaApplicationStore(KafkaClientSettings settings, @Nullable TopicSetup topicsCreatedFirst,
                                 @Value("${vitalink.applications.load-timeout:60s}") Duration loadTimeout, ApiMetrics metrics) {
        this.applications = new CompactedTopicView<>(new CompactedTopicView.Spec<>(Topics.APPLICATIONS.name(),
                Codecs.APPLICATION, "vitalink-api-applications", null, ErrorCode.APPLICATION_STORE_UNAVAILABLE, null),
                settings, loadTimeout, metrics);
    }

    @Override
    public Optional<Application> find(String applicationId) {
        return applications.find(applicationId);
    }

    @Override
    public Collection<Application> all() {
        return applications.all();
    }

    @Override
    public void save(Application application) {
        applications.write(application.getApplicationId(), application);
    }

    @PreDestroy
    public void close() {
        applications.close();
    }
}
