package io.vitalink.api.auth;

import io.micronaut.http.HttpRequest;
import java.util.Optional;

/**
 * Why a correctly signed access token was not accepted. Noted on the request by {@link AccessTokenClaimsValidator}
 * so that the 401 answer can say "expired" or "revoked" rather than only "not valid".
 */
public enum TokenFailure {
    EXPIRED,
    REVOKED;

    static final String ATTRIBUTE = "vitalink.auth.token-failure";

    void noteOn(HttpRequest<?> request) {
        if (request != null) {
            request.setAttribute(ATTRIBUTE, this);
        }
    }

    public static Optional<TokenFailure> of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, TokenFailure.class);
    }
}
