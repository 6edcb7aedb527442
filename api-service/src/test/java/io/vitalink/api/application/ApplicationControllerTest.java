package io.vitalink.api.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vitalink.api.auth.Roles;
import io.vitalink.api.testing.FakeJobPublisher;
import io.vitalink.api.testing.Http;
import io.vitalink.api.testing.InMemoryApplicationStore;
import io.vitalink.api.testing.RecordingAuditSink;
import io.vitalink.api.testing.TestApplications;
import io.vitalink.api.testing.TestUsers;
import io.vitalink.api.user.UserService;
import io.vitalink.avro.Application;
import io.vitalink.avro.AuditEvent;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Data-use applications over HTTP: who files and decides them, and how they gate job submission. */
@MicronautTest
class ApplicationControllerTest {

    static final String APPROVER = "registry-approver";
    static final String APPROVER_OF_A = "centre-a-approver";

    @Inject
    EmbeddedServer server;
    @Inject
    UserService users;
    @Inject
    InMemoryApplicationStore store;
    @Inject
    FakeJobPublisher publisher;
    @Inject
    RecordingAuditSink audit;

    Http http;
    String submitterA;
    String submitterB;
    String auditor;
    String approver;

    @BeforeEach
    void setUp() {
        store.clear();
        publisher.published.clear();
        TestUsers.createStandard(users);
        TestUsers.create(users, APPROVER, "cdc-registry", Roles.APPROVER);
        TestUsers.create(users, APPROVER_OF_A, TestUsers.CENTRE_A, Roles.APPROVER);
        http = new Http(URI.create(server.getURL().toString()));
        submitterA = http.token(TestUsers.SUBMITTER_A, TestUsers.PASSWORD);
        submitterB = http.token(TestUsers.SUBMITTER_B, TestUsers.PASSWORD);
        auditor = http.token(TestUsers.AUDITOR, TestUsers.PASSWORD);
        approver = http.token(APPROVER, TestUsers.PASSWORD);
    }

    @Test
    void aSubmitterFilesAnApplicationThatAnApproverOfTheRegistryApprovesNarrowed() {
        HttpResponse<String> filed = file(submitterA, List.of("DEATH_DATE", "CAUSES", "PLACE"));

        assertThat(filed.statusCode()).isEqualTo(201);
        JsonNode application = Http.json(filed);
        String id = application.path("applicationId").asText();
        assertThat(filed.headers().firstValue("Location")).hasValue("/api/v1/applications/" + id);
        assertThat(application.path("status").asText()).isEqualTo("SUBMITTED");
        assertThat(application.path("organisation").asText()).isEqualTo(TestUsers.CENTRE_A);
        assertThat(application.path("submittedBy").asText()).isEqualTo(TestUsers.SUBMITTER_A);

        HttpResponse<String> approved = decide(approver, id, "approve", Map.of("fields", List.of("CAUSES"),
                "validUntil", LocalDate.now().plusDays(30).toString(), "reason", "causes only"));

        assertThat(approved.statusCode()).isEqualTo(200);
        JsonNode decided = Http.json(approved);
        assertThat(decided.path("status").asText()).isEqualTo("APPROVED");
        assertThat(decided.path("approvedFields").toString()).isEqualTo("[\"DEATH_DATE\",\"CAUSES\"]");
        assertThat(decided.path("validUntil").asText()).isEqualTo(LocalDate.now().plusDays(30).toString());
        assertThat(decided.path("decidedBy").asText()).isEqualTo(APPROVER);
        assertThat(actions()).containsSubsequence("APPLICATION_SUBMITTED", "APPLICATION_APPROVED");
        assertThat(audit.snapshot()).filteredOn(e -> e.getAction().equals("APPLICATION_APPROVED")).singleElement()
                .satisfies(e -> assertThat(e.getDetail()).contains("application=" + id, "fields=DEATH_DATE,CAUSES")
                        .doesNotContain("causes only"));
    }

    @Test
    void aSubmitterCannotApproveAndAnApproverCannotFile() {
        String id = Http.json(file(submitterA, List.of("DEATH_DATE"))).path("applicationId").asText();

        assertThat(Http.code(decide(submitterA, id, "approve", Map.of()))).isEqualTo("VL-1103");
        assertThat(Http.code(decide(auditor, id, "approve", Map.of()))).isEqualTo("VL-1103");
        assertThat(Http.code(file(approver, List.of("DEATH_DATE")))).isEqualTo("VL-1103");
        assertThat(Http.code(file(auditor, List.of("DEATH_DATE")))).isEqualTo("VL-1103");
        assertThat(store.find(id)).hasValueSatisfying(a -> assertThat(a.getStatus().name()).isEqualTo("SUBMITTED"));
    }

    @Test
    void anApproverOfTheApplyingOrganisationCannotDecideItsApplication() {
        String id = Http.json(file(submitterA, List.of("DEATH_DATE"))).path("applicationId").asText();
        String ownApprover = http.token(APPROVER_OF_A, TestUsers.PASSWORD);

        HttpResponse<String> refused = decide(ownApprover, id, "approve", Map.of());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Http.code(refused)).isEqualTo("VL-1604");
        assertThat(store.find(id).orElseThrow().getStatus().name()).isEqualTo("SUBMITTED");
    }

    @Test
    void anApprovalCannotGrantMoreThanWasRequested() {
        String id = Http.json(file(submitterA, List.of("DEATH_DATE"))).path("applicationId").asText();

        assertThat(Http.code(decide(approver, id, "approve", Map.of("fields", List.of("CAUSES"))))).isEqualTo("VL-1603");
        assertThat(Http.code(decide(approver, id, "approve",
                Map.of("validUntil", LocalDate.now().plusYears(5).toString())))).isEqualTo("VL-1603");
    }

    @Test
    void rejectionAndRevocationNeedAReasonAndFollowTheStates() {
        String id = Http.json(file(submitterA, List.of("DEATH_DATE"))).path("applicationId").asText();

        assertThat(Http.code(decide(approver, id, "reject", Map.of()))).isEqualTo("VL-1600");
        assertThat(Http.code(decide(approver, id, "revoke", Map.of("reason", "not approved yet")))).isEqualTo("VL-1602");
        assertThat(Http.json(decide(approver, id, "reject", Map.of("reason", "no ethics approval"))).path("status").asText())
                .isEqualTo("REJECTED");
        assertThat(Http.code(decide(approver, id, "approve", Map.of()))).isEqualTo("VL-1602");
        assertThat(actions()).contains("APPLICATION_REJECTED");
    }

    @Test
    void anInvalidApplicationIsRefusedNamingTheField() {
        HttpResponse<String> refused = http.send("POST", "/api/v1/applications", submitterA, "application/json",
                Http.json(Map.of("purpose", "survival", "legalBasis", "law", "expectedCohortSize", 10,
                        "fields", List.of("SHOE_SIZE"), "validFrom", "2026-01-01", "validUntil", "2099-01-01")));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Http.code(refused)).isEqualTo("VL-1600");
        assertThat(Http.json(refused).path("field").asText()).isEqualTo("fields");
    }

    @Test
    void aSubmitterSeesOnlyItsOrganisationsApplicationsAndAnApproverSeesAll() {
        String a = Http.json(file(submitterA, List.of("DEATH_DATE"))).path("applicationId").asText();
        String b = Http.json(file(submitterB, List.of("DEATH_DATE"))).path("applicationId").asText();

        assertThat(ids(http.get("/api/v1/applications", submitterA))).containsExactly(a);
        assertThat(ids(http.get("/api/v1/applications", approver))).containsExactlyInAnyOrder(a, b);
        assertThat(ids(http.get("/api/v1/applications", auditor))).isEmpty();
        assertThat(Http.code(http.get("/api/v1/applications/" + a, submitterB))).isEqualTo("VL-1601");
        assertThat(http.get("/api/v1/applications/" + a, submitterA).statusCode()).isEqualTo(200);
    }

    @Test
    void aJobIsRefusedWithoutAnApprovedApplicationAndAcceptedOnceApproved() {
        HttpResponse<String> refused = submit(submitterA, "");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(Http.code(refused)).isEqualTo("VL-1610");

        String id = Http.json(file(submitterA, List.of("DEATH_DATE", "CAUSES"))).path("applicationId").asText();
        assertThat(Http.code(submit(submitterA, ""))).as("filed, not approved").isEqualTo("VL-1610");
        assertThat(Http.code(submit(submitterA, "?applicationId=" + id))).isEqualTo("VL-1612");
        assertThat(publisher.published).isEmpty();

        decide(approver, id, "approve", Map.of());
        HttpResponse<String> accepted = submit(submitterA, "");

        assertThat(accepted.statusCode()).isEqualTo(202);
        String jobId = Http.json(accepted).path("jobId").asText();
        assertThat(publisher.owners).last().satisfies(owner -> {
            assertThat(owner.applicationId()).isEqualTo(id);
            assertThat(owner.fieldGroups()).containsExactly("DEATH_DATE", "CAUSES");
        });
        JsonNode job = Http.json(http.get("/api/v1/jobs/" + jobId, submitterA));
        assertThat(job.path("application").path("id").asText()).isEqualTo(id);
        assertThat(job.path("application").path("status").asText()).isEqualTo("APPROVED");

        decide(approver, id, "revoke", Map.of("reason", "ethics approval withdrawn"));

        assertThat(Http.code(submit(submitterA, ""))).isEqualTo("VL-1610");
        assertThat(Http.code(submit(submitterA, "?applicationId=" + id))).isEqualTo("VL-1613");
        JsonNode listed = Http.json(http.get("/api/v1/jobs", submitterA)).path("jobs").get(0);
        assertThat(listed.path("application").path("status").asText()).isEqualTo("REVOKED");
        assertThat(actions()).contains("APPLICATION_REVOKED");
    }

    @Test
    void aJobNamingAnotherOrganisationsApplicationIsRefusedAsUnknown() {
        store.save(TestApplications.approved("b-only", TestUsers.CENTRE_B, TestApplications.ALL_FIELDS));

        assertThat(Http.code(submit(submitterA, "?applicationId=b-only"))).isEqualTo("VL-1611");
        assertThat(Http.code(submit(submitterA, "?applicationId=no-such"))).isEqualTo("VL-1611");
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void aJobMustNameOneOfSeveralActiveApplications() {
        store.save(TestApplications.approved("a-1", TestUsers.CENTRE_A, List.of("DEATH_DATE")));
        store.save(TestApplications.approved("a-2", TestUsers.CENTRE_A, TestApplications.ALL_FIELDS));

        HttpResponse<String> ambiguous = submit(submitterA, "");

        assertThat(ambiguous.statusCode()).isEqualTo(409);
        assertThat(Http.code(ambiguous)).isEqualTo("VL-1616");
        assertThat(submit(submitterA, "?applicationId=a-2").statusCode()).isEqualTo(202);
        assertThat(publisher.owners).last().satisfies(owner -> assertThat(owner.applicationId()).isEqualTo("a-2"));
    }

    @Test
    void aJobIsRefusedUnderAnExpiredApplicationAndItsJobsShowItExpired() {
        Application ended = Application.newBuilder(TestApplications.approved("a-old", TestUsers.CENTRE_A, List.of("DEATH_DATE")))
                .setValidFrom(LocalDate.now().minusYears(2)).setValidUntil(LocalDate.now().minusDays(2)).build();
        store.save(ended);

        HttpResponse<String> refused = submit(submitterA, "?applicationId=a-old");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Http.code(refused)).isEqualTo("VL-1614");
        assertThat(Http.code(submit(submitterA, ""))).isEqualTo("VL-1610");
        assertThat(Http.json(http.get("/api/v1/applications/a-old", submitterA)).path("status").asText()).isEqualTo("EXPIRED");
    }

    private HttpResponse<String> file(String token, List<String> fields) {
        return http.send("POST", "/api/v1/applications", token, "application/json", Http.json(Map.of(
                "purpose", "Five-year survival of the 2020 cancer cohort", "legalBasis", "Cancer registry regulation §12",
                "ethicsReference", "EC-2026-042", "expectedCohortSize", 20000, "fields", fields,
                "validFrom", LocalDate.now().minusDays(1).toString(), "validUntil", LocalDate.now().plusYears(1).toString())));
    }

    private HttpResponse<String> decide(String token, String id, String step, Map<String, Object> body) {
        return http.send("POST", "/api/v1/applications/" + id + "/" + step, token, "application/json", Http.json(body));
    }

    private HttpResponse<String> submit(String token, String query) {
        return http.send("POST", "/api/v1/jobs" + query, token, "text/csv", "record_id\nr1\n");
    }

    private List<String> actions() {
        return audit.snapshot().stream().map(AuditEvent::getAction).toList();
    }

    private static List<String> ids(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> ids = new java.util.ArrayList<>();
        Http.json(response).forEach(a -> ids.add(a.path("applicationId").asText()));
        return ids;
    }
}
