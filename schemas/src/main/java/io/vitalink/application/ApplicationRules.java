package io.vitalink.application;

import io.vitalink.avro.Application;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Which data-use application (申请审批) a job runs under: the one rule of both the API (a job submitted over HTTP) and
 * the matcher (a job opened on a centre's own Kafka topics). Plain Java: no Kafka, no Micronaut.
 *
 * <p>A job names an application, or takes its organisation's single active one. An application is active on a day
 * when it is APPROVED and the day lies within {@code validFrom..validUntil} (both inclusive). A named application
 * of another organisation is refused as unknown, so that one organisation cannot learn another's application ids.
 */
public final class ApplicationRules {

    private ApplicationRules() {
    }

    /** The state of {@code application} on {@code today}: expiry follows from {@code validUntil}, never stored. */
    public static ApplicationState stateOf(Application application, LocalDate today) {
        return switch (application.getStatus()) {
            case SUBMITTED -> ApplicationState.SUBMITTED;
            case REJECTED -> ApplicationState.REJECTED;
            case REVOKED -> ApplicationState.REVOKED;
            case APPROVED -> today.isAfter(application.getValidUntil()) ? ApplicationState.EXPIRED
                    : today.isBefore(application.getValidFrom()) ? ApplicationState.NOT_YET_VALID
                    : ApplicationState.APPROVED;
        };
    }

    /** True when a job of its organisation may start under {@code application} on {@code today}. */
    public static boolean isActive(Application application, LocalDate today) {
        return application != null && stateOf(application, today) == ApplicationState.APPROVED;
    }

    /**
     * The application a new job of {@code organisation} runs under.
     *
     * @param applicationId the one the job names, or null for the organisation's single active one
     * @param byId          finds an application by id (null when there is none)
     * @param all           every application known (only the organisation's are considered)
     */
    public static ApplicationCheck resolve(String organisation, String applicationId, Function<String, Application> byId,
                                           Iterable<Application> all, LocalDate today) {
        if (applicationId != null) {
            Application named = byId.apply(applicationId);
            if (named == null || organisation == null || !organisation.equals(named.getOrganisation())) {
                return new ApplicationCheck.Refused(Refusal.UNKNOWN_APPLICATION);
            }
            return switch (stateOf(named, today)) {
                case APPROVED -> allowed(named);
                case SUBMITTED, REJECTED -> new ApplicationCheck.Refused(Refusal.NOT_APPROVED);
                case REVOKED -> new ApplicationCheck.Refused(Refusal.REVOKED);
                case EXPIRED -> new ApplicationCheck.Refused(Refusal.EXPIRED);
                case NOT_YET_VALID -> new ApplicationCheck.Refused(Refusal.NOT_YET_VALID);
            };
        }
        List<Application> active = new ArrayList<>();
        for (Application application : all) {
            if (application != null && application.getOrganisation().equals(organisation) && isActive(application, today)) {
                active.add(application);
            }
        }
        if (active.isEmpty()) {
            return new ApplicationCheck.Refused(Refusal.NO_ACTIVE_APPLICATION);
        }
        if (active.size() > 1) {
            return new ApplicationCheck.Refused(Refusal.SEVERAL_ACTIVE);
        }
        return allowed(active.get(0));
    }

    private static ApplicationCheck allowed(Application application) {
        return new ApplicationCheck.Allowed(application, FieldGroup.of(application.getApprovedFields()));
    }
}
