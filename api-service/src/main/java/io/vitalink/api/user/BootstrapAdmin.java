package io.vitalink.api.user;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.vitalink.api.auth.Caller;
import io.vitalink.api.auth.Roles;
import io.vitalink.api.problem.ApiException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first administrator, from configuration, created at start-up when no user exists at all. Once any user
 * exists the settings are ignored, so the password can (and should) be removed from the environment after the
 * first start and changed through the API.
 */
@Context
public class BootstrapAdmin {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    public BootstrapAdmin(UserService users,
                          @Value("${vitalink.bootstrap.admin.username:}") String username,
                          @Value("${vitalink.bootstrap.admin.password:}") String password,
                          @Value("${vitalink.bootstrap.admin.organisation:vitalink}") String organisation) {
        if (!users.isEmpty()) {
            return;
        }
        if (username.isBlank() || password.isBlank()) {
            log.warn("No user exists and no bootstrap administrator is configured: nobody can log in. Set "
                    + "VITALINK_BOOTSTRAP_ADMIN_USERNAME and VITALINK_BOOTSTRAP_ADMIN_PASSWORD and restart");
            return;
        }
        try {
            users.createIfAbsent(Caller.system("bootstrap"), new NewUser(username, "Bootstrap administrator", organisation,
                    List.of(Roles.ADMIN), true, password));
        } catch (ApiException e) {
            throw new ConfigurationException("The bootstrap administrator cannot be created: " + e.getMessage());
        }
        log.info("Created the bootstrap administrator '{}' of organisation '{}'", UserPolicy.normalise(username), organisation);
    }
}
