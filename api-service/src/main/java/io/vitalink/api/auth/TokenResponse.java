package io.vitalink.api.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Answer of login and refresh, in the OAuth 2 token-response shape plus who logged in. */
@Serdeable
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("refresh_expires_in") long refreshExpiresIn,
        String username,
        String organisation,
        List<String> roles) {

    static TokenResponse of(LoginService.Login login) {
        TokenService.Tokens t = login.tokens();
        return new TokenResponse(t.accessToken(), "Bearer", t.expiresInSeconds(), t.refreshToken(),
                t.refreshExpiresInSeconds(), login.user().getUsername(), login.user().getOrganisation(),
                login.user().getRoles().stream().sorted().toList());
    }

    @Override
    public String toString() {
        return "TokenResponse[username=" + username + "]"; // never the tokens
    }
}
