package io.vitalink.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A data-use application (申请审批) filed and approved through the API, as a centre and the registry holder do it:
 * what the local demo, the bench and the system tests set up before a centre's first job.
 */
public final class SampleApplication {

    /** Every result field group. */
    public static final List<String> EVERY_FIELD = List.of("DEATH_DATE", "CAUSES", "PLACE");

    private SampleApplication() {
    }

    /**
     * The id of an approved application of {@code submitter}'s organisation granting {@code fields}: one already
     * active with exactly these groups, or a new one filed by {@code submitter} and approved by {@code approver},
     * valid from yesterday for ten years.
     */
    public static String ensureApproved(ApiClient submitter, ApiClient approver, List<String> fields) {
        HttpResponse<String> listed = submitter.get("/api/v1/applications", "application/json");
        check(listed, 200, "listing the applications");
        for (JsonNode application : ApiClient.parse(listed.body())) {
            if ("APPROVED".equals(application.path("status").asText())
                    && approvedFields(application).equals(List.copyOf(fields))) {
                return application.path("applicationId").asText();
            }
        }
        return fileAndApprove(submitter, approver, fields);
    }

    /** A new application of {@code submitter}'s organisation for {@code fields}, approved as requested. */
    public static String fileAndApprove(ApiClient submitter, ApiClient approver, List<String> fields) {
        LocalDate today = LocalDate.now();
        HttpResponse<String> filed = submitter.send("POST", "/api/v1/applications", Map.of(
                "purpose", "Survival statistics of the centre's cancer registry (sample)",
                "legalBasis", "Sample data only: development and tests",
                "expectedCohortSize", 1_000_000,
                "fields", fields,
                "validFrom", today.minusDays(1).toString(),
                "validUntil", today.plusYears(10).toString()));
        check(filed, 201, "filing the application");
        String id = ApiClient.parse(filed.body()).path("applicationId").asText();
        check(approver.send("POST", "/api/v1/applications/" + id + "/approve", Map.of("reason", "sample approval")), 200,
                "approving the application");
        return id;
    }

    private static List<String> approvedFields(JsonNode application) {
        List<String> fields = new java.util.ArrayList<>();
        application.path("approvedFields").forEach(f -> fields.add(f.asText()));
        return fields;
    }

    private static void check(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
