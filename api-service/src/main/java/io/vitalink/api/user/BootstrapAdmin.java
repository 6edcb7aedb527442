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
 * exists the settings are never applied again (not even to a user of that name), and every start that still finds
 * the password configured warns: it is a secret left for nothing, or worse, the administrator's live password.
 */
@Context
public class BootstrapAdmin {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    public BootstrapAdmin(UserService users,
                          @Value("${vitalink.bootstrap.admin.username:}") String username,
                          @Value("${vitalink.bootstrap.admin.password:}") String password,
                          @Value("${vitalink.bootstrap.admin.organisation:vitalink}") String organisation) {
        if (!users.isEmpty()) {
            warnIfLeftOver(users, UserPolicy.normalise(username), password);
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
        log.warn("Log in as '{}', change its password (PUT /api/v1/users/{}/password), then remove "
                + "VITALINK_BOOTSTRAP_ADMIN_PASSWORD from the environment or Secret: it is never used again",
                UserPolicy.normalise(username), UserPolicy.normalise(username));
    }

    private static void warnIfLeftOver(UserService users, String username, String password) {
        if (password.isBlank()) {
            return;
        }
        if (UserPolicy.isValidUsername(username) && users.hasPassword(username, password)) {
            log.warn("The administrator '{}' still has the bootstrap password, which is still in the environment: "
                    + "change it (PUT /api/v1/users/{}/password) and remove VITALINK_BOOTSTRAP_ADMIN_PASSWORD",
                    username, username);
        } else {
            log.warn("VITALINK_BOOTSTRAP_ADMIN_PASSWORD is set although users exist: it is not used; remove it from "
                    + "the environment or Secret");
        }
    }
}
