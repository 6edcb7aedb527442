package io.vitalink.api.job;

/**
 * Who a job belongs to: only its organisation's submitters can read it. Travels on the OPENED control record,
 * with the job's webhook URL (null: none; docs/WEBHOOKS.md).
 */
public record JobOwner(String organisation, String submittedBy, String callbackUrl) {

    public JobOwner(String organisation, String submittedBy) {
        this(organisation, submittedBy, null);
    }

    public JobOwner withCallbackUrl(String url) {
        return new JobOwner(organisation, submittedBy, url);
    }
}
