package io.vitalink.api.user;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Body of PUT /api/v1/users/{username}: fields left out (or null) keep their value. */
@Serdeable
public record UserUpdate(@Nullable String displayName, @Nullable String organisation, @Nullable List<String> roles,
                         @Nullable Boolean enabled) {
}
