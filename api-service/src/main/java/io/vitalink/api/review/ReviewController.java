package io.vitalink.api.review;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.vitalink.api.audit.AuditAttributes;
import io.vitalink.api.auth.Caller;
import io.vitalink.api.auth.Roles;
import io.vitalink.api.network.ClientAddresses;

/**
 * The clerical review of uncertain links (docs/API.md): queues, decisions and the precision report. Thin: the work is
 * in {@link ReviewService}. Only a REVIEWER of the job's organisation sees both sides of a link.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReviewController {

    private final ReviewService reviews;
    private final ClientAddresses addresses;

    public ReviewController(ReviewService reviews, ClientAddresses addresses) {
        this.reviews = reviews;
        this.addresses = addresses;
    }

    /** The job's PROBABLE and MATCHED_WITH_DISCREPANCY results, both sides side by side; paged. */
    @Secured(Roles.REVIEWER)
    @Get(value = "/api/v1/jobs/{jobId}/review", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<ReviewPage> jobQueue(HttpRequest<?> request, Authentication authentication, @PathVariable String jobId,
                                             @Nullable @QueryValue String status, @Nullable @QueryValue String limit,
                                             @Nullable @QueryValue String cursor) {
        AuditAttributes.setJobId(request, jobId);
        return noStore(reviews.jobQueue(caller(request, authentication), jobId, status, limit, cursor));
    }

    /** The uncertain results of every job of the reviewer's organisation; paged. */
    @Secured(Roles.REVIEWER)
    @Get(value = "/api/v1/review", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<ReviewPage> queue(HttpRequest<?> request, Authentication authentication,
                                          @Nullable @QueryValue String status, @Nullable @QueryValue String limit,
                                          @Nullable @QueryValue String cursor) {
        return noStore(reviews.organisationQueue(caller(request, authentication), status, limit, cursor));
    }

    /** A decision on one result: 201 with the reviewed item; a second decision on the same result is 409 VL-1625. */
    @Secured(Roles.REVIEWER)
    @Post(value = "/api/v1/jobs/{jobId}/review/{recordId}", consumes = MediaType.APPLICATION_JSON,
            produces = MediaType.APPLICATION_JSON)
    public HttpResponse<ReviewItem> decide(HttpRequest<?> request, Authentication authentication, @PathVariable String jobId,
                                           @PathVariable String recordId, @Nullable @Body ReviewRequest body) {
        AuditAttributes.setJobId(request, jobId);
        return HttpResponse.created(reviews.decide(caller(request, authentication), jobId, recordId, body))
                .header("Cache-Control", "no-store");
    }

    /** Precision per rule and score threshold, and a suggested probable threshold and margin; it only suggests. */
    @Secured({Roles.REVIEWER, Roles.ADMIN})
    @Get(value = "/api/v1/review/report", produces = MediaType.APPLICATION_JSON)
    public ReviewReport report(HttpRequest<?> request, Authentication authentication, @Nullable @QueryValue String target) {
        return reviews.report(caller(request, authentication), target);
    }

    private Caller caller(HttpRequest<?> request, Authentication authentication) {
        return Caller.of(authentication, addresses.of(request));
    }

    private static <T> HttpResponse<T> noStore(T body) {
        return HttpResponse.ok(body).header("Cache-Control", "no-store");
    }
}
