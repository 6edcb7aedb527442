package io.vitalink.api.user;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Body of POST /api/v1/users. {@code enabled} defaults to true. */
@Serdeable
public record NewUser(@Nullable String username, @Nullable String displayName, @Nullable String organisation,
                      @Nullable List<String> roles, @Nullable Boolean enabled, @Nullable String password) {

    @Override
    public String toString() {
        return "NewUser[username=" + username + ", organisation=" + organisation + ", roles=" + roles + "]"; // never the password
    }
}
