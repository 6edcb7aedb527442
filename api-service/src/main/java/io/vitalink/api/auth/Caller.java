package io.vitalink.api.auth;

import io.micronaut.security.authentication.Authentication;
import java.util.Collection;
import java.util.Set;

/** Who makes a request: the token's user, organisation and roles, and the client address. No HTTP types. */
public record Caller(String username, String organisation, Set<String> roles, String sourceIp) {

    /** Claim of the access token that carries the user's organisation. */
    public static final String ORGANISATION_CLAIM = "organisation";

    /** The caller of an authenticated request. */
    public static Caller of(Authentication authentication, String sourceIp) {
        Object organisation = authentication.getAttributes().get(ORGANISATION_CLAIM);
        Collection<String> roles = authentication.getRoles();
        return new Caller(authentication.getName(), organisation == null ? null : organisation.toString(),
                Set.copyOf(roles), sourceIp);
    }

    /** The service itself, e.g. for the bootstrap administrator. */
    public static Caller system(String name) {
        return new Caller(name, null, Set.of(), null);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }
}
