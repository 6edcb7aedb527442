package io.vitalink.api.auth;

import com.google.crypto.tink.subtle.Hkdf;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;

/**
 * The token signing secret and lifetimes. There is no built-in or generated secret: the service refuses to
 * start without one, because a generated secret would differ between instances and restarts (tokens would
 * fail at random) and a built-in one would be public.
 */
@Singleton
public class JwtSettings {

    /** HS256 needs a key of at least 256 bits. */
    static final int MIN_SECRET_BYTES = 32;

    private final byte[] secret;
    private final Duration accessTokenLifetime;
    private final Duration refreshTokenLifetime;
    private final Duration sessionMaxAge;

    public JwtSettings(@Value("${vitalink.security.jwt.secret:}") String secret,
                       @Value("${vitalink.security.jwt.access-token-lifetime:15m}") Duration accessTokenLifetime,
                       @Value("${vitalink.security.jwt.refresh-token-lifetime:8h}") Duration refreshTokenLifetime,
                       @Value("${vitalink.security.jwt.session-max-age:12h}") Duration sessionMaxAge) {
        if (secret == null || secret.isBlank()) {
            throw new ConfigurationException("No token signing secret: set VITALINK_JWT_SECRET (vitalink.security.jwt.secret) "
                    + "to a random string of at least " + MIN_SECRET_BYTES + " bytes, e.g. the output of 'openssl rand -base64 48'");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        if (this.secret.length < MIN_SECRET_BYTES) {
            throw new ConfigurationException("The token signing secret (VITALINK_JWT_SECRET) is shorter than "
                    + MIN_SECRET_BYTES + " bytes");
        }
        if (accessTokenLifetime.isNegative() || accessTokenLifetime.isZero()
                || refreshTokenLifetime.compareTo(accessTokenLifetime) < 0) {
            throw new ConfigurationException("Token lifetimes must be positive, the refresh token's at least the access token's");
        }
        this.accessTokenLifetime = accessTokenLifetime;
        this.refreshTokenLifetime = refreshTokenLifetime;
        if (sessionMaxAge.isNegative() || sessionMaxAge.isZero()) {
            throw new ConfigurationException("The maximum session age (vitalink.security.jwt.session-max-age) must be positive");
        }
        this.sessionMaxAge = sessionMaxAge;
    }

    /** No token of a session is valid past this age of its password login, however often it was refreshed. */
    public Duration sessionMaxAge() {
        return sessionMaxAge;
    }

    byte[] secret() {
        return secret.clone();
    }

    /**
     * A key of its own for another secret the API instances share ({@code purpose} names it), derived from the signing
     * secret with HKDF-SHA256, so that a deployment provides one secret and no key serves two purposes.
     */
    public byte[] derivedKey(String purpose) {
        try {
            return Hkdf.computeHkdf("HMACSHA256", secret, new byte[0], purpose.getBytes(StandardCharsets.UTF_8), 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HKDF-SHA256 is not available", e);
        }
    }

    public Duration accessTokenLifetime() {
        return accessTokenLifetime;
    }

    public Duration refreshTokenLifetime() {
        return refreshTokenLifetime;
    }
}
