package io.vitalink.api.testing;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Replaces;
import io.vitalink.api.config.ConfigStore;
import io.vitalink.api.config.KafkaConfigStore;
import io.vitalink.api.config.RuntimeSettings;
import io.vitalink.avro.SystemConfig;
import io.vitalink.serde.Codecs;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The configuration store of every api-service test: no Kafka. Values are copied, as a topic would. */
@Singleton
@Replaces(KafkaConfigStore.class)
@Bean(typed = {ConfigStore.class, RuntimeSettings.class, InMemoryConfigStore.class})
public class InMemoryConfigStore implements ConfigStore {

    private final List<SystemConfig> versions = new ArrayList<>();
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public synchronized Optional<SystemConfig> current() {
        return versions.stream().max(Comparator.comparingLong(SystemConfig::getVersion)).map(InMemoryConfigStore::copy);
    }

    @Override
    public synchronized List<SystemConfig> history() {
        return versions.stream().sorted(Comparator.comparingLong(SystemConfig::getVersion).reversed()).map(InMemoryConfigStore::copy).toList();
    }

    @Override
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void publish(SystemConfig next) {
        synchronized (this) {
            versions.add(copy(next));
        }
        listeners.forEach(Runnable::run);
    }

    public synchronized void clear() {
        versions.clear();
    }

    private static SystemConfig copy(SystemConfig c) {
        return Codecs.SYSTEM_CONFIG.decode(Codecs.SYSTEM_CONFIG.encode(c));
    }
}
