package io.vitalink.api.auth;

import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.api.user.Sessions;
import io.vitalink.api.user.UserPolicy;
import io.vitalink.api.user.UserService;
import io.vitalink.avro.User;
import jakarta.inject.Singleton;

/** Password login and token refresh: throttle, check the user, issue tokens. */
@Singleton
public class LoginService {

    private final UserService users;
    private final TokenService tokens;
    private final LoginThrottle throttle;
    private final Sessions sessions;

    public LoginService(UserService users, TokenService tokens, LoginThrottle throttle, Sessions sessions) {
        this.users = users;
        this.sessions = sessions;
        this.tokens = tokens;
        this.throttle = throttle;
    }

    public record Login(User user, TokenService.Tokens tokens) {
    }

    /**
     * @throws ApiException VL-1105 bad credentials, VL-1106 locked, VL-1107 throttled, VL-1112 disabled
     */
    public Login login(String username, String password, String sourceIp) {
        throttle.check(sourceIp);
        try {
            User user = users.authenticate(username, password, sourceIp);
            Sessions.Opened opened = sessions.open(user.getUsername());
            return new Login(opened.user(), tokens.issue(opened.user(), opened.session()));
        } catch (ApiException e) {
            if (e.code() == ErrorCode.BAD_CREDENTIALS) {
                throttle.failed(sourceIp);
            }
            throw e;
        }
    }

    /** Whether {@code username} names an existing user (an in-memory look-up: it costs no time an answer shows). */
    public boolean isUser(String username) {
        return UserPolicy.isValidUsername(username) && users.exists(username);
    }

    /**
     * New tokens for a valid refresh token whose user still exists, is enabled and has not had tokens revoked since.
     *
     * @throws ApiException VL-1115 for an invalid, expired or revoked refresh token
     */
    public Login refresh(String refreshToken, String sourceIp) {
        throttle.check(sourceIp);
        TokenService.RefreshClaims claims;
        try {
            claims = tokens.verifyRefresh(refreshToken == null ? "" : refreshToken);
        } catch (ApiException e) {
            throttle.failed(sourceIp); // guessing refresh tokens is guessing credentials
            throw e;
        }
        users.activeUser(claims.username(), claims.issuedAtMillis())
                .orElseThrow(() -> new ApiException(ErrorCode.INVALID_REFRESH_TOKEN,
                        "The refresh token was revoked (user deleted or disabled, password or roles changed): log in again"));
        Sessions.Opened rotated = sessions.rotate(claims.username(), claims.sessionId(), claims.tokenId(), sourceIp);
        return new Login(rotated.user(), tokens.issue(rotated.user(), rotated.session()));
    }

    /** Ends the caller's session: its access and refresh tokens stop working on every instance. */
    public void logout(String username, String sessionId) {
        sessions.close(username, sessionId);
    }
}
