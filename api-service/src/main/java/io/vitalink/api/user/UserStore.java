package io.vitalink.api.user;

import io.vitalink.avro.User;
import java.util.Collection;
import java.util.Optional;

/** Users by username. Writes are durable when they return and visible to {@link #find} at once. */
public interface UserStore {

    Optional<User> find(String username);

    Collection<User> all();

    /** Creates or replaces the user. @throws io.vitalink.api.problem.ApiException VL-1118 when it cannot be stored */
    void save(User user);

    /** @throws io.vitalink.api.problem.ApiException VL-1118 when it cannot be stored */
    void delete(String username);
}
