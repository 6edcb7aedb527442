package io.vitalink.api.metrics;

/**
 * Every meter this service defines itself, in one place (docs/OPERATIONS.md lists them with their meaning).
 * Micrometer names: the Prometheus registry exports {@code vitalink.jobs.submitted} as
 * {@code vitalink_jobs_submitted_total}, a timer with a {@code _seconds} suffix. Tags never carry a patient
 * identifier, a name or a jobId: only small fixed sets of values (format, outcome, state, result, error code, quota) and the organisation.
 */
public final class ApiMetricNames {

    /** Counter, tag {@code format}: jobs accepted (202). Prometheus: {@code vitalink_jobs_submitted_total}. */
    public static final String JOBS_SUBMITTED = "vitalink.jobs.submitted";
    /** Counter, tag {@code format}: patient records of accepted jobs. {@code vitalink_requests_received_total}. */
    public static final String REQUESTS_RECEIVED = "vitalink.requests.received";
    /** Counter, tag {@code code} (VL-1xxx): uploads refused whole. {@code vitalink_uploads_rejected_total}. */
    public static final String UPLOADS_REJECTED = "vitalink.uploads.rejected";
    /** Counter, tag {@code outcome}: results written into the read model. {@code vitalink_results_stored_total}. */
    public static final String RESULTS_STORED = "vitalink.results.stored";
    /** Gauge, tag {@code state}: jobs in the read model per state. {@code vitalink_jobs}. */
    public static final String JOBS = "vitalink.jobs";
    /**
     * Timer (histogram), tag {@code state} (the final one): submission to end of the jobs the read model sees end.
     * {@code vitalink_job_duration_seconds}.
     */
    public static final String JOB_DURATION = "vitalink.job.duration";
    /** Counter, tag {@code result}: webhook attempts. {@code vitalink_webhook_deliveries_total}. */
    public static final String WEBHOOK_DELIVERIES = "vitalink.webhook.deliveries";

    /**
     * Counter: records of the {@code users} topic refused for a missing or wrong MAC (written by something other than
     * the API). {@code vitalink_user_records_refused_total}.
     */
    public static final String USER_RECORDS_REFUSED = "vitalink.user.records.refused";
    /** Counter: records of the {@code system-config} topic refused for a missing or wrong MAC. {@code vitalink_config_records_refused_total}. */
    public static final String CONFIG_RECORDS_REFUSED = "vitalink.config.records.refused";

    /**
     * Counter, tag {@code quota} ({@code records-per-job}, {@code records-per-day}, {@code concurrent-jobs}): uploads
     * refused by a quota. {@code vitalink_quota_refusals_total}.
     */
    public static final String QUOTA_REFUSALS = "vitalink.quota.refusals";
    /** Gauge, tag {@code quota}: the configured limit per organisation. {@code vitalink_quota_limit}. */
    public static final String QUOTA_LIMIT = "vitalink.quota.limit";
    /**
     * Counter, tag {@code organisation}: patient records of accepted jobs, for the volume alert.
     * {@code vitalink_organisation_records_accepted_total}.
     */
    public static final String ORGANISATION_RECORDS_ACCEPTED = "vitalink.organisation.records.accepted";

    /** Webhook attempt results. */
    public static final String DELIVERED = "delivered";
    /** The attempt failed; another one is scheduled. */
    public static final String RETRY = "retry";
    /** The attempt failed and was the last: the delivery is FAILED. */
    public static final String FAILED = "failed";

    private ApiMetricNames() {
    }
}
