package io.vitalink.api.console;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;

/**
 * The web console's address: its files are static resources under /console/ (application.yml); the API's root,
 * /console and /console/ (one route: Micronaut ignores the trailing slash) open its page, so the address printed by
 * the launcher and a bare host name both lead there.
 */
@Hidden
@Controller
public class ConsoleController {

    static final URI CONSOLE = URI.create("/console/index.html");

    @Secured(SecurityRule.IS_ANONYMOUS)
    @Get(uris = {"/", "/console"})
    HttpResponse<?> openConsole() {
        return HttpResponse.seeOther(CONSOLE);
    }
}
