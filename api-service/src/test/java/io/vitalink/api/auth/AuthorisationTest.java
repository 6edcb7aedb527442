package io.vitalink.api.auth;

import io.vitalink.api.testing.InMemoryApplicationStore;
import io.vitalink.api.testing.TestApplications;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.annotation.Secured;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.vitalink.api.store.IngestBatch;
import io.vitalink.api.store.JobStore;
import io.vitalink.api.testing.Http;
import io.vitalink.api.testing.TestUsers;
import io.vitalink.api.user.UserService;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.serde.Codecs;
import io.vitalink.api.user.UserStore;
import io.vitalink.avro.User;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may do what: roles, organisation isolation (404, not 403), and a rule on every endpoint. */
@MicronautTest
class AuthorisationTest {

    @Inject
    EmbeddedServer server;
    @Inject
    UserService users;
    @Inject
    InMemoryApplicationStore applicationStore;
    @Inject
    JobStore store;
    @Inject
    Router router;
    @Inject
    UserStore userStore;

    Http http;
    TestUsers.Tokens tokens;

    @BeforeEach
    void setUp() {
        TestUsers.createStandard(users);
        TestApplications.approveStandard(applicationStore);
        http = new Http(URI.create(server.getURL().toString()));
        tokens = TestUsers.Tokens.logIn(http);
    }

    @Test
    void submitterCreatesAJobAndReadsItsStatusAndResults() {
        HttpResponse<String> submitted = submit(tokens.submitterA());
        String jobId = Http.json(submitted).path("jobId").asText();

        assertThat(submitted.statusCode()).isEqualTo(202);
        assertThat(http.get("/api/v1/jobs/" + jobId, tokens.submitterA()).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/v1/jobs/" + jobId + "/results", tokens.submitterA()).statusCode()).isEqualTo(200);
        assertThat(store.progress().get(jobId)).hasValueSatisfying(p -> {
            assertThat(p.getOrganisation()).isEqualTo(TestUsers.CENTRE_A);
            assertThat(p.getSubmittedBy()).isEqualTo(TestUsers.SUBMITTER_A);
        });
    }

    @Test
    void rolesAndOrganisationComeFromTheUserStoreOnEveryRequestNotFromTheToken() {
        String jobId = Http.json(submit(tokens.submitterA())).path("jobId").asText();
        User stored = users.get(TestUsers.SUBMITTER_A);
        try {
            // changed in the store without revoking the user's tokens: what the token claims no longer counts
            userStore.save(User.newBuilder(stored).setOrganisation(TestUsers.CENTRE_B).build());
            assertThat(http.get("/api/v1/jobs/" + jobId, tokens.submitterA()).statusCode()).isEqualTo(404);

            userStore.save(User.newBuilder(stored).setRoles(java.util.List.of(Roles.AUDITOR)).build());
            assertThat(submit(tokens.submitterA()).statusCode()).isEqualTo(403);
            assertThat(http.get("/api/v1/jobs/" + jobId, tokens.submitterA()).statusCode()).isEqualTo(200);
        } finally {
            userStore.save(stored);
        }
    }

    @Test
    void anotherOrganisationsJobIs404Vl1404LikeAJobThatDoesNotExist() {
        String jobId = Http.json(submit(tokens.submitterA())).path("jobId").asText();

        HttpResponse<String> status = http.get("/api/v1/jobs/" + jobId, tokens.submitterB());
        HttpResponse<String> results = http.get("/api/v1/jobs/" + jobId + "/results", tokens.submitterB());
        HttpResponse<String> missing = http.get("/api/v1/jobs/" + UUID.randomUUID(), tokens.submitterB());

        assertThat(status.statusCode()).isEqualTo(404);
        assertThat(Http.code(status)).isEqualTo("VL-1404");
        assertThat(results.statusCode()).isEqualTo(404);
        assertThat(Http.code(results)).isEqualTo("VL-1404");
        assertThat(status.body()).isEqualTo(missing.body());
    }

    @Test
    void aJobWithoutOwnerIsSeenByAuditorsOnly() {
        String jobId = UUID.randomUUID().toString();
        store.apply(new IngestBatch().progress(jobId, Codecs.JOB_PROGRESS.encode(JobProgress.newBuilder().setJobId(jobId)
                .setState(JobState.RUNNING).setCreatedAt(Instant.now()).build())));

        assertThat(http.get("/api/v1/jobs/" + jobId, tokens.submitterA()).statusCode()).isEqualTo(404);
        assertThat(http.get("/api/v1/jobs/" + jobId, tokens.auditor()).statusCode()).isEqualTo(200);
    }

    @Test
    void auditorReadsEveryJobsStatusButNeverResults() {
        String jobId = Http.json(submit(tokens.submitterA())).path("jobId").asText();

        HttpResponse<String> status = http.get("/api/v1/jobs/" + jobId, tokens.auditor());
        HttpResponse<String> results = http.get("/api/v1/jobs/" + jobId + "/results", tokens.auditor());
        HttpResponse<String> submit = submit(tokens.auditor());

        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(results.statusCode()).isEqualTo(403);
        assertThat(Http.code(results)).isEqualTo("VL-1103");
        assertThat(submit.statusCode()).isEqualTo(403);
        assertThat(Http.code(submit)).isEqualTo("VL-1103");
    }

    @Test
    void adminManagesUsersButIsNotASubmitter() {
        String jobId = Http.json(submit(tokens.submitterA())).path("jobId").asText();

        assertThat(http.get("/api/v1/users", tokens.admin()).statusCode()).isEqualTo(200);
        assertThat(Http.code(submit(tokens.admin()))).isEqualTo("VL-1103");
        assertThat(Http.code(http.get("/api/v1/jobs/" + jobId, tokens.admin()))).isEqualTo("VL-1103");
        assertThat(Http.code(http.get("/api/v1/jobs/" + jobId + "/results", tokens.admin()))).isEqualTo("VL-1103");
    }

    @Test
    void submittersAndAuditorsCannotManageUsers() {
        for (String token : List.of(tokens.submitterA(), tokens.auditor())) {
            HttpResponse<String> list = http.get("/api/v1/users", token);
            HttpResponse<String> create = http.send("POST", "/api/v1/users", token, "application/json",
                    Http.json(Map.of("username", "x", "organisation", "o", "roles", List.of("ADMIN"), "password", "long enough password")));
            assertThat(list.statusCode()).isEqualTo(403);
            assertThat(Http.code(list)).isEqualTo("VL-1103");
            assertThat(Http.code(create)).isEqualTo("VL-1103");
        }
        HttpResponse<String> othersPassword = http.send("PUT", "/api/v1/users/" + TestUsers.SUBMITTER_B + "/password", tokens.submitterA(),
                "application/json", Http.json(Map.of("newPassword", "taking over your account")));
        assertThat(othersPassword.statusCode()).isEqualTo(403);
        assertThat(Http.code(othersPassword)).isEqualTo("VL-1103");
    }

    @Test
    void submittersCannotReadTheAuditTrail() {
        HttpResponse<String> response = http.get("/api/v1/audit", tokens.submitterA());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Http.code(response)).isEqualTo("VL-1103");
        assertThat(http.get("/api/v1/audit", tokens.auditor()).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/v1/audit", tokens.admin()).statusCode()).isEqualTo(200);
    }

    @Test
    void healthIsAnonymousWithoutDetails() {
        HttpResponse<String> health = http.get("/health", null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(Http.json(health).path("status").asText()).isEqualTo("UP");
        assertThat(Http.json(health).has("details")).isFalse();
    }

    @Test
    void metricsScrapeIsAnonymous() {
        HttpResponse<String> scrape = http.get("/prometheus", null);

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(scrape.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void managementEndpointsOtherThanHealthAndPrometheusDoNotExist() {
        for (String path : List.of("/env", "/beans", "/loggers", "/routes", "/info", "/metrics", "/threaddump")) {
            assertThat(http.get(path, tokens.admin()).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void everyApiEndpointDeclaresWhoMayCallIt() {
        List<UriRouteInfo<?, ?>> routes = router.uriRoutes()
                .filter(route -> route.getUriMatchTemplate().toString().startsWith("/api/"))
                .toList();

        assertThat(routes).extracting(r -> r.getHttpMethod() + " " + r.getUriMatchTemplate()).contains(
                "POST /api/v1/login", "POST /api/v1/token/refresh", "POST /api/v1/jobs", "GET /api/v1/jobs/{jobId}",
                "GET /api/v1/jobs/{jobId}/results", "GET /api/v1/users", "POST /api/v1/users", "GET /api/v1/users/{username}",
                "PUT /api/v1/users/{username}", "DELETE /api/v1/users/{username}", "PUT /api/v1/users/{username}/password",
                "GET /api/v1/audit");
        assertThat(routes).allSatisfy(route -> assertThat(route.getTargetMethod().hasDeclaredAnnotation(Secured.class))
                .as(route.getHttpMethod() + " " + route.getUriMatchTemplate()).isTrue());
    }

    private HttpResponse<String> submit(String token) {
        return http.send("POST", "/api/v1/jobs", token, "application/x-ndjson", "{\"recordId\":\"r1\"}\n");
    }
}
