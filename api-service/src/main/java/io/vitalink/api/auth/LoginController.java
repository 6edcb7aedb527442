package io.vitalink.api.auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vitalink.api.audit.AuditAttributes;
import io.vitalink.api.network.ClientAddresses;
import io.vitalink.api.openapi.ApiDocumentation;
import io.vitalink.api.openapi.ProblemResponses;
import io.vitalink.api.user.UserPolicy;

/** Log in with username and password; exchange a refresh token for new tokens. Open to anyone allow-listed. */
@Controller("/api/v1")
@Tag(name = ApiDocumentation.TAG_AUTHENTICATION)
@ExecuteOn(TaskExecutors.BLOCKING) // Argon2 takes tens of milliseconds: never on the event loop
public class LoginController {

    private final LoginService logins;
    private final ClientAddresses addresses;

    public LoginController(LoginService logins, ClientAddresses addresses) {
        this.logins = logins;
        this.addresses = addresses;
    }

    @Operation(operationId = "login", summary = "Log in",
            description = "Username and password; answers the access token (15 minutes), a refresh token and the user's "
                    + "organisation and roles, with Cache-Control: no-store. Opens a session. No token needed.",
            responses = @ApiResponse(responseCode = "200", description = "The access and refresh tokens, the user's organisation and roles"))
    @ProblemResponses.Anonymous
    @ProblemResponses.LoginRefused
    @ProblemResponses.AccountLocked
    @ProblemResponses.TooManyFailures
    @ProblemResponses.BodyTooLarge
    @ProblemResponses.UserStoreUnavailable
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Post(value = "/login", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<TokenResponse> login(HttpRequest<?> request, @Body LoginRequest body) {
        String username = UserPolicy.normalise(body.username());
        // the audit trail records failed logins under the name tried only when it is a user's: anything else may be
        // a password typed into the wrong field, which the trail must never keep
        AuditAttributes.setActor(request, logins.isUser(username) ? username : AuditAttributes.ANONYMOUS);
        LoginService.Login login = logins.login(username, body.password(), addresses.of(request));
        AuditAttributes.setOrganisation(request, login.user().getOrganisation());
        return noStore(TokenResponse.of(login));
    }

    @Operation(operationId = "refreshToken", summary = "New tokens for a refresh token",
            description = "Each refresh token works once: the answer has a new one. A refresh token presented again ends "
                    + "its session. No access token needed.",
            responses = @ApiResponse(responseCode = "200", description = "New access and refresh tokens"))
    @ProblemResponses.Anonymous
    @ProblemResponses.RefreshRefused
    @ProblemResponses.TooManyFailures
    @ProblemResponses.BodyTooLarge
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Post(value = "/token/refresh", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<TokenResponse> refresh(HttpRequest<?> request, @Body RefreshRequest body) {
        LoginService.Login login = logins.refresh(body.refreshToken(), addresses.of(request));
        AuditAttributes.setActor(request, login.user().getUsername());
        AuditAttributes.setOrganisation(request, login.user().getOrganisation());
        return noStore(TokenResponse.of(login));
    }

    /** Ends the caller's session: its access and refresh tokens stop working at once, on every instance. */
    @Operation(operationId = "logout", summary = "Log out",
            description = "Ends the caller's session at once on every instance: its access and refresh tokens stop "
                    + "working. Answers 204.",
            responses = @ApiResponse(responseCode = "204", description = "The session has ended"),
            security = @SecurityRequirement(name = ApiDocumentation.BEARER),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.ANY_USER, parseValue = true)))
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponses.Authenticated
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Post("/logout")
    public HttpResponse<Void> logout(Authentication authentication) {
        logins.logout(authentication.getName(), (String) authentication.getAttributes().get(TokenService.SESSION_CLAIM));
        return HttpResponse.noContent();
    }

    private static HttpResponse<TokenResponse> noStore(TokenResponse tokens) {
        return HttpResponse.ok(tokens).header("Cache-Control", "no-store").header("Pragma", "no-cache");
    }
}
