package io.vitalink.api.application;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.vitalink.application.ApplicationRules;
import io.vitalink.avro.Application;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An application as the API shows it; {@code status} is its state today: SUBMITTED, APPROVED, REJECTED, REVOKED,
 * EXPIRED (approved, past validUntil) or NOT_YET_VALID (approved, before validFrom).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ApplicationView(String applicationId, String organisation, String submittedBy, String status, String purpose,
                              String legalBasis, String ethicsReference, long expectedCohortSize,
                              List<String> requestedFields, List<String> approvedFields, String validFrom,
                              String validUntil, String submittedAt, String decidedBy, String decidedAt,
                              String decisionReason, String revokedBy, String revokedAt, String revocationReason) {

    public static ApplicationView of(Application a, LocalDate today) {
        return new ApplicationView(a.getApplicationId(), a.getOrganisation(), a.getSubmittedBy(),
                ApplicationRules.stateOf(a, today).name(), a.getPurpose(), a.getLegalBasis(), a.getEthicsReference(),
                a.getExpectedCohortSize(), List.copyOf(a.getRequestedFields()), List.copyOf(a.getApprovedFields()),
                a.getValidFrom().toString(), a.getValidUntil().toString(), iso(a.getSubmittedAt()), a.getDecidedBy(),
                iso(a.getDecidedAt()), a.getDecisionReason(), a.getRevokedBy(), iso(a.getRevokedAt()), a.getRevocationReason());
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
