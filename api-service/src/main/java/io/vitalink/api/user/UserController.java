package io.vitalink.api.user;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.vitalink.api.auth.Caller;
import io.vitalink.api.auth.Roles;
import io.vitalink.api.network.ClientAddresses;
import java.net.URI;
import java.util.List;

/** User management for administrators; any user may change their own password. */
@Controller(UserController.BASE)
@ExecuteOn(TaskExecutors.BLOCKING) // Kafka writes and Argon2 hashing
public class UserController {

    public static final String BASE = "/api/v1/users";

    private final UserService users;
    private final ClientAddresses addresses;

    public UserController(UserService users, ClientAddresses addresses) {
        this.users = users;
        this.addresses = addresses;
    }

    @Secured(Roles.ADMIN)
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<UserView> create(HttpRequest<?> request, Authentication authentication, @Body NewUser body) {
        UserView created = UserView.of(users.create(caller(request, authentication), body));
        return HttpResponse.created(created, URI.create(BASE + "/" + created.username()));
    }

    @Secured(Roles.ADMIN)
    @Get(produces = MediaType.APPLICATION_JSON)
    public List<UserView> list() {
        return users.list().stream().map(UserView::of).toList();
    }

    @Secured(Roles.ADMIN)
    @Get(value = "/{username}", produces = MediaType.APPLICATION_JSON)
    public UserView get(@PathVariable String username) {
        return UserView.of(users.get(username));
    }

    @Secured(Roles.ADMIN)
    @Put(value = "/{username}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public UserView update(HttpRequest<?> request, Authentication authentication, @PathVariable String username,
                           @Body UserUpdate body) {
        return UserView.of(users.update(caller(request, authentication), username, body));
    }

    @Secured(Roles.ADMIN)
    @Delete("/{username}")
    public HttpResponse<Void> delete(HttpRequest<?> request, Authentication authentication, @PathVariable String username) {
        users.delete(caller(request, authentication), username);
        return HttpResponse.noContent();
    }

    /** Own password with the current one; an administrator may set anyone's. */
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Put(value = "/{username}/password", consumes = MediaType.APPLICATION_JSON)
    public HttpResponse<Void> changePassword(HttpRequest<?> request, Authentication authentication,
                                             @PathVariable String username, @Body PasswordChange body) {
        users.changePassword(caller(request, authentication), username, body.currentPassword(), body.newPassword());
        return HttpResponse.noContent();
    }

    private Caller caller(HttpRequest<?> request, Authentication authentication) {
        return Caller.of(authentication, addresses.of(request));
    }
}
