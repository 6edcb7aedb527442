package io.vitalink.api.auth;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.DefaultJwtAuthenticationFactory;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import io.vitalink.api.user.Sessions;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.util.Map;
import java.util.Optional;

/**
 * The caller of a request with a valid access token, as the user store has them now: roles and organisation come
 * from the stored user on every request, never from the token's claims, so that what a token says can never grant
 * more than the user holds (a change of either also revokes the user's tokens; this holds even if it did not).
 */
@Singleton
@Replaces(DefaultJwtAuthenticationFactory.class)
public class UserStoreAuthenticationFactory implements JwtAuthenticationFactory {

    private final Sessions sessions;

    public UserStoreAuthenticationFactory(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Optional<Authentication> createAuthentication(JWT token) {
        JWTClaimsSet claims;
        try {
            claims = token.getJWTClaimsSet();
        } catch (ParseException e) {
            return Optional.empty();
        }
        if (claims.getSubject() == null || !(claims.getClaim(TokenService.ISSUED_AT_MS_CLAIM) instanceof Number issuedAt)
                || !(claims.getClaim(TokenService.SESSION_CLAIM) instanceof String session)) {
            return Optional.empty();
        }
        return sessions.activeUser(claims.getSubject(), issuedAt.longValue(), session).map(user -> Authentication.build(
                user.getUsername(), user.getRoles(),
                Map.of(Caller.ORGANISATION_CLAIM, user.getOrganisation(), TokenService.SESSION_CLAIM, session)));
    }
}
