package io.vitalink.api.auth;

import io.vitalink.api.testing.InMemoryApplicationStore;
import io.vitalink.api.testing.TestApplications;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vitalink.api.testing.Http;
import io.vitalink.api.testing.InMemoryUserStore;
import io.vitalink.api.testing.TestUsers;
import io.vitalink.api.user.UserService;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Login, refresh and the bearer token check on every request. */
@MicronautTest
@Property(name = "vitalink.security.login.max-failures-per-address", value = "1000")
class AuthenticationTest {

    private static final String STATUS = "/api/v1/jobs/00000000-0000-0000-0000-000000000000";

    @Inject
    EmbeddedServer server;
    @Inject
    UserService users;
    @Inject
    InMemoryApplicationStore applicationStore;
    @Inject
    InMemoryUserStore store;

    Http http;

    @BeforeEach
    void setUp() {
        TestUsers.createStandard(users);
        TestApplications.approveStandard(applicationStore);
        http = new Http(URI.create(server.getURL().toString()));
    }

    @Test
    void loginAnswersSignedAccessAndRefreshTokensWithTheUsersRolesAndOrganisation() throws Exception {
        HttpResponse<String> response = http.login(TestUsers.SUBMITTER_A, TestUsers.PASSWORD);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = Http.json(response);
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(900);
        assertThat(body.path("refresh_expires_in").asLong()).isEqualTo(8 * 3600);
        assertThat(body.path("organisation").asText()).isEqualTo(TestUsers.CENTRE_A);
        SignedJWT access = SignedJWT.parse(body.path("access_token").asText());
        assertThat(access.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(access.getJWTClaimsSet().getSubject()).isEqualTo(TestUsers.SUBMITTER_A);
        assertThat(access.getJWTClaimsSet().getStringListClaim("roles")).containsExactly(Roles.SUBMITTER);
        assertThat(access.getJWTClaimsSet().getStringClaim("organisation")).isEqualTo(TestUsers.CENTRE_A);
        assertThat(body.path("refresh_token").asText()).isNotEqualTo(body.path("access_token").asText());
        // a job of nobody's is simply not found: the token was accepted
        assertThat(http.get(STATUS, body.path("access_token").asText()).statusCode()).isEqualTo(404);
    }

    @Test
    void usernamesAreCaseInsensitive() {
        assertThat(http.login("Submitter-A", TestUsers.PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void noTokenIs401WithVl1101AndABearerChallenge() {
        HttpResponse<String> response = http.get(STATUS, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
        assertThat(Http.code(response)).isEqualTo("VL-1101");
    }

    @Test
    void malformedTamperedForeignAndUnsignedTokensAre401WithVl1101() throws Exception {
        String valid = http.token(TestUsers.AUDITOR, TestUsers.PASSWORD);
        String[] parts = valid.split("\\.");
        JsonNode claims = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        ((com.fasterxml.jackson.databind.node.ObjectNode) claims).putArray("roles").add(Roles.ADMIN);
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String foreign = sign(claims(TestUsers.ADMIN, Instant.now().plusSeconds(600)), "another-secret-that-is-32-bytes-long-xxxxxx");
        String unsigned = new PlainJWT(claims(TestUsers.ADMIN, Instant.now().plusSeconds(600))).serialize();

        for (String token : List.of("not-a-jwt", tampered, foreign, unsigned)) {
            HttpResponse<String> response = http.get("/api/v1/users", token);
            assertThat(response.statusCode()).as(token).isEqualTo(401);
            assertThat(Http.code(response)).isEqualTo("VL-1101");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).contains("invalid_token"));
        }
    }

    @Test
    void expiredTokenIs401WithVl1102() throws Exception {
        String expired = sign(claims(TestUsers.SUBMITTER_A, Instant.now().minusSeconds(5)), TestUsers.SECRET);

        HttpResponse<String> response = http.get(STATUS, expired);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Http.code(response)).isEqualTo("VL-1102");
    }

    @Test
    void aHandMadeTokenWithTheRightSecretIsAccepted() throws Exception {
        // the control for the two tests above: only expiry or signature made the difference
        String issued = Http.json(http.login(TestUsers.SUBMITTER_A, TestUsers.PASSWORD)).path("access_token").asText();
        String session = com.nimbusds.jwt.SignedJWT.parse(issued).getJWTClaimsSet().getStringClaim(TokenService.SESSION_CLAIM);
        JWTClaimsSet inSession = new JWTClaimsSet.Builder(claims(TestUsers.SUBMITTER_A, Instant.now().plusSeconds(60)))
                .claim(TokenService.SESSION_CLAIM, session).build();

        assertThat(http.get(STATUS, sign(inSession, TestUsers.SECRET)).statusCode()).isEqualTo(404);
        assertThat(Http.code(http.get(STATUS, sign(claims(TestUsers.SUBMITTER_A, Instant.now().plusSeconds(60)),
                TestUsers.SECRET)))).as("no open session").isEqualTo("VL-1111");
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameVl1105() {
        HttpResponse<String> wrong = http.login(TestUsers.SUBMITTER_B, "not the password at all");
        HttpResponse<String> unknown = http.login("nobody", TestUsers.PASSWORD);

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(Http.code(wrong)).isEqualTo("VL-1105");
        assertThat(Http.json(unknown).path("detail").asText()).isEqualTo(Http.json(wrong).path("detail").asText());
    }

    @Test
    void accountIsLockedAfterFiveFailuresEvenForTheRightPasswordUntilAnAdminResetsIt() {
        TestUsers.create(users, "careless", TestUsers.CENTRE_A, Roles.SUBMITTER);
        for (int i = 1; i <= 4; i++) {
            assertThat(Http.code(http.login("careless", "wrong password " + i))).isEqualTo("VL-1105");
        }

        HttpResponse<String> fifth = http.login("careless", "wrong password 5");
        HttpResponse<String> right = http.login("careless", TestUsers.PASSWORD);

        assertThat(fifth.statusCode()).isEqualTo(423);
        assertThat(Http.code(fifth)).isEqualTo("VL-1106");
        assertThat(Http.code(right)).isEqualTo("VL-1106");
        assertThat(right.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isBetween(1L, 900L));
        assertThat(store.find("careless")).hasValueSatisfying(u -> assertThat(u.getLockedUntil()).isAfter(Instant.now()));

        String admin = http.token(TestUsers.ADMIN, TestUsers.PASSWORD);
        HttpResponse<String> reset = http.send("PUT", "/api/v1/users/careless/password", admin, "application/json",
                Http.json(Map.of("newPassword", "a brand new password")));
        assertThat(reset.statusCode()).isEqualTo(204);
        assertThat(http.login("careless", "a brand new password").statusCode()).isEqualTo(200);
    }

    @Test
    void disabledAccountCannotLogInAndItsTokensAreRevoked() {
        TestUsers.create(users, "leaver", TestUsers.CENTRE_A, Roles.SUBMITTER);
        String before = http.token("leaver", TestUsers.PASSWORD);
        String admin = http.token(TestUsers.ADMIN, TestUsers.PASSWORD);

        assertThat(http.send("PUT", "/api/v1/users/leaver", admin, "application/json", "{\"enabled\":false}").statusCode()).isEqualTo(200);

        HttpResponse<String> login = http.login("leaver", TestUsers.PASSWORD);
        assertThat(login.statusCode()).isEqualTo(401);
        assertThat(Http.code(login)).isEqualTo("VL-1112");
        HttpResponse<String> old = http.get(STATUS, before);
        assertThat(old.statusCode()).isEqualTo(401);
        assertThat(Http.code(old)).isEqualTo("VL-1111");
    }

    @Test
    void deletedUsersTokenIsRefusedWithVl1111() {
        TestUsers.create(users, "temporary", TestUsers.CENTRE_A, Roles.SUBMITTER);
        String token = http.token("temporary", TestUsers.PASSWORD);
        assertThat(http.get(STATUS, token).statusCode()).isEqualTo(404);
        String admin = http.token(TestUsers.ADMIN, TestUsers.PASSWORD);

        assertThat(http.send("DELETE", "/api/v1/users/temporary", admin, null, null).statusCode()).isEqualTo(204);

        HttpResponse<String> response = http.get(STATUS, token);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Http.code(response)).isEqualTo("VL-1111");
    }

    @Test
    void changingTheOwnPasswordRevokesEarlierTokensAndRefreshTokens() {
        TestUsers.create(users, "rotator", TestUsers.CENTRE_A, Roles.SUBMITTER);
        JsonNode first = Http.json(http.login("rotator", TestUsers.PASSWORD));
        String oldToken = first.path("access_token").asText();

        HttpResponse<String> change = http.send("PUT", "/api/v1/users/rotator/password", oldToken, "application/json",
                Http.json(Map.of("currentPassword", TestUsers.PASSWORD, "newPassword", "rotated password 2026")));

        assertThat(change.statusCode()).isEqualTo(204);
        assertThat(Http.code(http.get(STATUS, oldToken))).isEqualTo("VL-1111");
        assertThat(Http.code(refresh(first.path("refresh_token").asText()))).isEqualTo("VL-1115");
        assertThat(Http.code(http.login("rotator", TestUsers.PASSWORD))).isEqualTo("VL-1105");
        assertThat(http.get(STATUS, http.token("rotator", "rotated password 2026")).statusCode()).isEqualTo(404);
    }

    @Test
    void refreshTokenGivesNewTokensButIsNeverAnAccessTokenNorTheOtherWayRound() {
        JsonNode login = Http.json(http.login(TestUsers.SUBMITTER_A, TestUsers.PASSWORD));
        String refreshToken = login.path("refresh_token").asText();

        HttpResponse<String> refreshed = refresh(refreshToken);
        HttpResponse<String> refreshAsBearer = http.get(STATUS, refreshToken);
        HttpResponse<String> accessAsRefresh = refresh(login.path("access_token").asText());
        HttpResponse<String> garbage = refresh("garbage");

        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(http.get(STATUS, Http.json(refreshed).path("access_token").asText()).statusCode()).isEqualTo(404);
        assertThat(refreshAsBearer.statusCode()).isEqualTo(401);
        assertThat(Http.code(refreshAsBearer)).isEqualTo("VL-1101");
        assertThat(Http.code(accessAsRefresh)).isEqualTo("VL-1115");
        assertThat(Http.code(garbage)).isEqualTo("VL-1115");
    }

    @Test
    void eachRefreshRotatesTheRefreshTokenAndPresentingARotatedOneEndsTheSession() {
        JsonNode login = Http.json(http.login(TestUsers.SUBMITTER_B, TestUsers.PASSWORD));
        String first = login.path("refresh_token").asText();
        JsonNode second = Http.json(refresh(first));
        String access = second.path("access_token").asText();
        assertThat(http.get(STATUS, access).statusCode()).isEqualTo(404);

        // the first refresh token again, as a thief holding a copy would send it
        HttpResponse<String> reused = refresh(first);

        assertThat(reused.statusCode()).isEqualTo(401);
        assertThat(Http.code(reused)).isEqualTo("VL-1115");
        assertThat(Http.code(refresh(second.path("refresh_token").asText()))).as("the session is ended").isEqualTo("VL-1115");
        assertThat(Http.code(http.get(STATUS, access))).isEqualTo("VL-1111");
        assertThat(Http.code(http.get(STATUS, login.path("access_token").asText()))).isEqualTo("VL-1111");
        assertThat(http.get(STATUS, http.token(TestUsers.SUBMITTER_B, TestUsers.PASSWORD)).statusCode())
                .as("a new login opens a new session").isEqualTo(404);
    }

    @Test
    void logoutEndsOnlyItsOwnSessionAtOnce() {
        JsonNode kept = Http.json(http.login(TestUsers.AUDITOR, TestUsers.PASSWORD));
        JsonNode ended = Http.json(http.login(TestUsers.AUDITOR, TestUsers.PASSWORD));
        String access = ended.path("access_token").asText();

        assertThat(http.send("POST", "/api/v1/logout", access, null, null).statusCode()).isEqualTo(204);

        assertThat(Http.code(http.get(STATUS, access))).isEqualTo("VL-1111");
        assertThat(Http.code(refresh(ended.path("refresh_token").asText()))).isEqualTo("VL-1115");
        assertThat(http.get(STATUS, kept.path("access_token").asText()).statusCode()).isEqualTo(404);
        assertThat(refresh(kept.path("refresh_token").asText()).statusCode()).isEqualTo(200);
        assertThat(http.send("POST", "/api/v1/logout", null, null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void passwordsAreStoredAsArgon2idHashesAndNeverShown() {
        String admin = http.token(TestUsers.ADMIN, TestUsers.PASSWORD);

        HttpResponse<String> listed = http.get("/api/v1/users", admin);

        assertThat(store.all()).allSatisfy(u -> {
            assertThat(u.getPasswordHash()).startsWith("$argon2id$v=19$").doesNotContain(TestUsers.PASSWORD);
        });
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain("argon2", "passwordHash", TestUsers.PASSWORD);
    }

    private HttpResponse<String> refresh(String token) {
        return http.send("POST", "/api/v1/token/refresh", null, "application/json", Http.json(Map.of("refresh_token", token)));
    }

    private static JWTClaimsSet claims(String username, Instant expiry) {
        Instant issued = expiry.minusSeconds(900);
        return new JWTClaimsSet.Builder().subject(username).issueTime(Date.from(issued)).expirationTime(Date.from(expiry))
                .claim("roles", List.of(Roles.SUBMITTER, Roles.ADMIN)).claim("organisation", TestUsers.CENTRE_A)
                .claim(TokenService.ISSUED_AT_MS_CLAIM, Instant.now().toEpochMilli()).build();
    }

    private static String sign(JWTClaimsSet claims, String secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
