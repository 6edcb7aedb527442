package io.vitalink.api.job;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
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
import io.vitalink.api.audit.AuditLog;
import io.vitalink.api.auth.Caller;
import io.vitalink.api.auth.Roles;
import io.vitalink.api.fhir.FhirResultWriter;
import io.vitalink.api.intake.UploadFormat;
import io.vitalink.api.joblog.JobLogView;
import io.vitalink.api.network.ClientAddresses;
import io.vitalink.api.openapi.ApiDocumentation;
import io.vitalink.api.openapi.Params;
import io.vitalink.api.openapi.ProblemResponses;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.avro.JobProgress;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;

/**
 * Submit jobs, read their progress and results. Thin: parsing and storage live in {@link JobService}; who may
 * see which job in {@link JobAccess}.
 */
@Controller(JobController.BASE)
@Tag(name = ApiDocumentation.TAG_JOBS)
@SecurityRequirement(name = ApiDocumentation.BEARER)
@ProblemResponses.Authenticated
@ExecuteOn(TaskExecutors.BLOCKING)
public class JobController {

    public static final String BASE = "/api/v1/jobs";
    public static final String NDJSON = "application/x-ndjson";
    public static final String STATE_HEADER = "Vitalink-Job-State";
    public static final String NEXT_CURSOR_HEADER = "Vitalink-Next-Cursor";

    private final JobService jobs;
    private final ClientAddresses addresses;
    private final AuditLog audit;

    public JobController(JobService jobs, ClientAddresses addresses, AuditLog audit) {
        this.jobs = jobs;
        this.addresses = addresses;
        this.audit = audit;
    }

    /** The body is read as a stream while it arrives; nothing is published unless all of it is valid. */
    @Operation(operationId = "submitJob", summary = "Submit a job of patient records",
            description = "JSON, NDJSON, CSV or a FHIR R4 Bundle of Patients, chosen by Content-Type, read as a stream while it "
                    + "arrives; nothing is published unless all of it is valid. Answers 202 with the jobId and its Location. "
                    + "callbackUrl names a webhook called when the job completes, watchUntil (yyyy-MM-dd) keeps the cohort "
                    + "watched for later deaths and corrections, applicationId names the data-use application it runs "
                    + "under (without it: the organisation's only active one) (docs/API.md, docs/WATCH.md, docs/FHIR.md).",
            responses = @ApiResponse(responseCode = "202", description = "Accepted: the jobId; Location names the job"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.SUBMITTER, parseValue = true)))
    @Status(HttpStatus.ACCEPTED)
    @ProblemResponses.UploadInvalid
    @ProblemResponses.UploadTooLarge
    @ProblemResponses.UploadMediaType
    @ProblemResponses.UploadThrottled
    @ProblemResponses.SubmissionNotPermitted
    @ProblemResponses.SeveralApplications
    @ProblemResponses.KafkaUnavailable
    @Secured(Roles.SUBMITTER)
    @Post(consumes = {MediaType.APPLICATION_JSON, NDJSON, MediaType.TEXT_CSV, FhirResultWriter.MEDIA_TYPE},
            produces = MediaType.APPLICATION_JSON)
    public HttpResponse<JobAccepted> submit(HttpRequest<?> request, Authentication authentication,
                                            @Body InputStream body,
                                            @Parameter(description = Params.CALLBACK_URL) @Nullable @QueryValue String callbackUrl,
                                            @Parameter(description = Params.WATCH_UNTIL) @Nullable @QueryValue String watchUntil,
                                            @Parameter(description = Params.JOB_APPLICATION) @Nullable @QueryValue String applicationId) {
        UploadFormat format = request.getContentType().map(JobController::formatOf)
                .orElseThrow(() -> new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                        "Send application/json, application/x-ndjson, text/csv or application/fhir+json"));
        Caller caller = Caller.of(authentication, addresses.of(request));
        String jobId = jobs.submit(format, body, new JobOwner(caller.organisation(), caller.username(), callbackUrl), watchUntil,
                applicationId);
        AuditAttributes.setJobId(request, jobId);
        return HttpResponse.accepted(URI.create(BASE + "/" + jobId)).body(new JobAccepted(jobId));
    }

    @Operation(operationId = "getJob", summary = "A job's state and counters",
            description = "The job's state, times, counters by outcome and deaths by underlying-cause chapter; a submitter "
                    + "sees their organisation's jobs, an auditor every job.",
            responses = @ApiResponse(responseCode = "200", description = "The job's state and counters"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.SUBMITTER_AUDITOR, parseValue = true)))
    @ProblemResponses.JobNotFound
    @Secured({Roles.SUBMITTER, Roles.AUDITOR})
    @Get(value = "/{jobId}", produces = MediaType.APPLICATION_JSON)
    public JobView get(HttpRequest<?> request, Authentication authentication,
                       @Parameter(description = Params.JOB_ID) @PathVariable String jobId) {
        Caller caller = Caller.of(authentication, addresses.of(request));
        return jobs.view(jobs.visibleTo(caller, jobId, JobAccess::canSeeStatus));
    }

    /**
     * Cancels the job (docs/API.md): 202 with the job as it stands, CANCELLED once the matcher has taken it;
     * 409 VL-1131 when it had already ended otherwise.
     */
    @Operation(operationId = "cancelJob", summary = "Cancel a job",
            description = "Answers 202 with the job as it stands; it is CANCELLED once the matcher has taken the "
                    + "cancellation. Cancelling a CANCELLED job again changes nothing.",
            responses = @ApiResponse(responseCode = "202", description = "The job as it stands; CANCELLED once the matcher has taken the cancellation"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.SUBMITTER, parseValue = true)))
    @Status(HttpStatus.ACCEPTED)
    @ProblemResponses.JobNotFound
    @ProblemResponses.JobEnded
    @ProblemResponses.KafkaUnavailable
    @Secured(Roles.SUBMITTER)
    @Delete(value = "/{jobId}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<JobView> cancel(HttpRequest<?> request, Authentication authentication,
                                        @Parameter(description = Params.JOB_ID) @PathVariable String jobId) {
        Caller caller = Caller.of(authentication, addresses.of(request));
        JobProgress job = jobs.cancel(caller, jobId);
        AuditAttributes.setJobId(request, job.getJobId());
        return HttpResponse.accepted(URI.create(BASE + "/" + job.getJobId())).body(jobs.view(job));
    }

    /** Jobs newest first, filtered and paged (docs/API.md); a submitter sees their organisation's jobs only. */
    @Operation(operationId = "listJobs", summary = "List jobs, newest first",
            description = "Filtered by state and by creation time (from, to: ISO-8601 instants), paged by limit (1 to 1000) "
                    + "and the cursor of the previous page; a submitter sees their organisation's jobs only.",
            responses = @ApiResponse(responseCode = "200", description = "A page of jobs, newest first, and the cursor of the next page"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.SUBMITTER_AUDITOR, parseValue = true)))
    @ProblemResponses.JobQueryInvalid
    @Secured({Roles.SUBMITTER, Roles.AUDITOR})
    @Get(produces = MediaType.APPLICATION_JSON)
    public JobPage list(HttpRequest<?> request, Authentication authentication,
                        @Parameter(description = Params.JOB_STATE) @Nullable @QueryValue String state,
                        @Parameter(description = Params.CREATED_FROM) @Nullable @QueryValue String from,
                        @Parameter(description = Params.CREATED_TO) @Nullable @QueryValue String to,
                        @Parameter(description = Params.PAGE_LIMIT) @Nullable @QueryValue String limit,
                        @Parameter(description = Params.PAGE_CURSOR) @Nullable @QueryValue String cursor) {
        Caller caller = Caller.of(authentication, addresses.of(request));
        return jobs.list(JobQuery.parse(state, from, to, limit, cursor), job -> JobAccess.canSeeStatus(caller, job));
    }

    /** The job log: counters, owner and lifecycle events with their times; whoever may see the job's status. */
    @Operation(operationId = "getJobLog", summary = "A job's log",
            description = "Counters, owner and lifecycle events with their times; for whoever may see the job's state.",
            responses = @ApiResponse(responseCode = "200", description = "The job's log"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.SUBMITTER_AUDITOR, parseValue = true)))
    @ProblemResponses.JobNotFound
    @Secured({Roles.SUBMITTER, Roles.AUDITOR})
    @Get(value = "/{jobId}/log", produces = MediaType.APPLICATION_JSON)
    public JobLogView log(HttpRequest<?> request, Authentication authentication,
                          @Parameter(description = Params.JOB_ID) @PathVariable String jobId) {
        Caller caller = Caller.of(authentication, addresses.of(request));
        return JobLogView.of(jobs.visibleTo(caller, jobId, JobAccess::canSeeStatus));
    }

    /**
     * NDJSON unless the client accepts text/csv or application/fhir+json (one FHIR Bundle) before it; results
     * decided so far, streamed; {@code ?detail=causes} adds the linked death's whole cause section (400 VL-1133 for
     * another value). With {@code outcome}, {@code limit} or {@code cursor}: one page of the results with those
     * outcomes (a screen's table), the next page's cursor in Vitalink-Next-Cursor. Submitters only: an auditor is
     * refused by role (403) before the job is looked up.
     */
    @Operation(operationId = "getJobResults", summary = "A job's results, streamed or paged",
            description = "The results decided so far, one per record: NDJSON unless the client accepts text/csv or "
                    + "application/fhir+json (one FHIR Bundle) first. The Vitalink-Job-State header tells whether more "
                    + "are to come. detail=causes adds the linked death's whole cause section. With outcome "
                    + "(comma-separated outcomes), limit (1 to 10,000, default 100) or cursor: one page of the results "
                    + "with those outcomes, in the same order and format; Vitalink-Next-Cursor (and a Link rel=next) "
                    + "names the next page while more results follow. Submitters of the job's organisation only.",
            responses = @ApiResponse(responseCode = "200", description = "The results decided so far (or one page of them), in the media type asked for"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.SUBMITTER, parseValue = true)))
    @ProblemResponses.ResultsQueryInvalid
    @ProblemResponses.JobNotFound
    @ProblemResponses.NotAcceptable
    @ProblemResponses.ExportNotAudited
    @Secured(Roles.SUBMITTER)
    @Get(value = "/{jobId}/results", produces = {NDJSON, MediaType.TEXT_CSV, FhirResultWriter.MEDIA_TYPE})
    public HttpResponse<?> results(@Parameter(description = Params.JOB_ID) @PathVariable String jobId,
                                   @Parameter(description = Params.DETAIL) @Nullable @QueryValue String detail,
                                   @Parameter(description = Params.OUTCOME) @Nullable @QueryValue String outcome,
                                   @Parameter(description = Params.RESULTS_LIMIT) @Nullable @QueryValue Integer limit,
                                   @Parameter(description = Params.RESULTS_CURSOR) @Nullable @QueryValue String cursor,
                                   HttpRequest<?> request, Authentication authentication) {
        Caller caller = Caller.of(authentication, addresses.of(request));
        ResultDetail level = ResultDetail.parse(detail);
        JobProgress job = jobs.visibleTo(caller, jobId, JobAccess::canSeeResults);
        ResultFormat format = resultFormat(request);
        MediaType type = switch (format) {
            case CSV -> MediaType.of(MediaType.TEXT_CSV + ";charset=utf-8");
            case FHIR -> MediaType.of(FhirResultWriter.MEDIA_TYPE + ";charset=utf-8");
            case NDJSON -> MediaType.of(NDJSON);
        };
        if (outcome != null || limit != null || cursor != null) {
            ResultsPage page = jobs.resultsPage(job.getJobId(), outcome, limit, cursor, format, level);
            audit.resultsExported(caller.username(), caller.organisation(), caller.sourceIp(), job.getJobId(),
                    "page-" + format.name().toLowerCase(Locale.ROOT));
            MutableHttpResponse<byte[]> response = HttpResponse.ok(page.body()).contentType(type)
                    .header(STATE_HEADER, job.getState().name())
                    .header("Cache-Control", "no-store");
            if (page.next() != null) {
                response.header(NEXT_CURSOR_HEADER, page.next());
                response.header("Link", "<" + BASE + "/" + job.getJobId() + "/results?cursor=" + page.next()
                        + (outcome == null ? "" : "&outcome=" + outcome) + (limit == null ? "" : "&limit=" + limit)
                        + (level == ResultDetail.CAUSES ? "&detail=causes" : "") + ">; rel=\"next\"");
            }
            return response;
        }
        // before the first byte: results the trail cannot record are not handed out (VL-1119)
        audit.resultsExported(caller.username(), caller.organisation(), caller.sourceIp(), job.getJobId(),
                format.name().toLowerCase(Locale.ROOT));
        JobService.Results results = jobs.results(job.getJobId(), format, level).orElseThrow(() -> notFound());
        return HttpResponse.ok(results.body())
                .contentType(type)
                .header(STATE_HEADER, results.state().name())
                .header("Cache-Control", "no-store");
    }

    /** NDJSON unless the client accepts text/csv or application/fhir+json before it. */
    private static ResultFormat resultFormat(HttpRequest<?> request) {
        for (MediaType accepted : request.accept()) {
            if (accepted.matchesType(NDJSON) || accepted.getName().equals(NDJSON)) {
                return ResultFormat.NDJSON;
            }
            if (accepted.getName().equals(MediaType.TEXT_CSV)) {
                return ResultFormat.CSV;
            }
            if (accepted.getName().equals(FhirResultWriter.MEDIA_TYPE)) {
                return ResultFormat.FHIR;
            }
        }
        return ResultFormat.NDJSON;
    }

    /**
     * Pages a watched job's later results: new links, updates and retractions after the cursor {@code since}, at
     * most {@code limit} (1 to 10,000, default 1,000); NDJSON unless the client accepts text/csv first. The cursor to
     * go on from is in the Vitalink-Next-Cursor header, and a {@code Link: rel="next"} names the next page when one
     * waits. See docs/WATCH.md.
     */
    @Operation(operationId = "getJobChanges", summary = "A watched job's later changes, paged",
            description = "New links, updates and retractions after the cursor since, at most limit (1 to 10,000, default "
                    + "1,000); NDJSON unless the client accepts text/csv first. The cursor to go on from is in the "
                    + "Vitalink-Next-Cursor header; a Link rel=next names the next page when one waits (docs/WATCH.md).",
            responses = @ApiResponse(responseCode = "200", description = "A page of changes; Vitalink-Next-Cursor names the cursor to go on from"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.SUBMITTER, parseValue = true)))
    @ProblemResponses.ChangesQueryInvalid
    @ProblemResponses.JobNotFound
    @ProblemResponses.NotAcceptable
    @ProblemResponses.ExportNotAudited
    @Secured(Roles.SUBMITTER)
    @Get(value = "/{jobId}/changes", produces = {NDJSON, MediaType.TEXT_CSV})
    public HttpResponse<byte[]> changes(@Parameter(description = Params.JOB_ID) @PathVariable String jobId,
                                        @Parameter(description = Params.SINCE) @Nullable @QueryValue String since,
                                        @Parameter(description = Params.CHANGES_LIMIT) @Nullable @QueryValue Integer limit,
                                        @Parameter(description = Params.DETAIL) @Nullable @QueryValue String detail,
                                        HttpRequest<?> request, Authentication authentication) {
        Caller caller = Caller.of(authentication, addresses.of(request));
        ResultDetail level = ResultDetail.parse(detail);
        JobProgress job = jobs.visibleTo(caller, jobId, JobAccess::canSeeResults);
        ResultFormat format = ResultFormat.NDJSON;
        for (MediaType accepted : request.accept()) {
            if (accepted.getName().equals(NDJSON)) {
                break;
            }
            if (accepted.getName().equals(MediaType.TEXT_CSV)) {
                format = ResultFormat.CSV;
                break;
            }
        }
        ChangesPage page = jobs.changes(job.getJobId(), since, limit, format, level);
        audit.resultsExported(caller.username(), caller.organisation(), caller.sourceIp(), job.getJobId(),
                "changes-" + format.name().toLowerCase(Locale.ROOT));
        MutableHttpResponse<byte[]> response = HttpResponse.ok(page.body())
                .contentType(format == ResultFormat.CSV ? MediaType.of(MediaType.TEXT_CSV + ";charset=utf-8") : MediaType.of(NDJSON))
                .header(STATE_HEADER, job.getState().name())
                .header("Cache-Control", "no-store");
        if (page.next() != null) {
            response.header(NEXT_CURSOR_HEADER, page.next());
        }
        if (page.more()) {
            response.header("Link", "<" + BASE + "/" + job.getJobId() + "/changes?since=" + page.next()
                    + (limit == null ? "" : "&limit=" + limit) + (level == ResultDetail.CAUSES ? "&detail=causes" : "")
                    + ">; rel=\"next\"");
        }
        return response;
    }

    private static UploadFormat formatOf(MediaType type) {
        return switch (type.getName()) {
            case MediaType.APPLICATION_JSON -> UploadFormat.JSON;
            case NDJSON -> UploadFormat.NDJSON;
            case MediaType.TEXT_CSV -> UploadFormat.CSV;
            case FhirResultWriter.MEDIA_TYPE -> UploadFormat.FHIR;
            default -> throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Send application/json, application/x-ndjson, text/csv or application/fhir+json");
        };
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.JOB_NOT_FOUND, "No job with this id");
    }
}
