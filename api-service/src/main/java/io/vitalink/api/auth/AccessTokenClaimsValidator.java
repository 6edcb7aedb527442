package io.vitalink.api.auth;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import io.vitalink.api.user.Sessions;
import jakarta.inject.Singleton;
import java.util.Date;

/**
 * Runs on every request with a correctly signed access token: the token must not have expired, and its user
 * must still exist, be enabled, and not have had its tokens revoked since the token was issued (password,
 * roles or organisation changed, disabled), and the token's session must still be open (no logout, no reused
 * refresh token, not past its maximum age). A refused token makes the request anonymous; the reason is noted
 * for the 401 answer.
 */
@Singleton
public class AccessTokenClaimsValidator implements GenericJwtClaimsValidator<HttpRequest<?>>, Ordered {

    private final Sessions sessions;

    public AccessTokenClaimsValidator(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public boolean validate(@NonNull Claims claims, @Nullable HttpRequest<?> request) {
        if (!(claims.get(Claims.EXPIRATION_TIME) instanceof Date expiry)) {
            return false; // every token we issue expires
        }
        if (!expiry.after(new Date())) {
            TokenFailure.EXPIRED.noteOn(request);
            return false;
        }
        if (!(claims.get(Claims.SUBJECT) instanceof String username)
                || !(claims.get(TokenService.ISSUED_AT_MS_CLAIM) instanceof Number issuedAt)) {
            return false;
        }
        if (!(claims.get(TokenService.SESSION_CLAIM) instanceof String session)
                || sessions.activeUser(username, issuedAt.longValue(), session).isEmpty()) {
            TokenFailure.REVOKED.noteOn(request);
            return false;
        }
        return true;
    }

    /** Before Micronaut's own claim checks, so that an expired token is reported as such. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
