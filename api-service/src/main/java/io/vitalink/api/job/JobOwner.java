package io.vitalink.api.job;

import java.time.LocalDate;
import java.util.List;

/**
 * Who a job belongs to: only its organisation's submitters can read it. Travels on the OPENED control record,
 * with the job's webhook URL (null: none; docs/WEBHOOKS.md), the last day of its watch (null: not watched;
 * docs/WATCH.md), and the data-use application it runs under with the field groups that application approved
 * (null before the application is resolved).
 */
public record JobOwner(String organisation, String submittedBy, String callbackUrl, LocalDate watchUntil,
                       String applicationId, List<String> fieldGroups) {

    public JobOwner(String organisation, String submittedBy) {
        this(organisation, submittedBy, null, null, null, null);
    }

    public JobOwner(String organisation, String submittedBy, String callbackUrl) {
        this(organisation, submittedBy, callbackUrl, null, null, null);
    }

    public JobOwner withCallbackUrl(String url) {
        return new JobOwner(organisation, submittedBy, url, watchUntil, applicationId, fieldGroups);
    }

    public JobOwner withWatchUntil(LocalDate until) {
        return new JobOwner(organisation, submittedBy, callbackUrl, until, applicationId, fieldGroups);
    }

    public JobOwner withApplication(String id, List<String> groups) {
        return new JobOwner(organisation, submittedBy, callbackUrl, watchUntil, id, groups == null ? null : List.copyOf(groups));
    }
}
