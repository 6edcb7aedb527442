package io.vitalink.api.user;

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
import io.vitalink.avro.User;
import io.vitalink.serde.Codecs;
import io.vitalink.topic.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/**
 * Users kept in the compacted {@code users} topic (key username, tombstone = deleted) and held in memory
 * ({@link CompactedTopicView}): the whole topic is read while the service starts (created then through
 * {@link BootstrapAdmin}), then followed, so that changes made by another API instance show up here. Every record
 * carries a MAC under a key only the API holds; one without a valid MAC is refused, never applied.
 */
@Singleton
@Bean(typed = UserStore.class)
public class KafkaUserStore implements UserStore {

    /** The Kafka header that carries the MAC. */
    static final String MAC_HEADER = "vitalink-user-mac";
    /** Names the derived key, so that it can be nothing but this. */
    static final String MAC_PURPOSE = "vitalink users topic record MAC v1";

    private final CompactedTopicView<User> users;

    /** {@code topicsCreatedFirst} is asked for only so that, when this service creates topics, it does so first. */
    public KafkaUserStore(KafkaClientSettings settings, @Nullable TopicSetup topicsCreatedFirst,
                          @Value("${vitalink.users.load-timeout:60s}") Duration loadTimeout, ApiMetrics metrics,
                          JwtSettings jwt) {
        this.users = new CompactedTopicView<>(new CompactedTopicView.Spec<>(Topics.USERS.name(), Codecs.USER, "vitalink-api-users",
                RecordMac.keyed(MAC_HEADER, jwt.derivedKey(MAC_PURPOSE)), ErrorCode.USER_STORE_UNAVAILABLE, metrics::userRecordRefused),
                settings, loadTimeout, metrics);
    }

    @Override
    public Optional<User> find(String username) {
        return users.find(username);
    }

    @Override
    public Collection<User> all() {
        return users.all();
    }

    @Override
    public void save(User user) {
        users.write(user.getUsername(), user);
    }

    @Override
    public void delete(String username) {
        users.write(username, null);
    }

    @PreDestroy
    public void close() {
        users.close();
    }
}
