package io.vitalink.api.application;

import io.vitalink.api.audit.ApplicationChange;
import io.vitalink.api.audit.AuditLog;
import io.vitalink.api.auth.Caller;
import io.vitalink.api.auth.Roles;
import io.vitalink.api.job.JobApplications;
import io.vitalink.api.job.JobView;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.application.ApplicationCheck;
import io.vitalink.application.ApplicationRules;
import io.vitalink.application.FieldGroup;
import io.vitalink.avro.Application;
import io.vitalink.avro.ApplicationStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data-use applications (申请审批): a SUBMITTER files one for its organisation; an APPROVER of another organisation
 * (the registry holder) approves it, possibly narrowed, rejects it or revokes it. Every step is written to the audit
 * trail before it is stored. A new job runs under an approved, unexpired application of its organisation
 * ({@link ApplicationRules}). No HTTP types.
 */
@Singleton
public class ApplicationService implements JobApplications {

    private static final Logger log = LoggerFactory.getLogger(ApplicationService.class);

    /** The matcher's default time zone: a day of validity is the same day on both paths. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final int MAX_TEXT = 1000;
    static final long MAX_COHORT = 100_000_000L;

    private final ApplicationStore store;
    private final AuditLog audit;
    private final Clock clock;

    @jakarta.inject.Inject
    public ApplicationService(ApplicationStore store, AuditLog audit) {
        this(store, audit, Clock.system(ZONE));
    }

    public ApplicationService(ApplicationStore store, AuditLog audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /** Files an application for the caller's own organisation; it waits for an APPROVER's decision. */
    public Application file(Caller caller, NewApplication request) {
        String purpose = text("purpose", request.purpose(), true);
        String legalBasis = text("legalBasis", request.legalBasis(), true);
        String ethics = text("ethicsReference", request.ethicsReference(), false);
        Long size = request.expectedCohortSize();
        if (size == null || size < 1 || size > MAX_COHORT) {
            throw invalid("expectedCohortSize", "expectedCohortSize must be between 1 and " + MAX_COHORT);
        }
        Set<FieldGroup> fields = groups("fields", request.fields(), true);
        LocalDate from = date("validFrom", request.validFrom(), true);
        LocalDate until = date("validUntil", request.validUntil(), true);
        if (until.isBefore(from)) {
            throw invalid("validUntil", "validUntil must not be before validFrom");
        }
        if (until.isBefore(today())) {
            throw invalid("validUntil", "validUntil must not be in the past");
        }
        Instant now = clock.instant();
        Application application = Application.newBuilder()
                .setApplicationId(UUID.randomUUID().toString())
                .setOrganisation(caller.organisation())
                .setSubmittedBy(caller.username())
                .setPurpose(purpose)
                .setLegalBasis(legalBasis)
                .setEthicsReference(ethics)
                .setExpectedCohortSize(size)
                .setRequestedFields(FieldGroup.names(fields))
                .setApprovedFields(List.of())
                .setValidFrom(from)
                .setValidUntil(until)
                .setStatus(ApplicationStatus.SUBMITTED)
                .setSubmittedAt(now)
                .setUpdatedAt(now)
                .build();
        record(caller, ApplicationChange.APPLICATION_SUBMITTED, application);
        store.save(application);
        log.info("Application {} filed by organisation {}", application.getApplicationId(), application.getOrganisation());
        return application;
    }

    /**
     * Approves a SUBMITTED application, as requested or narrowed: fewer field groups (DEATH_DATE always stays), a
     * later start, an earlier end; never wider than the request (VL-1603).
     */
    public Application approve(Caller caller, String applicationId, Decision decision) {
        Application current = toDecide(caller, applicationId, ApplicationStatus.SUBMITTED, "approved");
        Set<FieldGroup> requested = FieldGroup.of(current.getRequestedFields());
        Set<FieldGroup> fields = decision.fields() == null ? requested : groups("fields", decision.fields(), true);
        if (!requested.containsAll(fields)) {
            throw new ApiException(ErrorCode.APPROVAL_WIDER_THAN_REQUEST,
                    "An approval may grant only field groups that were requested: " + FieldGroup.names(requested), null, "fields");
        }
        LocalDate from = decision.validFrom() == null ? current.getValidFrom() : date("validFrom", decision.validFrom(), true);
        LocalDate until = decision.validUntil() == null ? current.getValidUntil() : date("validUntil", decision.validUntil(), true);
        if (from.isBefore(current.getValidFrom()) || until.isAfter(current.getValidUntil())) {
            throw new ApiException(ErrorCode.APPROVAL_WIDER_THAN_REQUEST, "An approval may shorten the requested validity ("
                    + current.getValidFrom() + " to " + current.getValidUntil() + "), not extend it", null,
                    from.isBefore(current.getValidFrom()) ? "validFrom" : "validUntil");
        }
        if (until.isBefore(from)) {
            throw invalid("validUntil", "validUntil must not be before validFrom");
        }
        Instant now = clock.instant();
        Application approved = Application.newBuilder(current)
                .setStatus(ApplicationStatus.APPROVED)
                .setApprovedFields(FieldGroup.names(fields))
                .setValidFrom(from)
                .setValidUntil(until)
                .setDecidedBy(caller.username())
                .setDecidedAt(now)
                .setDecisionReason(text("reason", decision.reason(), false))
                .setUpdatedAt(now)
                .build();
        return decided(caller, ApplicationChange.APPLICATION_APPROVED, approved);
    }

    /** Rejects a SUBMITTED application, with a reason. */
    public Application reject(Caller caller, String applicationId, Decision decision) {
        Application current = toDecide(caller, applicationId, ApplicationStatus.SUBMITTED, "rejected");
        Instant now = clock.instant();
        Application rejected = Application.newBuilder(current)
                .setStatus(ApplicationStatus.REJECTED)
                .setDecidedBy(caller.username())
                .setDecidedAt(now)
                .setDecisionReason(text("reason", decision.reason(), true))
                .setUpdatedAt(now)
                .build();
        return decided(caller, ApplicationChange.APPLICATION_REJECTED, rejected);
    }

    /**
     * Revokes an APPROVED application (expired ones too), with a reason: no new job starts under it from now on, on
     * either path; jobs already running finish, and a watched job's later results stop.
     */
    public Application revoke(Caller caller, String applicationId, Decision decision) {
        Application current = toDecide(caller, applicationId, ApplicationStatus.APPROVED, "revoked");
        Instant now = clock.instant();
        Application revoked = Application.newBuilder(current)
                .setStatus(ApplicationStatus.REVOKED)
                .setRevokedBy(caller.username())
                .setRevokedAt(now)
                .setRevocationReason(text("reason", decision.reason(), true))
                .setUpdatedAt(now)
                .build();
        return decided(caller, ApplicationChange.APPLICATION_REVOKED, revoked);
    }

    /** Audited before it is stored: a step the trail cannot record is not taken. */
    private Application decided(Caller caller, ApplicationChange change, Application application) {
        record(caller, change, application);
        store.save(application);
        log.info("Application {}: {}", application.getApplicationId(), change);
        return application;
    }

    /** Every application for an APPROVER; the caller's organisation's for anyone else. Newest first. */
    public List<Application> visibleTo(Caller caller) {
        return store.all().stream().filter(a -> canSee(caller, a))
                .sorted(Comparator.comparing(Application::getSubmittedAt).reversed()
                        .thenComparing(Application::getApplicationId))
                .toList();
    }

    /** The application when the caller may see it; 404 VL-1601 otherwise, as for one that does not exist. */
    public Application get(Caller caller, String applicationId) {
        return store.find(applicationId).filter(a -> canSee(caller, a))
                .orElseThrow(() -> new ApiException(ErrorCode.APPLICATION_NOT_FOUND, "No application with this id"));
    }

    @Override
    public ApplicationCheck.Allowed resolve(String organisation, String applicationId) {
        ApplicationCheck check = ApplicationRules.resolve(organisation, applicationId,
                id -> store.find(id).orElse(null), store.all(), today());
        if (check instanceof ApplicationCheck.Refused refused) {
            throw new ApiException(ErrorCode.of(refused.refusal()), refused.refusal().message());
        }
        return (ApplicationCheck.Allowed) check;
    }

    @Override
    public JobView.ApplicationSummary summary(String applicationId) {
        if (applicationId == null) {
            return null;
        }
        return store.find(applicationId)
                .map(a -> new JobView.ApplicationSummary(applicationId, ApplicationRules.stateOf(a, today()).name(),
                        a.getValidUntil().toString()))
                .orElse(new JobView.ApplicationSummary(applicationId, null, null));
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZONE));
    }

    private static boolean canSee(Caller caller, Application application) {
        return caller.has(Roles.APPROVER) || application.getOrganisation().equals(caller.organisation());
    }

    /**
     * The application an APPROVER is about to decide: it exists (404), is not the approver's own organisation's
     * (403 VL-1604: no one approves their own access) and is in {@code expected} state (409 VL-1602).
     */
    private Application toDecide(Caller caller, String applicationId, ApplicationStatus expected, String step) {
        Application current = store.find(applicationId)
                .orElseThrow(() -> new ApiException(ErrorCode.APPLICATION_NOT_FOUND, "No application with this id"));
        if (current.getOrganisation().equals(caller.organisation())) {
            throw new ApiException(ErrorCode.OWN_ORGANISATION_APPLICATION,
                    "An application of one's own organisation is decided by another organisation's APPROVER");
        }
        if (current.getStatus() != expected) {
            throw new ApiException(ErrorCode.APPLICATION_STATE_CONFLICT, "Only a " + expected + " application can be "
                    + step + "; this one is " + ApplicationRules.stateOf(current, today()));
        }
        return current;
    }

    private void record(Caller caller, ApplicationChange change, Application a) {
        String detail = "application=" + a.getApplicationId() + " organisation=" + a.getOrganisation()
                + (change == ApplicationChange.APPLICATION_SUBMITTED
                        ? " fields=" + String.join(",", a.getRequestedFields()) + " validFrom=" + a.getValidFrom()
                                + " validUntil=" + a.getValidUntil() + " expectedCohortSize=" + a.getExpectedCohortSize()
                        : change == ApplicationChange.APPLICATION_APPROVED
                                ? " fields=" + String.join(",", a.getApprovedFields()) + " validFrom=" + a.getValidFrom()
                                        + " validUntil=" + a.getValidUntil()
                                : "");
        audit.applicationChange(caller.username(), caller.organisation(), caller.sourceIp(), change, detail);
    }

    private static String text(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw invalid(field, field + " is required");
            }
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > MAX_TEXT) {
            throw invalid(field, field + " must be at most " + MAX_TEXT + " characters");
        }
        return trimmed;
    }

    private static Set<FieldGroup> groups(String field, List<String> names, boolean required) {
        if (names == null || names.isEmpty()) {
            if (required) {
                throw invalid(field, field + " must name at least one of " + List.of(FieldGroup.values()));
            }
            return EnumSet.of(FieldGroup.DEATH_DATE);
        }
        EnumSet<FieldGroup> groups = EnumSet.of(FieldGroup.DEATH_DATE);
        for (String name : names) {
            groups.add(FieldGroup.parse(name).orElseThrow(() -> invalid(field,
                    field + " may name only " + List.of(FieldGroup.values()))));
        }
        return groups;
    }

    private static LocalDate date(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw invalid(field, field + " is required (yyyy-MM-dd)");
            }
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw invalid(field, field + " must be a date as yyyy-MM-dd");
        }
    }

    private static ApiException invalid(String field, String detail) {
        return new ApiException(ErrorCode.APPLICATION_INVALID_FIELD, detail, null, field);
    }
}
