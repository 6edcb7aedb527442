package io.vitalink.api.openapi;

/** What each path and query parameter means, as the OpenAPI document describes it (one text per meaning). */
public final class Params {

    public static final String APPLICATION_ID = "The application's id, as filing it answered";
    public static final String JOB_ID = "The job's id, as submitting it answered";
    public static final String RECORD_ID = "The recordId of the result, as the job's upload named it";
    public static final String USERNAME = "The user's login name";
    public static final String CALLBACK_URL =
            "HTTPS URL called when the job ends (docs/WEBHOOKS.md); needs webhooks configured for the "
            + "organisation";
    public static final String WATCH_UNTIL =
            "Watch the cohort until this day (yyyy-MM-dd, today to 10 years ahead): later deaths, corrections and"
            + " withdrawals arrive in the changes feed";
    public static final String JOB_APPLICATION =
            "The approved data-use application the job runs under; absent: the organisation's single active one";
    public static final String JOB_STATE =
            "Only jobs in this state: RECEIVING, RUNNING, COMPLETED, FAILED or CANCELLED (case-insensitive)";
    public static final String CREATED_FROM = "Only jobs created at or after this ISO-8601 instant";
    public static final String CREATED_TO = "Only jobs created before this ISO-8601 instant";
    public static final String PAGE_LIMIT = "Page size, 1 to 1,000 (default 100)";
    public static final String PAGE_CURSOR = "The next of the previous page (opaque); absent: the first page";
    public static final String DETAIL =
            "standard (default) or causes: causes adds the linked death's whole cause section";
    public static final String OUTCOME =
            "One page of the results with these outcomes only, comma-separated (MATCHED, "
            + "MATCHED_WITH_DISCREPANCY, PROBABLE, NOT_FOUND, INVALID)";
    public static final String RESULTS_LIMIT =
            "One page of at most this many results, 1 to 10,000 (default 100 when a page is asked)";
    public static final String RESULTS_CURSOR = "The Vitalink-Next-Cursor of the previous page of results";
    public static final String SINCE =
            "The cursor of the last change already read (Vitalink-Next-Cursor); absent: from the first change";
    public static final String CHANGES_LIMIT = "Page size, 1 to 10,000 (default 1,000)";
    public static final String EVENTS_FROM = "Events at or after this ISO-8601 instant (an offset is accepted)";
    public static final String EVENTS_TO = "Events before this ISO-8601 instant";
    public static final String EVENTS_USER = "Only this actor's events";
    public static final String REVIEW_STATUS = "PENDING or REVIEWED; absent: both";
    public static final String REVIEW_TARGET =
            "The precision the suggested threshold must reach, from 0.5 to below 1 (default 0.95)";

    private Params() {
    }
}
