package io.vitalink.api.metrics;

import io.vitalink.api.testing.InMemoryApplicationStore;
import io.vitalink.api.testing.TestApplications;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vitalink.api.store.IngestBatch;
import io.vitalink.api.store.JobStore;
import io.vitalink.api.testing.Http;
import io.vitalink.api.testing.TestUsers;
import io.vitalink.api.user.UserService;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.serde.Codecs;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /prometheus: the domain meters move with what the API does, labels stay templates and enums. */
@MicronautTest
class MetricsEndpointTest {

    @Inject
    EmbeddedServer server;
    @Inject
    UserService users;
    @Inject
    InMemoryApplicationStore applicationStore;
    @Inject
    JobStore store;

    Http http;
    String token;

    @BeforeEach
    void setUp() {
        TestUsers.createStandard(users);
        TestApplications.approveStandard(applicationStore);
        http = new Http(URI.create(server.getURL().toString()));
        token = http.token(TestUsers.SUBMITTER_A, TestUsers.PASSWORD);
    }

    @Test
    void countsAcceptedJobsAndTheirRecordsByFormat() {
        double jobs = value("vitalink_jobs_submitted_total{format=\"ndjson\"}");
        double records = value("vitalink_requests_received_total{format=\"ndjson\"}");

        HttpResponse<String> accepted = http.send("POST", "/api/v1/jobs", token, "application/x-ndjson",
                "{\"recordId\":\"r1\"}\n{\"recordId\":\"r2\"}\n{\"recordId\":\"r3\"}\n");

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(value("vitalink_jobs_submitted_total{format=\"ndjson\"}")).isEqualTo(jobs + 1);
        assertThat(value("vitalink_requests_received_total{format=\"ndjson\"}")).isEqualTo(records + 3);
        assertThat(value("vitalink_jobs_submitted_total{format=\"csv\"}")).isZero();
    }

    @Test
    void countsRefusedUploadsByErrorCode() {
        double before = value("vitalink_uploads_rejected_total{code=\"VL-1002\"}");

        HttpResponse<String> refused = http.send("POST", "/api/v1/jobs", token, "application/x-ndjson",
                "{\"recordId\":\"r1\",\"birthDate\":\"31/12/1949\"}\n");

        assertThat(Http.code(refused)).isEqualTo("VL-1002");
        assertThat(value("vitalink_uploads_rejected_total{code=\"VL-1002\"}")).isEqualTo(before + 1);
    }

    @Test
    void keepsJobsByStateAsTheReadModelChangesAndTimesEndedJobs() {
        String jobId = UUID.randomUUID().toString();
        double running = value("vitalink_jobs{state=\"RUNNING\"}");
        double completed = value("vitalink_jobs{state=\"COMPLETED\"}");
        double ended = value("vitalink_job_duration_seconds_count{state=\"COMPLETED\"}");
        Instant created = Instant.parse("2026-11-23T08:00:00Z");

        store.apply(new IngestBatch().progress(jobId, progress(jobId, JobState.RUNNING, created, null)));
        assertThat(value("vitalink_jobs{state=\"RUNNING\"}")).isEqualTo(running + 1);

        store.apply(new IngestBatch().progress(jobId, progress(jobId, JobState.COMPLETED, created, created.plusSeconds(90))));
        assertThat(value("vitalink_jobs{state=\"RUNNING\"}")).isEqualTo(running);
        assertThat(value("vitalink_jobs{state=\"COMPLETED\"}")).isEqualTo(completed + 1);
        assertThat(value("vitalink_job_duration_seconds_count{state=\"COMPLETED\"}")).isEqualTo(ended + 1);
        assertThat(value("vitalink_job_duration_seconds_bucket{state=\"COMPLETED\",le=\"60.0\"}"))
                .isLessThan(value("vitalink_job_duration_seconds_bucket{state=\"COMPLETED\",le=\"120.0\"}"));

        store.apply(new IngestBatch().progress(jobId, null)); // purged past its retention
        assertThat(value("vitalink_jobs{state=\"COMPLETED\"}")).isEqualTo(completed);
    }

    @Test
    void latencyIsByRouteTemplateNeverByRawPath() {
        String jobId = Http.json(http.send("POST", "/api/v1/jobs", token, "application/x-ndjson", "{\"recordId\":\"r1\"}\n"))
                .path("jobId").asText();
        assertThat(http.get("/api/v1/jobs/" + jobId, token).statusCode()).isEqualTo(200);
        http.send("PATCH", "/api/v1/jobs/" + jobId + "?x=" + jobId, token, null, null); // no such route: 405

        String scrape = scrape();
        assertThat(scrape).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/api/v1/jobs/\\{jobId\\}\"");
        assertThat(scrape).containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/v1/jobs/\\{jobId\\}\"");
        assertThat(scrape).containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"405\",uri=\"UNMATCHED\"");
        assertThat(scrape).doesNotContain(jobId);
    }

    @Test
    void bindsJvmAndWebhookMeters() {
        // (jvm_gc_pause_seconds appears with the first collection after start: not asserted here)
        assertThat(scrape()).contains("jvm_memory_used_bytes", "jvm_threads_live_threads", "process_cpu_usage",
                "vitalink_webhook_deliveries_total{result=\"delivered\"}", "vitalink_results_stored_total{outcome=\"MATCHED\"}");
    }

    @Test
    void exportsTheQuotaLimitsAndTheirRefusalsFromTheStartAndTheRecordsOfEachOrganisation() {
        // the alerts on quotas read these before any refusal
        assertThat(scrape()).contains("vitalink_quota_refusals_total{quota=\"records-per-job\"}",
                "vitalink_quota_refusals_total{quota=\"records-per-day\"}",
                "vitalink_quota_refusals_total{quota=\"concurrent-jobs\"}");
        assertThat(value("vitalink_quota_limit{quota=\"records-per-day\"}")).isEqualTo(20_000_000);
        assertThat(value("vitalink_quota_limit{quota=\"records-per-job\"}")).isEqualTo(5_000_000);
        double records = value("vitalink_organisation_records_accepted_total{organisation=\"centre-a\"}");

        http.send("POST", "/api/v1/jobs", token, "application/x-ndjson", "{\"recordId\":\"r1\"}\n{\"recordId\":\"r2\"}\n");

        assertThat(value("vitalink_organisation_records_accepted_total{organisation=\"centre-a\"}")).isEqualTo(records + 2);
    }

    private static byte[] progress(String jobId, JobState state, Instant created, Instant completed) {
        return Codecs.JOB_PROGRESS.encode(JobProgress.newBuilder().setJobId(jobId).setState(state)
                .setCreatedAt(created).setStartedAt(created).setCompletedAt(completed).build());
    }

    private String scrape() {
        HttpResponse<String> response = http.get("/prometheus", null);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The value of one series, written exactly as the scrape writes it; 0 when absent. */
    private double value(String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)").matcher(scrape());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
