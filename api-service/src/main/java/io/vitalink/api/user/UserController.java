package io.vitalink.api.user;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vitalink.api.auth.Caller;
import io.vitalink.api.auth.Roles;
import io.vitalink.api.network.ClientAddresses;
import io.vitalink.api.openapi.ApiDocumentation;
import io.vitalink.api.openapi.Params;
import io.vitalink.api.openapi.ProblemResponses;
import java.net.URI;
import java.util.List;

/** User management for administrators; any user may change their own password. */
@Controller(UserController.BASE)
@Tag(name = ApiDocumentation.TAG_USERS)
@SecurityRequirement(name = ApiDocumentation.BEARER)
@ProblemResponses.Authenticated
@ExecuteOn(TaskExecutors.BLOCKING) // Kafka writes and Argon2 hashing
public class UserController {

    public static final String BASE = "/api/v1/users";

    private final UserService users;
    private final ClientAddresses addresses;

    public UserController(UserService users, ClientAddresses addresses) {
        this.users = users;
        this.addresses = addresses;
    }

    @Operation(operationId = "createUser", summary = "Create a user",
            description = "A user or service account with its organisation, roles and initial password; answers 201 with "
                    + "the user (never its password) and its Location.",
            responses = @ApiResponse(responseCode = "201", description = "The new user; Location names it"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.ADMIN, parseValue = true)))
    @Status(HttpStatus.CREATED)
    @ProblemResponses.UserInvalid
    @ProblemResponses.UserExists
    @ProblemResponses.UserChangeRefused
    @ProblemResponses.BodyTooLarge
    @ProblemResponses.UserChangeNotStored
    @Secured(Roles.ADMIN)
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<UserView> create(HttpRequest<?> request, Authentication authentication, @Body NewUser body) {
        UserView created = UserView.of(users.create(caller(request, authentication), body));
        return HttpResponse.created(created, URI.create(BASE + "/" + created.username()));
    }

    @Operation(operationId = "listUsers", summary = "List users",
            description = "Every user with organisation, roles, state and lockout; never a password or its hash.",
            responses = @ApiResponse(responseCode = "200", description = "Every user"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.ADMIN, parseValue = true)))
    @Secured(Roles.ADMIN)
    @Get(produces = MediaType.APPLICATION_JSON)
    public List<UserView> list() {
        return users.list().stream().map(UserView::of).toList();
    }

    @Operation(operationId = "getUser", summary = "A user",
            description = "The user's organisation, roles, state and lockout; never a password or its hash.",
            responses = @ApiResponse(responseCode = "200", description = "The user"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.ADMIN, parseValue = true)))
    @ProblemResponses.UserNotFound
    @Secured(Roles.ADMIN)
    @Get(value = "/{username}", produces = MediaType.APPLICATION_JSON)
    public UserView get(@Parameter(description = Params.USERNAME) @PathVariable String username) {
        return UserView.of(users.get(username));
    }

    @Operation(operationId = "updateUser", summary = "Change a user",
            description = "Organisation, roles, display name or enabled: the fields sent change. A change of roles, "
                    + "organisation or enabled ends the user's sessions.",
            responses = @ApiResponse(responseCode = "200", description = "The user as changed"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.ADMIN, parseValue = true)))
    @ProblemResponses.UserInvalid
    @ProblemResponses.UserNotFound
    @ProblemResponses.LastAdmin
    @ProblemResponses.UserChangeRefused
    @ProblemResponses.BodyTooLarge
    @ProblemResponses.UserChangeNotStored
    @Secured(Roles.ADMIN)
    @Put(value = "/{username}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public UserView update(HttpRequest<?> request, Authentication authentication,
                           @Parameter(description = Params.USERNAME) @PathVariable String username,
                           @Body UserUpdate body) {
        return UserView.of(users.update(caller(request, authentication), username, body));
    }

    @Operation(operationId = "deleteUser", summary = "Delete a user",
            description = "Answers 204; the user's tokens stop working at once on every instance.",
            responses = @ApiResponse(responseCode = "204", description = "The user is deleted"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.ADMIN, parseValue = true)))
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponses.UserNotFound
    @ProblemResponses.LastAdmin
    @ProblemResponses.UserChangeNotStored
    @Secured(Roles.ADMIN)
    @Delete("/{username}")
    public HttpResponse<Void> delete(HttpRequest<?> request, Authentication authentication,
                                     @Parameter(description = Params.USERNAME) @PathVariable String username) {
        users.delete(caller(request, authentication), username);
        return HttpResponse.noContent();
    }

    /** Own password with the current one; an administrator may set anyone's. */
    @Operation(operationId = "changePassword", summary = "Change a password",
            description = "Any user changes their own with the current one; an administrator sets anyone's. Answers 204 "
                    + "and ends the user's sessions.",
            responses = @ApiResponse(responseCode = "204", description = "The password is changed"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.ANY_USER, parseValue = true)))
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponses.PasswordInvalid
    @ProblemResponses.PasswordChangeRefused
    @ProblemResponses.UserNotFound
    @ProblemResponses.BodyTooLarge
    @ProblemResponses.TooManyFailures
    @ProblemResponses.UserChangeNotStored
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Put(value = "/{username}/password", consumes = MediaType.APPLICATION_JSON)
    public HttpResponse<Void> changePassword(HttpRequest<?> request, Authentication authentication,
                                             @Parameter(description = Params.USERNAME) @PathVariable String username,
                                             @Body PasswordChange body) {
        users.changePassword(caller(request, authentication), username, body.currentPassword(), body.newPassword());
        return HttpResponse.noContent();
    }

    private Caller caller(HttpRequest<?> request, Authentication authentication) {
        return Caller.of(authentication, addresses.of(request));
    }
}
