package io.vitalink.api.user;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Body of PUT /api/v1/users/{username}/password; {@code currentPassword} is required when changing one's own. */
@Serdeable
public record PasswordChange(@Nullable String currentPassword, @Nullable String newPassword) {

    @Override
    public String toString() {
        return "PasswordChange[]"; // never a password
    }
}
