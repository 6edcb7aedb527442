package io.vitalink.api.webhook;

/**
 * The keys of webhook-deliveries and of the store's deliveries: a job's completion under its jobId, the latest
 * "changes" event of a watched job under jobId + {@value #CHANGES}. A key says which event its delivery sends.
 */
final class WebhookKeys {

    static final String CHANGES = ":changes";

    private WebhookKeys() {
    }

    static String changes(String jobId) {
        return jobId + CHANGES;
    }

    static boolean isChanges(String key) {
        return key.endsWith(CHANGES);
    }

    /** The job a delivery key belongs to. */
    static String jobOf(String key) {
        return isChanges(key) ? key.substring(0, key.length() - CHANGES.length()) : key;
    }

    static String event(String key) {
        return isChanges(key) ? ChangesPayload.JOB_CHANGES : WebhookPayload.JOB_FINISHED;
    }
}
