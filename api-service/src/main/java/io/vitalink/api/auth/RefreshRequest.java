package io.vitalink.api.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Body of POST /api/v1/token/refresh, named as in OAuth 2. */
@Serdeable
public record RefreshRequest(@Nullable @JsonProperty("refresh_token") String refreshToken) {

    @Override
    public String toString() {
        return "RefreshRequest[]"; // never the token
    }
}
