package io.vitalink.api.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Body of POST /api/v1/login. */
@Serdeable
public record LoginRequest(@Nullable String username, @Nullable String password) {

    @Override
    public String toString() {
        return "LoginRequest[username=" + username + "]"; // never the password
    }
}
