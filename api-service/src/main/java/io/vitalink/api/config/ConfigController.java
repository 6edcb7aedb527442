package io.vitalink.api.config;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.vitalink.api.auth.Caller;
import io.vitalink.api.auth.Roles;
import io.vitalink.api.network.ClientAddresses;
import java.util.List;

/** The settings operators change at run time (docs/OPERATIONS.md#system-configuration); administrators only. */
@Controller(ConfigController.BASE)
@ExecuteOn(TaskExecutors.BLOCKING) // Kafka writes
public class ConfigController {

    public static final String BASE = "/api/v1/config";

    private final ConfigService config;
    private final ClientAddresses addresses;

    public ConfigController(ConfigService config, ClientAddresses addresses) {
        this.config = config;
        this.addresses = addresses;
    }

    @Secured(Roles.ADMIN)
    @Get(produces = MediaType.APPLICATION_JSON)
    public ConfigView get() {
        return config.view();
    }

    @Secured(Roles.ADMIN)
    @Put(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public ConfigView put(HttpRequest<?> request, Authentication authentication, @Body ConfigUpdate body) {
        return config.change(Caller.of(authentication, addresses.of(request)), body);
    }

    @Secured(Roles.ADMIN)
    @Get(value = "/history", produces = MediaType.APPLICATION_JSON)
    public List<ConfigView.Version> history() {
        return config.history();
    }
}
