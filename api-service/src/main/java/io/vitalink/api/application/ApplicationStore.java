package io.vitalink.api.application;

import io.vitalink.avro.Application;
import java.util.Collection;
import java.util.Optional;

/** Data-use applications by id. Writes are durable when they return and visible to {@link #find} at once. */
public interface ApplicationStore {

    Optional<Application> find(String applicationId);

    Collection<Application> all();

    /** Creates or replaces the application. @throws io.vitalink.api.problem.ApiException VL-1605 when it cannot be stored */
    void save(Application application);
}
