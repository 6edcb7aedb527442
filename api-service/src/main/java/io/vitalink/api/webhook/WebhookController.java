package io.vitalink.api.webhook;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.vitalink.api.audit.AuditAttributes;
import io.vitalink.api.auth.Caller;
import io.vitalink.api.auth.Roles;
import io.vitalink.api.job.JobAccess;
import io.vitalink.api.job.JobService;
import io.vitalink.api.network.ClientAddresses;
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

    @Secured({Roles.SUBMITTER, Roles.AUDITOR})
    @Get(produces = MediaType.APPLICATION_JSON)
    public CallbackView attempts(HttpRequest<?> request, Authentication authentication, @PathVariable String jobId) {
        JobProgress job = visibleJob(request, authentication, jobId, JobAccess::canSeeStatus);
        return deliveries.delivery(job.getJobId()).map(CallbackView::of)
                .orElseGet(() -> CallbackView.waiting(job.getJobId(), job.getCallbackUrl()));
    }

    /**
     * A submitter of the job's organisation only; answers 202 with the delivery as it stands once the request is
     * written to Kafka, for the job's owner to act on (503 VL-1503 when Kafka does not acknowledge it).
     */
    @Secured(Roles.SUBMITTER)
    @Post(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<CallbackView> redeliver(HttpRequest<?> request, Authentication authentication,
                                                @PathVariable String jobId) {
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
