package io.vitalink.api.job;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.vitalink.api.auth.Caller;
import io.vitalink.api.intake.RawRecord;
import io.vitalink.api.intake.RecordSink;
import io.vitalink.api.intake.RecordValidator;
import io.vitalink.api.intake.Spool;
import io.vitalink.api.intake.UploadFormat;
import io.vitalink.api.intake.UploadSlots;
import io.vitalink.api.metrics.ApiMetrics;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.api.quota.QuotaSettings;
import io.vitalink.api.quota.Quotas;
import io.vitalink.api.store.JobStore;
import io.vitalink.application.ApplicationCheck;
import io.vitalink.application.FieldGroup;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.avro.MatchRequest;
import io.vitalink.job.JobStates;
import io.vitalink.topic.TopicSerdes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts jobs and reads them back. An upload is parsed and validated completely into a spool before
 * anything is published, so a bad record refuses the whole upload and publishes nothing.
 */
@Context // at start, not at the first request: what a crashed run left in the spool goes before anything else
public class JobService {

    private static final Logger log = LoggerFactory.getLogger(JobService.class);

    private final JobStore store;
    private final JobPublisher publisher;
    private final Path spoolRoot;
    private final TopicSerdes serdes;
    private final CallbackCheck callbacks;
    private final ApiMetrics metrics;
    private final Quotas quotas;
    private final UploadSlots slots;
    private final JobApplications applications;

    /** Without webhooks: a job naming a callbackUrl is refused; without quotas. */
    public JobService(JobStore store, JobPublisher publisher, String spoolDir, TopicSerdes serdes, JobApplications applications) {
        this(store, publisher, spoolDir, serdes, QuotaSettings.unlimited(), applications);
    }

    /** Without webhooks: a job naming a callbackUrl is refused. */
    public JobService(JobStore store, JobPublisher publisher, String spoolDir, TopicSerdes serdes, QuotaSettings quotas,
                      JobApplications applications) {
        this(store, publisher, spoolDir, serdes, (url, organisation) -> {
            throw new ApiException(ErrorCode.CALLBACK_NOT_CONFIGURED, "Webhooks are not configured");
        }, ApiMetrics.unregistered(), new Quotas(store, quotas, ApiMetrics.unregistered()), UploadSlots.unlimited(), applications);
    }

    @jakarta.inject.Inject
    public JobService(JobStore store, JobPublisher publisher, @Value("${vitalink.spool.dir:}") String spoolDir,
                      TopicSerdes serdes, CallbackCheck callbacks, ApiMetrics metrics, Quotas quotas, UploadSlots slots,
                      JobApplications applications) {
        this.applications = applications;
        this.callbacks = callbacks;
        this.slots = slots;
        this.metrics = metrics;
        this.quotas = quotas;
        this.store = store;
        this.publisher = publisher;
        this.serdes = serdes;
        this.spoolRoot = spoolDir == null || spoolDir.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "vitalink-api-spool")
                : Path.of(spoolDir);
        // before the first upload of this process: what is left is a crashed run's (or a live neighbour's, kept)
        int removed = Spool.removeLeftOvers(spoolRoot);
        if (removed > 0) {
            log.info("Removed {} spool folders left by a run that stopped during an upload", removed);
        }
    }

    /**
     * @param owner who submits, with the callbackUrl of the query string (or null); a JSON body may name it
     *              instead (not both)
     * @return the new job's id
     */
    public String submit(UploadFormat format, InputStream body, JobOwner owner) {
        return submit(format, body, owner, null, null);
    }

    /** @param watchUntil the last day of the job's watch as the query string names it (null: none); docs/WATCH.md */
    public String submit(UploadFormat format, InputStream body, JobOwner owner, String watchUntil) {
        return submit(format, body, owner, watchUntil, null);
    }

    /**
     * @param applicationId the data-use application the job runs under (null: the organisation's single active one);
     *                      a job without an approved, unexpired application of its organisation is refused
     *                      (VL-1610..VL-1616) before its body is read
     */
    public String submit(UploadFormat format, InputStream body, JobOwner owner, String watchUntil, String applicationId) {
        try {
            ApplicationCheck.Allowed application = applications.resolve(owner.organisation(),
                    applicationId == null || applicationId.isBlank() ? null : applicationId.strip());
            owner = owner.withApplication(application.application().getApplicationId(),
                    FieldGroup.names(application.fields()));
            if (watchUntil != null) {
                owner = owner.withWatchUntil(WatchPeriod.parse(watchUntil, LocalDate.now(ID_CHECK_ZONE)));
            }
            return accept(format, body, owner);
        } catch (ApiException e) {
            metrics.uploadRejected(e.code());
            throw e;
        }
    }

    private String accept(UploadFormat format, InputStream body, JobOwner owner) {
        // before the body is read: an upload that cannot be published, that finds the instance full or its
        // organisation at its quota costs no spooling and waits for nothing
        publisher.ensureAvailable();
        try (UploadSlots.Slot slot = slots.take(); Quotas.Upload upload = quotas.admit(owner.organisation())) {
            return accept(format, body, owner, upload);
        }
    }

    private String accept(UploadFormat format, InputStream body, JobOwner owner, Quotas.Upload upload) {
        String jobId = UUID.randomUUID().toString();
        if (owner.callbackUrl() != null) {
            owner = owner.withCallbackUrl(callbacks.check(owner.callbackUrl(), owner.organisation()));
        }
        String[] inBody = new String[1];
        String[] watchInBody = new String[1];
        try (Spool spool = openSpool()) {
            try {
                format.parse(body, new RecordSink() {
                    @Override
                    public void accept(RawRecord raw) {
                        // refused while it is read, like an oversized body: nothing is spooled past the limit
                        upload.count(spool.count() + 1);
                        try {
                            spool.add(RecordValidator.toRequest(jobId, raw, format.csvNames()), raw.line(), format.csvNames());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e); // a spool (disk) failure, not a body failure
                        }
                    }

                    @Override
                    public void callbackUrl(String url) {
                        inBody[0] = url;
                    }

                    @Override
                    public void watchUntil(String until) {
                        watchInBody[0] = until;
                    }
                });
            } catch (IOException e) {
                throw bodyReadFailure(e);
            }
            if (spool.count() == 0) {
                throw new ApiException(ErrorCode.EMPTY_JOB, "The upload contains no records");
            }
            if (inBody[0] != null) {
                if (owner.callbackUrl() != null) {
                    throw new ApiException(ErrorCode.CALLBACK_URL_INVALID,
                            "Name the callbackUrl once: in the body or in the query string");
                }
                owner = owner.withCallbackUrl(callbacks.check(inBody[0], owner.organisation()));
            }
            if (watchInBody[0] != null) {
                if (owner.watchUntil() != null) {
                    throw new ApiException(ErrorCode.WATCH_INVALID, "Name the watch once: in the body or in the query string");
                }
                owner = owner.withWatchUntil(WatchPeriod.parse(watchInBody[0], LocalDate.now(ID_CHECK_ZONE)));
            }
            spool.finish();
            upload.reserve(jobId, spool.count());
            JobProgress placeholder = placeholder(jobId, owner);
            try {
                // not before OPENED is acknowledged: a crash in between would leave it RECEIVING here for good
                publisher.publish(jobId, owner, spool, () -> store.progress().putIfAbsent(placeholder));
            } catch (RuntimeException e) {
                // the client resubmits; the job this instance began is FAILED, here at once and on Kafka if it still can
                upload.release(jobId);
                ErrorCode why = failure(e);
                store.progress().putUnlessFinal(failed(placeholder, why));
                publisher.fail(jobId, why.code(), PUBLISH_FAILED);
                throw e;
            }
            metrics.jobSubmitted(format, spool.count());
            metrics.organisationRecordsAccepted(owner.organisation(), spool.count());
            log.info("Accepted job {} ({} records, {})", jobId, spool.count(), format);
            return jobId;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Cancels a job that has not ended: its requests not matched yet are skipped, and the results decided so far
     * stay readable. Cancelling a cancelled job again changes nothing.
     *
     * @return the job as this instance knows it now; CANCELLED shows once the matcher has taken the cancellation
     */
    public JobProgress cancel(Caller caller, String jobId) {
        JobProgress job = visibleTo(caller, jobId, JobAccess::canCancel);
        if (job.getState() == JobState.CANCELLED) {
            return job;
        }
        if (job.getState() == JobState.COMPLETED && job.getWatchUntil() != null && job.getWatchEndedAt() == null) {
            // a completed cohort's watch ends; its results stay until retention removes them
            publisher.cancel(job.getJobId(), "Watch ended by " + caller.username());
            log.info("Job {}: watch ended", job.getJobId());
            return job;
        }
        if (JobStates.isFinal(job.getState())) {
            throw new ApiException(ErrorCode.JOB_ALREADY_ENDED, "The job has already ended: " + job.getState());
        }
        publisher.cancel(job.getJobId(), "Cancelled by " + caller.username());
        log.info("Job {} cancelled", job.getJobId());
        return job;
    }

    /**
     * The job when it exists and {@code access} lets {@code caller} see it; otherwise 404 VL-1404, the same answer
     * either way, so that another organisation's job does not show.
     */
    public JobProgress visibleTo(Caller caller, String jobId, BiPredicate<Caller, JobProgress> access) {
        return progress(jobId).filter(job -> access.test(caller, job))
                .orElseThrow(() -> new ApiException(ErrorCode.JOB_NOT_FOUND, "No job with this id"));
    }

    public Optional<JobProgress> progress(String jobId) {
        return parseId(jobId).flatMap(store.progress()::get);
    }

    /**
     * One page of the jobs {@code visible} lets through that match {@code query}, newest first. A full scan of
     * the read model's progress: memory is bounded by the page size, time grows with the number of jobs kept.
     */
    public JobPage list(JobQuery query, java.util.function.Predicate<JobProgress> visible) {
        java.util.TreeMap<JobQuery.Position, JobProgress> page = new java.util.TreeMap<>(JobQuery.ORDER);
        store.progress().forEach(p -> {
            if (query.matches(p) && visible.test(p)) {
                page.put(JobQuery.Position.of(p), p);
                if (page.size() > query.limit() + 1) {
                    page.pollLastEntry();
                }
            }
            return true;
        });
        String next = null;
        if (page.size() > query.limit()) {
            page.pollLastEntry();
            next = page.lastKey().encode();
        }
        return new JobPage(page.values().stream().map(this::view).toList(), next);
    }

    /** The job as GET /api/v1/jobs/{id} shows it: its progress and its linked deaths by underlying-cause chapter. */
    public JobView view(JobProgress job) {
        return JobView.of(job, store.causeChapters().of(job.getJobId()), applications.summary(job.getApplicationId()));
    }

    /** The results so far with the job's state, or empty for an unknown job. */
    public Optional<Results> results(String jobId, ResultFormat format, ResultDetail detail) {
        return progress(jobId).map(p -> new Results(p.getState(),
                new ResultStream(store.results().cursor(p.getJobId()), format, detail, serdes.protection(),
                        ResultReviews.lookup(store.reviews(), serdes.protection()))));
    }

    public record Results(JobState state, InputStream body) {
    }

    /** A page of the job's results with the given outcomes after {@code cursor}, rendered in {@code format}. */
    public ResultsPage resultsPage(String jobId, String outcomes, Integer limit, String cursor, ResultFormat format,
                                   ResultDetail detail) {
        return ResultsPage.read(store.results(), jobId, outcomes, limit, cursor, format, detail, serdes.protection(),
                ResultReviews.lookup(store.reviews(), serdes.protection()));
    }

    /** A page of the job's changes feed after {@code since} (docs/WATCH.md), NDJSON or CSV. */
    public ChangesPage changes(String jobId, String since, Integer limit, ResultFormat format, ResultDetail detail) {
        return ChangesPage.read(store.changes(), jobId, since, limit, format, detail, serdes.protection(),
                ResultReviews.lookup(store.reviews(), serdes.protection()));
    }

    /**
     * The matcher's default {@code vitalink.time-zone}. Another zone only changes whether an ID dated today counts as
     * valid for keying; such a request is still matched, by the slower path.
     */
    private static final ZoneId ID_CHECK_ZONE = ZoneId.of("Asia/Shanghai");

    private Spool openSpool() throws IOException {
        LocalDate today = LocalDate.now(ID_CHECK_ZONE);
        return Spool.create(spoolRoot, serdes.codec(MatchRequest.class), request -> serdes.requestKey(request, today));
    }

    /** The reason a FAILED job gives when the API could not publish it. */
    static final String PUBLISH_FAILED = "The API could not publish every request of the job";

    /** VL-1503 when Kafka failed, VL-1500 for anything else (the spool, a bug). */
    private static ErrorCode failure(RuntimeException e) {
        return e instanceof ApiException api && api.code() == ErrorCode.KAFKA_UNAVAILABLE
                ? ErrorCode.KAFKA_UNAVAILABLE : ErrorCode.INTERNAL;
    }

    private static JobProgress failed(JobProgress placeholder, ErrorCode why) {
        Instant now = Instant.now();
        return JobProgress.newBuilder(placeholder).setState(JobState.FAILED).setReasonCode(why.code())
                .setReason(PUBLISH_FAILED).setUpdatedAt(now).setEndedAt(now).build();
    }

    static JobProgress placeholder(String jobId, JobOwner owner) {
        return JobProgress.newBuilder()
                .setJobId(jobId)
                .setState(JobState.RECEIVING)
                .setCreatedAt(Instant.now())
                .setOrganisation(owner.organisation())
                .setSubmittedBy(owner.submittedBy())
                .setCallbackUrl(owner.callbackUrl())
                .setWatchUntil(owner.watchUntil())
                .setApplicationId(owner.applicationId())
                .setFieldGroups(owner.fieldGroups())
                .build();
    }

    /** Only canonical UUIDs name jobs; anything else is simply not found. */
    static Optional<String> parseId(String jobId) {
        try {
            UUID id = UUID.fromString(jobId);
            return id.toString().equalsIgnoreCase(jobId) ? Optional.of(id.toString()) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ApiException bodyReadFailure(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals("ContentLengthExceededException")) {
                return new ApiException(ErrorCode.BODY_TOO_LARGE, "The body exceeds the maximum request size", e);
            }
        }
        return new ApiException(ErrorCode.MALFORMED_BODY, "The body could not be read", e);
    }
}
