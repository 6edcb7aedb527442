package io.vitalink.api.review;

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
import io.micronaut.http.annotation.QueryValue;
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
import io.vitalink.api.network.ClientAddresses;
import io.vitalink.api.openapi.ApiDocumentation;
import io.vitalink.api.openapi.Params;
import io.vitalink.api.openapi.ProblemResponses;

/**
 * The clerical review of uncertain links (docs/API.md): queues, decisions and the precision report. Thin: the work is
 * in {@link ReviewService}. Only a REVIEWER of the job's organisation sees both sides of a link.
 */
@Controller
@Tag(name = ApiDocumentation.TAG_REVIEW)
@SecurityRequirement(name = ApiDocumentation.BEARER)
@ProblemResponses.Authenticated
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReviewController {

    private final ReviewService reviews;
    private final ClientAddresses addresses;

    public ReviewController(ReviewService reviews, ClientAddresses addresses) {
        this.reviews = reviews;
        this.addresses = addresses;
    }

    /** The job's PROBABLE and MATCHED_WITH_DISCREPANCY results, both sides side by side; paged. */
    @Operation(operationId = "getJobReviewQueue", summary = "A job's uncertain results to review, paged",
            description = "The job's PROBABLE and MATCHED_WITH_DISCREPANCY results in submission order, both sides of each link side by "
                    + "side, filtered by status (PENDING, REVIEWED) and paged by limit (1 to 1000) and cursor. A REVIEWER of the job's "
                    + "organisation only.",
            responses = @ApiResponse(responseCode = "200", description = "A page of the job's review items and the cursor of the next page"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.REVIEWER, parseValue = true)))
    @ProblemResponses.ReviewQueryInvalid
    @ProblemResponses.ReviewRefused
    @ProblemResponses.JobNotFound
    @Secured(Roles.REVIEWER)
    @Get(value = "/api/v1/jobs/{jobId}/review", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<ReviewPage> jobQueue(HttpRequest<?> request, Authentication authentication,
                                             @Parameter(description = Params.JOB_ID) @PathVariable String jobId,
                                             @Parameter(description = Params.REVIEW_STATUS) @Nullable @QueryValue String status,
                                             @Parameter(description = Params.PAGE_LIMIT) @Nullable @QueryValue String limit,
                                             @Parameter(description = Params.PAGE_CURSOR) @Nullable @QueryValue String cursor) {
        AuditAttributes.setJobId(request, jobId);
        return noStore(reviews.jobQueue(caller(request, authentication), jobId, status, limit, cursor));
    }

    /** The uncertain results of every job of the reviewer's organisation; paged. */
    @Operation(operationId = "listReviewQueue", summary = "The organisation's uncertain results to review, paged",
            description = "The uncertain results of every job of the reviewer's organisation, by jobId, each job's in submission order; "
                    + "filtered by status and paged like a job's queue.",
            responses = @ApiResponse(responseCode = "200", description = "A page of review items and the cursor of the next page"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.REVIEWER, parseValue = true)))
    @ProblemResponses.ReviewQueryInvalid
    @ProblemResponses.ReviewRefused
    @Secured(Roles.REVIEWER)
    @Get(value = "/api/v1/review", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<ReviewPage> queue(HttpRequest<?> request, Authentication authentication,
                                          @Parameter(description = Params.REVIEW_STATUS) @Nullable @QueryValue String status,
                                          @Parameter(description = Params.PAGE_LIMIT) @Nullable @QueryValue String limit,
                                          @Parameter(description = Params.PAGE_CURSOR) @Nullable @QueryValue String cursor) {
        return noStore(reviews.organisationQueue(caller(request, authentication), status, limit, cursor));
    }

    /** A decision on one result: 201 with the reviewed item; a second decision on the same result is 409 VL-1625. */
    @Operation(operationId = "decideReview", summary = "Decide on an uncertain result",
            description = "ACCEPT, REJECT or UNSURE, with an optional note; exactly once per result, audited, and answered once this "
                    + "instance has taken it. Answers 201 with the reviewed item.",
            responses = @ApiResponse(responseCode = "201", description = "The item, REVIEWED, with its decision"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.REVIEWER, parseValue = true)))
    @Status(HttpStatus.CREATED)
    @ProblemResponses.ReviewDecisionInvalid
    @ProblemResponses.ReviewRefused
    @ProblemResponses.ReviewResultNotFound
    @ProblemResponses.ReviewConflict
    @ProblemResponses.BodyTooLarge
    @ProblemResponses.ReviewNotStored
    @Secured(Roles.REVIEWER)
    @Post(value = "/api/v1/jobs/{jobId}/review/{recordId}", consumes = MediaType.APPLICATION_JSON,
            produces = MediaType.APPLICATION_JSON)
    public HttpResponse<ReviewItem> decide(HttpRequest<?> request, Authentication authentication,
                                           @Parameter(description = Params.JOB_ID) @PathVariable String jobId,
                                           @Parameter(description = Params.RECORD_ID) @PathVariable String recordId,
                                           @Nullable @Body ReviewRequest body) {
        AuditAttributes.setJobId(request, jobId);
        return HttpResponse.created(reviews.decide(caller(request, authentication), jobId, recordId, body))
                .header("Cache-Control", "no-store");
    }

    /** Precision per rule and score threshold, and a suggested probable threshold and margin; it only suggests. */
    @Operation(operationId = "getReviewReport", summary = "The precision report of reviewed links",
            description = "Precision per match rule and score threshold from the reviewed links (a REVIEWER's organisation, every "
                    + "organisation for an ADMIN), and a suggested probable threshold and margin for the wanted precision target "
                    + "(0.5 to below 1, default 0.95); it only suggests.",
            responses = @ApiResponse(responseCode = "200", description = "Precision per rule and threshold, and the suggestions"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.REVIEWER_ADMIN, parseValue = true)))
    @ProblemResponses.ReviewQueryInvalid
    @Secured({Roles.REVIEWER, Roles.ADMIN})
    @Get(value = "/api/v1/review/report", produces = MediaType.APPLICATION_JSON)
    public ReviewReport report(HttpRequest<?> request, Authentication authentication,
                               @Parameter(description = Params.REVIEW_TARGET) @Nullable @QueryValue String target) {
        return reviews.report(caller(request, authentication), target);
    }

    private Caller caller(HttpRequest<?> request, Authentication authentication) {
        return Caller.of(authentication, addresses.of(request));
    }

    private static <T> HttpResponse<T> noStore(T body) {
        return HttpResponse.ok(body).header("Cache-Control", "no-store");
    }
}
