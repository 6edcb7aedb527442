package io.vitalink.api.webhook;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
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
import io.vitalink.api.audit.AuditAttributes;
import io.vitalink.api.auth.Caller;
import io.vitalink.api.auth.Roles;
import io.vitalink.api.job.JobAccess;
import io.vitalink.api.job.JobService;
import io.vitalink.api.network.ClientAddresses;
import io.vitalink.api.openapi.ApiDocumentation;
import io.vitalink.api.openapi.Params;
import io.vitalink.api.openapi.ProblemResponses;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.api.store.CompletionHook;
import io.vitalink.avro.JobProgress;
import java.util.function.BiPredicate;

/**
 * A job's webhook: its attempts (GET) and redelivery now (POST). Same visibility rules as the job. Every instance
 * answers from the shared webhook-deliveries topic, also one that does not deliver itself.
 */
@Controller("/api/v1/jobs/{jobId}/callback")
@Tag(name = ApiDocumentation.TAG_WEBHOOKS)
@SecurityRequirement(name = ApiDocumentation.BEARER)
@ProblemResponses.Authenticated
@ExecuteOn(TaskExecutors.BLOCKING)
public class WebhookController {

    private final JobService jobs;
    private final WebhookDeliveries deliveries;
    private final ClientAddresses addresses;

    public WebhookController(JobService jobs, WebhookDeliveries deliveries, ClientAddresses addresses) {
        this.jobs = jobs;
        this.deliveries = deliveries;
        this.addresses = addresses;
    }

    @Operation(operationId = "getJobCallback", summary = "A job's webhook attempts",
            description = "The callback URL, the delivery's state and every attempt with its time and answer, as every "
                    + "API instance sees them (docs/WEBHOOKS.md).",
            responses = @ApiResponse(responseCode = "200", description = "The webhook's delivery and its attempts"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.SUBMITTER_AUDITOR, parseValue = true)))
    @ProblemResponses.JobNotFound
    @ProblemResponses.NoCallback
    @Secured({Roles.SUBMITTER, Roles.AUDITOR})
    @Get(produces = MediaType.APPLICATION_JSON)
    public CallbackView attempts(HttpRequest<?> request, Authentication authentication,
                                 @Parameter(description = Params.JOB_ID) @PathVariable String jobId) {
        JobProgress job = visibleJob(request, authentication, jobId, JobAccess::canSeeStatus);
        return deliveries.delivery(job.getJobId()).map(CallbackView::of)
                .orElseGet(() -> CallbackView.waiting(job.getJobId(), job.getCallbackUrl()));
    }

    /**
     * A submitter of the job's organisation only; answers 202 with the delivery as it stands once the request is
     * written to Kafka, for the job's owner to act on (503 VL-1503 when Kafka does not acknowledge it).
     */
    @Operation(operationId = "redeliverJobCallback", summary = "Deliver a finished job's webhook again",
            description = "Answers 202 with the delivery as it stands once the request is written to Kafka; the instance "
                    + "that owns the job delivers it. Submitters of the job's organisation only.",
            responses = @ApiResponse(responseCode = "202", description = "Accepted: the delivery as it stands"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.SUBMITTER, parseValue = true)))
    @Status(HttpStatus.ACCEPTED)
    @ProblemResponses.JobNotFound
    @ProblemResponses.RedeliveryRefused
    @ProblemResponses.KafkaUnavailable
    @Secured(Roles.SUBMITTER)
    @Post(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<CallbackView> redeliver(HttpRequest<?> request, Authentication authentication,
                                                @Parameter(description = Params.JOB_ID) @PathVariable String jobId) {
        JobProgress job = visibleJob(request, authentication, jobId, JobAccess::canSeeResults);
        if (!CompletionHook.finishes(job)) {
            throw new ApiException(ErrorCode.CALLBACK_JOB_NOT_FINISHED, "The job has not finished: it is called back then");
        }
        return HttpResponse.accepted().body(CallbackView.of(deliveries.requestRedelivery(job)));
    }

    private JobProgress visibleJob(HttpRequest<?> request, Authentication authentication, String jobId,
                                   BiPredicate<Caller, JobProgress> access) {
        Caller caller = Caller.of(authentication, addresses.of(request));
        JobProgress job = jobs.visibleTo(caller, jobId, access);
        AuditAttributes.setJobId(request, job.getJobId());
        if (job.getCallbackUrl() == null) {
            throw new ApiException(ErrorCode.CALLBACK_NONE, "The job was submitted without a callbackUrl");
        }
        return job;
    }
}
