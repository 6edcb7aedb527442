package io.vitalink.api.job;

/** Checks a job's webhook URL at submission (implemented by io.vitalink.api.webhook.CallbackUrlPolicy). */
@FunctionalInterface
public interface CallbackCheck {

    /**
     * @return the URL to store with the job
     * @throws io.vitalink.api.problem.ApiException VL-1201, VL-1202 or VL-1203 when the URL may not be used
     */
    String check(String url, String organisation);
}
