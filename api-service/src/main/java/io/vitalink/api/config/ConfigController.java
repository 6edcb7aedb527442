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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vitalink.api.auth.Caller;
import io.vitalink.api.auth.Roles;
import io.vitalink.api.network.ClientAddresses;
import io.vitalink.api.openapi.ApiDocumentation;
import io.vitalink.api.openapi.ProblemResponses;
import java.util.List;

/** The settings operators change at run time (docs/OPERATIONS.md#system-configuration); administrators only. */
@Controller(ConfigController.BASE)
@Tag(name = ApiDocumentation.TAG_CONFIGURATION)
@SecurityRequirement(name = ApiDocumentation.BEARER)
@ProblemResponses.Authenticated
@ExecuteOn(TaskExecutors.BLOCKING) // Kafka writes
public class ConfigController {

    public static final String BASE = "/api/v1/config";

    private final ConfigService config;
    private final ClientAddresses addresses;

    public ConfigController(ConfigService config, ClientAddresses addresses) {
        this.config = config;
        this.addresses = addresses;
    }

    @Operation(operationId = "getConfig", summary = "The configuration in force",
            description = "Every run-time setting with its value, the version to send back with a change, and who changed "
                    + "it when (docs/OPERATIONS.md#system-configuration).",
            responses = @ApiResponse(responseCode = "200", description = "The configuration in force and its version"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.ADMIN, parseValue = true)))
    @Secured(Roles.ADMIN)
    @Get(produces = MediaType.APPLICATION_JSON)
    public ConfigView get() {
        return config.view();
    }

    @Operation(operationId = "updateConfig", summary = "Change the configuration",
            description = "The settings sent change, the others stay; version must be the one read. Every API instance and "
                    + "match-streams take the new version without a restart; it is audited.",
            responses = @ApiResponse(responseCode = "200", description = "The configuration now in force and its new version"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.ADMIN, parseValue = true)))
    @ProblemResponses.ConfigInvalid
    @ProblemResponses.ConfigConflict
    @ProblemResponses.BodyTooLarge
    @ProblemResponses.ConfigNotStored
    @Secured(Roles.ADMIN)
    @Put(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public ConfigView put(HttpRequest<?> request, Authentication authentication, @Body ConfigUpdate body) {
        return config.change(Caller.of(authentication, addresses.of(request)), body);
    }

    @Operation(operationId = "listConfigHistory", summary = "Earlier versions of the configuration",
            description = "Every version kept, newest first, with who changed it when.",
            responses = @ApiResponse(responseCode = "200", description = "The versions of the configuration, newest first"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.ADMIN, parseValue = true)))
    @Secured(Roles.ADMIN)
    @Get(value = "/history", produces = MediaType.APPLICATION_JSON)
    public List<ConfigView.Version> history() {
        return config.history();
    }
}
