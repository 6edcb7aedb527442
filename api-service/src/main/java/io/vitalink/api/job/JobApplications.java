package io.vitalink.api.job;

import io.vitalink.application.ApplicationCheck;

/** The data-use applications jobs run under, as jobs need them ({@code ApplicationService} in production). */
public interface JobApplications {

    /**
     * The application a new job of {@code organisation} runs under: the one named, or the organisation's single active
     * one ({@link io.vitalink.application.ApplicationRules}).
     *
     * @throws io.vitalink.api.problem.ApiException VL-1610..VL-1616 when the job may not run
     */
    ApplicationCheck.Allowed resolve(String organisation, String applicationId);

    /** How a job's application stands today, for the job's view; null when the job names none. */
    JobView.ApplicationSummary summary(String applicationId);
}
