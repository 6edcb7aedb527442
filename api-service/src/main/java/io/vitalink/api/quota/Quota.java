package io.vitalink.api.quota;

/** The limits an organisation's submissions are held to ({@link QuotaSettings}); the name is the metric tag. */
public enum Quota {
    RECORDS_PER_JOB("records-per-job"),
    RECORDS_PER_DAY("records-per-day"),
    CONCURRENT_JOBS("concurrent-jobs");

    private final String tag;

    Quota(String tag) {
        this.tag = tag;
    }

    /** As in {@code vitalink.quotas.<tag>} and the {@code quota} label of the metrics. */
    public String tag() {
        return tag;
    }
}
