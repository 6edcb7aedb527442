package io.vitalink.api.config;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.vitalink.api.auth.JwtSettings;
import io.vitalink.api.kafka.CompactedTopicView;
import io.vitalink.api.kafka.KafkaClientSettings;
import io.vitalink.api.kafka.RecordMac;
import io.vitalink.api.kafka.TopicSetup;
import io.vitalink.api.metrics.ApiMetrics;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.avro.SystemConfig;
import io.vitalink.config.SystemConfigKeys;
import io.vitalink.serde.Codecs;
import io.vitalink.topic.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The run-time settings in the compacted {@code system-config} topic, held in memory ({@link CompactedTopicView}):
 * key {@code current} is what every instance applies; each version is also kept under its own key, so the history
 * survives compaction. Records carry a MAC only the API instances can make; others are refused.
 */
@Singleton
@Bean(typed = {ConfigStore.class, RuntimeSettings.class})
public class KafkaConfigStore implements ConfigStore {

    static final String MAC_HEADER = "vitalink-config-mac";
    static final String MAC_PURPOSE = "vitalink system-config topic record MAC v1";

    private final CompactedTopicView<SystemConfig> versions;

    /** {@code topicsCreatedFirst} is asked for only so that, when this service creates topics, it does so first. */
    public KafkaConfigStore(KafkaClientSettings settings, @Nullable TopicSetup topicsCreatedFirst,
                            @Value("${vitalink.users.load-timeout:60s}") Duration loadTimeout, ApiMetrics metrics, JwtSettings jwt) {
        this.versions = new CompactedTopicView<>(new CompactedTopicView.Spec<>(Topics.SYSTEM_CONFIG.name(), Codecs.SYSTEM_CONFIG,
                "vitalink-api-config", RecordMac.keyed(MAC_HEADER, jwt.derivedKey(MAC_PURPOSE)),
                ErrorCode.CONFIG_STORE_UNAVAILABLE, metrics::configRecordRefused), settings, loadTimeout, metrics);
    }

    @Override
    public Optional<SystemConfig> current() {
        return versions.find(SystemConfigKeys.CURRENT);
    }

    @Override
    public List<SystemConfig> history() {
        // the current version is there twice: under its own key and as current
        return versions.all().stream()
                .collect(java.util.stream.Collectors.toMap(SystemConfig::getVersion, c -> c, (a, b) -> a))
                .values().stream().sorted(Comparator.comparingLong(SystemConfig::getVersion).reversed()).toList();
    }

    @Override
    public void onChange(Runnable listener) {
        versions.onChange((key, value) -> {
            if (SystemConfigKeys.CURRENT.equals(key)) {
                listener.run();
            }
        });
    }

    @Override
    public void publish(SystemConfig next) {
        // the version first: a crash between the two writes leaves a version that never took effect, not an effect
        // without its record
        versions.write(SystemConfigKeys.versionKey(next.getVersion()), next);
        versions.write(SystemConfigKeys.CURRENT, next);
    }

    @PreDestroy
    public void close() {
        versions.close();
    }
}
