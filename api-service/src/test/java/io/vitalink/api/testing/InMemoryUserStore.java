package io.vitalink.api.testing;

import io.micronaut.context.annotation.Replaces;
import io.vitalink.api.user.UserStore;
import io.vitalink.avro.User;
import io.vitalink.serde.Codecs;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The users store of every api-service test: no Kafka. Values are copied, as a topic would. */
@Singleton
@Replaces(UserStore.class)
public class InMemoryUserStore implements UserStore {

    static {
        // copying a user builds its sessions through Avro, which trusts our generated classes once the codecs are loaded
        Codecs.USER.getClass();
    }

    private final Map<String, User> users = new ConcurrentHashMap<>();

    @Override
    public Optional<User> find(String username) {
        return Optional.ofNullable(username == null ? null : users.get(username)).map(u -> User.newBuilder(u).build());
    }

    @Override
    public Collection<User> all() {
        return List.copyOf(users.values());
    }

    @Override
    public void save(User user) {
        users.put(user.getUsername(), User.newBuilder(user).build());
    }

    @Override
    public void delete(String username) {
        users.remove(username);
    }
}
