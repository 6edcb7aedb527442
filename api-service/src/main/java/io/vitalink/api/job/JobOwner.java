package io.vitalink.api.job;

import java.time.LocalDate;

/**
 * Who a job belongs to: only its organisation's submitters can read it. Travels on the OPENED control record,
 * with the job's webhook URL (null: none; docs/WEBHOOKS.md) and the last day of its watch (null: not watched;
 * docs/WATCH.md).
 */
public record JobOwner(String organisation, String submittedBy, String callbackUrl, LocalDate watchUntil) {

    public JobOwner(String organisation, String submittedBy) {
        this(organisation, submittedBy, null, null);
    }

    public JobOwner(String organisation, String submittedBy, String callbackUrl) {
        this(organisation, submittedBy, callbackUrl, null);
    }

    public JobOwner withCallbackUrl(String url) {
        return new JobOwner(organisation, submittedBy, url, watchUntil);
    }

    public JobOwner withWatchUntil(LocalDate until) {
        return new JobOwner(organisation, submittedBy, callbackUrl, until);
    }
}
