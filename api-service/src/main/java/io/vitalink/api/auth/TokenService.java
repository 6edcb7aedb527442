package io.vitalink.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.avro.User;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues access tokens (Micronaut's JWT generator: sub, roles, organisation, iat, exp, jti) and refresh tokens.
 * Refresh tokens are JWTs too, but signed with a key derived from the secret, so one is never accepted as an
 * access token nor the other way round; they are not stored: revocation works through the user's
 * {@code tokensValidAfter} as for access tokens.
 */
@Singleton
public class TokenService {

    /** Issue time in milliseconds: {@code iat} has whole seconds only, too coarse to compare with a revocation. */
    public static final String ISSUED_AT_MS_CLAIM = "vl_iat";
    private static final String TOKEN_USE_CLAIM = "token_use";
    private static final String REFRESH = "refresh";

    private final TokenGenerator generator;
    private final JwtSettings settings;
    private final byte[] refreshKey;

    public TokenService(TokenGenerator generator, JwtSettings settings) {
        this.generator = generator;
        this.settings = settings;
        this.refreshKey = derive(settings.secret(), "vitalink refresh token v1");
    }

    public record Tokens(String accessToken, long expiresInSeconds, String refreshToken, long refreshExpiresInSeconds) {
    }

    /** A verified refresh token: whose it is and when it was issued. */
    public record RefreshClaims(String username, long issuedAtMillis) {
    }

    public Tokens issue(User user) {
        long now = System.currentTimeMillis();
        Authentication authentication = Authentication.build(user.getUsername(), List.copyOf(user.getRoles()),
                Map.of(Caller.ORGANISATION_CLAIM, user.getOrganisation(), ISSUED_AT_MS_CLAIM, now));
        long accessSeconds = settings.accessTokenLifetime().toSeconds();
        String access = generator.generateToken(authentication, Math.toIntExact(accessSeconds))
                .orElseThrow(() -> new IllegalStateException("the access token could not be signed"));
        long refreshSeconds = settings.refreshTokenLifetime().toSeconds();
        JWTClaimsSet refresh = new JWTClaimsSet.Builder()
                .subject(user.getUsername())
                .issueTime(new Date(now))
                .expirationTime(new Date(now + refreshSeconds * 1000))
                .jwtID(UUID.randomUUID().toString())
                .claim(TOKEN_USE_CLAIM, REFRESH)
                .claim(ISSUED_AT_MS_CLAIM, now)
                .build();
        SignedJWT signed = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), refresh);
        try {
            signed.sign(new MACSigner(refreshKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("the refresh token could not be signed", e);
        }
        return new Tokens(access, accessSeconds, signed.serialize(), refreshSeconds);
    }

    /**
     * Checks signature, type and expiry of a refresh token; the caller still checks the user.
     *
     * @throws ApiException VL-1115 when the token is malformed, forged, of another kind or expired
     */
    public RefreshClaims verifyRefresh(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Object issuedAt = claims.getClaim(ISSUED_AT_MS_CLAIM);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(refreshKey))
                    || !REFRESH.equals(claims.getClaim(TOKEN_USE_CLAIM)) || claims.getSubject() == null
                    || !(issuedAt instanceof Number)) {
                throw invalidRefresh();
            }
            if (claims.getExpirationTime() == null || !claims.getExpirationTime().after(new Date())) {
                throw new ApiException(ErrorCode.INVALID_REFRESH_TOKEN, "The refresh token has expired: log in again");
            }
            return new RefreshClaims(claims.getSubject(), ((Number) issuedAt).longValue());
        } catch (ParseException | JOSEException | RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            throw invalidRefresh();
        }
    }

    private static ApiException invalidRefresh() {
        return new ApiException(ErrorCode.INVALID_REFRESH_TOKEN, "The refresh token is not valid");
    }

    private static byte[] derive(byte[] secret, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
