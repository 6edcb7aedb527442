package io.vitalink.api.user;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.vitalink.avro.User;
import java.time.Instant;
import java.util.List;

/** A user as the API shows it: never the password hash. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UserView(String username, String displayName, String organisation, List<String> roles, boolean enabled,
                       boolean locked, String lockedUntil, String createdAt, String updatedAt) {

    public static UserView of(User u) {
        Instant now = Instant.now();
        boolean locked = u.getLockedUntil() != null && u.getLockedUntil().isAfter(now);
        return new UserView(u.getUsername(), u.getDisplayName(), u.getOrganisation(), u.getRoles().stream().sorted().toList(),
                u.getEnabled(), locked, locked ? u.getLockedUntil().toString() : null, u.getCreatedAt().toString(),
                u.getUpdatedAt().toString());
    }
}
