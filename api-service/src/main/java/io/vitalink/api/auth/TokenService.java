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
import io.vitalink.avro.Session;
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
    /** The session (one password login) a token belongs to. */
    public static final String SESSION_CLAIM = "sid";
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

    /** A verified refresh token: whose it is, when it was issued, its session and its own id. */
    public record RefreshClaims(String username, long issuedAtMillis, String sessionId, String tokenId) {
    }

    /** Tokens of {@code session}, whose current refresh id the refresh token carries; none outlives the session. */
    public Tokens issue(User user, Session session) {
        long now = System.currentTimeMillis();
        long sessionLeft = Math.max(1, (session.getStartedAt().toEpochMilli() + settings.sessionMaxAge().toMillis() - now) / 1000);
        Authentication authentication = Authentication.build(user.getUsername(), List.copyOf(user.getRoles()),
                Map.of(Caller.ORGANISATION_CLAIM, user.getOrganisation(), ISSUED_AT_MS_CLAIM, now,
                        SESSION_CLAIM, session.getId()));
        long accessSeconds = Math.min(settings.accessTokenLifetime().toSeconds(), sessionLeft);
        String access = generator.generateToken(authentication, Math.toIntExact(accessSeconds))
                .orElseThrow(() -> new IllegalStateException("the access token could not be signed"));
        long refreshSeconds = Math.min(settings.refreshTokenLifetime().toSeconds(), sessionLeft);
        JWTClaimsSet refresh = new JWTClaimsSet.Builder()
                .subject(user.getUsername())
                .issueTime(new Date(now))
                .expirationTime(new Date(now + refreshSeconds * 1000))
                .jwtID(session.getRefreshId())
                .claim(SESSION_CLAIM, session.getId())
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
                    || !(issuedAt instanceof Number) || !(claims.getClaim(SESSION_CLAIM) instanceof String session)
                    || claims.getJWTID() == null) {
                throw invalidRefresh();
            }
            if (claims.getExpirationTime() == null || !claims.getExpirationTime().after(new Date())) {
                throw new ApiException(ErrorCode.INVALID_REFRESH_TOKEN, "The refresh token has expired: log in again");
            }
            return new RefreshClaims(claims.getSubject(), ((Number) issuedAt).longValue(),
                    (String) claims.getClaim(SESSION_CLAIM), claims.getJWTID());
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
