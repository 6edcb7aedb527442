package io.vitalink.api.application;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.vitalink.api.auth.Caller;
import io.vitalink.api.auth.Roles;
import io.vitalink.api.network.ClientAddresses;
import java.net.URI;
import java.util.List;

/**
 * Data-use applications (申请审批): a SUBMITTER files its organisation's, an APPROVER decides them. Thin: the rules are
 * in {@link ApplicationService}.
 */
@Controller(ApplicationController.BASE)
@ExecuteOn(TaskExecutors.BLOCKING) // Kafka writes, durable audit
public class ApplicationController {

    public static final String BASE = "/api/v1/applications";

    private final ApplicationService applications;
    private final ClientAddresses addresses;

    public ApplicationController(ApplicationService applications, ClientAddresses addresses) {
        this.applications = applications;
        this.addresses = addresses;
    }

    @Secured(Roles.SUBMITTER)
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<ApplicationView> file(HttpRequest<?> request, Authentication authentication, @Body NewApplication body) {
        ApplicationView filed = view(applications.file(caller(request, authentication), body));
        return HttpResponse.created(filed, URI.create(BASE + "/" + filed.applicationId()));
    }

    /** Newest first: every application for an APPROVER, the caller's organisation's for a SUBMITTER or AUDITOR. */
    @Secured({Roles.SUBMITTER, Roles.AUDITOR, Roles.APPROVER})
    @Get(produces = MediaType.APPLICATION_JSON)
    public List<ApplicationView> list(HttpRequest<?> request, Authentication authentication) {
        return applications.visibleTo(caller(request, authentication)).stream().map(this::view).toList();
    }

    @Secured({Roles.SUBMITTER, Roles.AUDITOR, Roles.APPROVER})
    @Get(value = "/{applicationId}", produces = MediaType.APPLICATION_JSON)
    public ApplicationView get(HttpRequest<?> request, Authentication authentication, @PathVariable String applicationId) {
        return view(applications.get(caller(request, authentication), applicationId));
    }

    @Secured(Roles.APPROVER)
    @Post(value = "/{applicationId}/approve", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public ApplicationView approve(HttpRequest<?> request, Authentication authentication, @PathVariable String applicationId,
                                   @Nullable @Body Decision body) {
        return view(applications.approve(caller(request, authentication), applicationId, orEmpty(body)));
    }

    @Secured(Roles.APPROVER)
    @Post(value = "/{applicationId}/reject", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public ApplicationView reject(HttpRequest<?> request, Authentication authentication, @PathVariable String applicationId,
                                  @Nullable @Body Decision body) {
        return view(applications.reject(caller(request, authentication), applicationId, orEmpty(body)));
    }

    @Secured(Roles.APPROVER)
    @Post(value = "/{applicationId}/revoke", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public ApplicationView revoke(HttpRequest<?> request, Authentication authentication, @PathVariable String applicationId,
                                  @Nullable @Body Decision body) {
        return view(applications.revoke(caller(request, authentication), applicationId, orEmpty(body)));
    }

    private ApplicationView view(io.vitalink.avro.Application application) {
        return ApplicationView.of(application, applications.today());
    }

    private static Decision orEmpty(Decision body) {
        return body == null ? new Decision(null, null, null, null) : body;
    }

    private Caller caller(HttpRequest<?> request, Authentication authentication) {
        return Caller.of(authentication, addresses.of(request));
    }
}
