package io.vitalink.api.application;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
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

/**
 * Data-use applications (申请审批): a SUBMITTER files its organisation's, an APPROVER decides them. Thin: the rules are
 * in {@link ApplicationService}.
 */
@Controller(ApplicationController.BASE)
@Tag(name = ApiDocumentation.TAG_APPLICATIONS)
@SecurityRequirement(name = ApiDocumentation.BEARER)
@ProblemResponses.Authenticated
@ExecuteOn(TaskExecutors.BLOCKING) // Kafka writes, durable audit
public class ApplicationController {

    public static final String BASE = "/api/v1/applications";

    private final ApplicationService applications;
    private final ClientAddresses addresses;

    public ApplicationController(ApplicationService applications, ClientAddresses addresses) {
        this.applications = applications;
        this.addresses = addresses;
    }

    @Operation(operationId = "fileApplication", summary = "File a data-use application",
            description = "Purpose, legal basis, ethics reference, expected cohort size, the result fields asked for and the validity "
                    + "period, for the caller's organisation; audited. Answers 201 with the application, SUBMITTED, and its Location.",
            responses = @ApiResponse(responseCode = "201", description = "The application filed; Location names it"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.SUBMITTER, parseValue = true)))
    @Status(HttpStatus.CREATED)
    @ProblemResponses.ApplicationInvalid
    @ProblemResponses.BodyTooLarge
    @ProblemResponses.ApplicationNotStored
    @Secured(Roles.SUBMITTER)
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<ApplicationView> file(HttpRequest<?> request, Authentication authentication, @Body NewApplication body) {
        ApplicationView filed = view(applications.file(caller(request, authentication), body));
        return HttpResponse.created(filed, URI.create(BASE + "/" + filed.applicationId()));
    }

    /** Newest first: every application for an APPROVER, the caller's organisation's for a SUBMITTER or AUDITOR. */
    @Operation(operationId = "listApplications", summary = "List data-use applications, newest first",
            description = "Every application for an APPROVER; the caller's organisation's for a SUBMITTER or AUDITOR.",
            responses = @ApiResponse(responseCode = "200", description = "The applications, newest first"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.SUBMITTER_AUDITOR_APPROVER, parseValue = true)))
    @Secured({Roles.SUBMITTER, Roles.AUDITOR, Roles.APPROVER})
    @Get(produces = MediaType.APPLICATION_JSON)
    public List<ApplicationView> list(HttpRequest<?> request, Authentication authentication) {
        return applications.visibleTo(caller(request, authentication)).stream().map(this::view).toList();
    }

    @Operation(operationId = "getApplication", summary = "A data-use application",
            description = "The application with its state, what was asked for and what was granted; an APPROVER sees any, a SUBMITTER or "
                    + "AUDITOR their organisation's.",
            responses = @ApiResponse(responseCode = "200", description = "The application"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.SUBMITTER_AUDITOR_APPROVER, parseValue = true)))
    @ProblemResponses.ApplicationNotFound
    @Secured({Roles.SUBMITTER, Roles.AUDITOR, Roles.APPROVER})
    @Get(value = "/{applicationId}", produces = MediaType.APPLICATION_JSON)
    public ApplicationView get(HttpRequest<?> request, Authentication authentication,
                               @Parameter(description = Params.APPLICATION_ID) @PathVariable String applicationId) {
        return view(applications.get(caller(request, authentication), applicationId));
    }

    @Operation(operationId = "approveApplication", summary = "Approve a data-use application",
            description = "Approves a SUBMITTED application, as asked or narrowed (fewer field groups, a shorter validity), with an "
                    + "optional reason; audited. An APPROVER of another organisation than the applicant's.",
            responses = @ApiResponse(responseCode = "200", description = "The application, APPROVED"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.APPROVER, parseValue = true)))
    @ProblemResponses.DecisionInvalid
    @ProblemResponses.DecisionRefused
    @ProblemResponses.ApplicationNotFound
    @ProblemResponses.ApplicationStateConflict
    @ProblemResponses.BodyTooLarge
    @ProblemResponses.ApplicationNotStored
    @Secured(Roles.APPROVER)
    @Post(value = "/{applicationId}/approve", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public ApplicationView approve(HttpRequest<?> request, Authentication authentication,
                                   @Parameter(description = Params.APPLICATION_ID) @PathVariable String applicationId,
                                   @Nullable @Body Decision body) {
        return view(applications.approve(caller(request, authentication), applicationId, orEmpty(body)));
    }

    @Operation(operationId = "rejectApplication", summary = "Reject a data-use application",
            description = "Rejects a SUBMITTED application, with a reason; audited. An APPROVER of another organisation than the "
                    + "applicant's.",
            responses = @ApiResponse(responseCode = "200", description = "The application, REJECTED"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.APPROVER, parseValue = true)))
    @ProblemResponses.DecisionInvalid
    @ProblemResponses.DecisionRefused
    @ProblemResponses.ApplicationNotFound
    @ProblemResponses.ApplicationStateConflict
    @ProblemResponses.BodyTooLarge
    @ProblemResponses.ApplicationNotStored
    @Secured(Roles.APPROVER)
    @Post(value = "/{applicationId}/reject", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public ApplicationView reject(HttpRequest<?> request, Authentication authentication,
                                  @Parameter(description = Params.APPLICATION_ID) @PathVariable String applicationId,
                                  @Nullable @Body Decision body) {
        return view(applications.reject(caller(request, authentication), applicationId, orEmpty(body)));
    }

    @Operation(operationId = "revokeApplication", summary = "Revoke a data-use application",
            description = "Revokes an approved application, with a reason; audited. No new job runs under it and a watched job's later "
                    + "results stop.",
            responses = @ApiResponse(responseCode = "200", description = "The application, REVOKED"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.APPROVER, parseValue = true)))
    @ProblemResponses.DecisionInvalid
    @ProblemResponses.DecisionRefused
    @ProblemResponses.ApplicationNotFound
    @ProblemResponses.ApplicationStateConflict
    @ProblemResponses.BodyTooLarge
    @ProblemResponses.ApplicationNotStored
    @Secured(Roles.APPROVER)
    @Post(value = "/{applicationId}/revoke", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public ApplicationView revoke(HttpRequest<?> request, Authentication authentication,
                                  @Parameter(description = Params.APPLICATION_ID) @PathVariable String applicationId,
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
