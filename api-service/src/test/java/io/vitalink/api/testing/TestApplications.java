package io.vitalink.api.testing;

import io.vitalink.api.application.ApplicationStore;
import io.vitalink.avro.Application;
import io.vitalink.avro.ApplicationStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Approved data-use applications for the tests' organisations, so that their jobs may run. Stored straight into the
 * store: the steps that lead there are ApplicationControllerTest's subject.
 */
public final class TestApplications {

    /** Every field group: results as they were before applications existed. */
    public static final List<String> ALL_FIELDS = List.of("DEATH_DATE", "CAUSES", "PLACE");

    private TestApplications() {
    }

    /** The one approved application of centre-a and of centre-b, every field group, valid a year either side of today. */
    public static void approveStandard(ApplicationStore store) {
        store.save(approved("application-" + TestUsers.CENTRE_A, TestUsers.CENTRE_A, ALL_FIELDS));
        store.save(approved("application-" + TestUsers.CENTRE_B, TestUsers.CENTRE_B, ALL_FIELDS));
    }

    public static Application approved(String id, String organisation, List<String> fields) {
        LocalDate today = LocalDate.now();
        return Application.newBuilder().setApplicationId(id).setOrganisation(organisation).setSubmittedBy("test")
                .setPurpose("tests").setLegalBasis("tests").setExpectedCohortSize(1000)
                .setRequestedFields(fields).setApprovedFields(fields)
                .setValidFrom(today.minusYears(1)).setValidUntil(today.plusYears(1)).setStatus(ApplicationStatus.APPROVED)
                .setSubmittedAt(Instant.now()).setUpdatedAt(Instant.now()).setDecidedBy("approver").setDecidedAt(Instant.now())
                .build();
    }
}
