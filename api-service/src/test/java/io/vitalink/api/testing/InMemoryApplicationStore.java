package io.vitalink.api.testing;

import io.micronaut.context.annotation.Replaces;
import io.vitalink.api.application.ApplicationStore;
import io.vitalink.avro.Application;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The applications store of every api-service test: no Kafka. Values are copied, as a topic would. */
@Singleton
@Replaces(ApplicationStore.class)
public class InMemoryApplicationStore implements ApplicationStore {

    private final Map<String, Application> applications = new ConcurrentHashMap<>();

    @Override
    public Optional<Application> find(String applicationId) {
        return Optional.ofNullable(applicationId == null ? null : applications.get(applicationId))
                .map(a -> Application.newBuilder(a).build());
    }

    @Override
    public Collection<Application> all() {
        return List.copyOf(applications.values());
    }

    @Override
    public void save(Application application) {
        applications.put(application.getApplicationId(), Application.newBuilder(application).build());
    }

    /** Forgets every application, between tests. */
    public void clear() {
        applications.clear();
    }
}
