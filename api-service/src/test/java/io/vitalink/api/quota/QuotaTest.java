package io.vitalink.api.quota;

import io.vitalink.api.testing.InMemoryApplicationStore;
import io.vitalink.api.testing.TestApplications;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vitalink.api.auth.Roles;
import io.vitalink.api.store.JobStore;
import io.vitalink.api.testing.FakeJobPublisher;
import io.vitalink.api.testing.Http;
import io.vitalink.api.testing.RecordingAuditSink;
import io.vitalink.api.testing.TestUsers;
import io.vitalink.api.user.UserService;
import io.vitalink.avro.AuditEvent;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /api/v1/jobs held to the organisation's quotas: the answers, what is published, what is audited. */
@MicronautTest
@Property(name = "vitalink.quotas.records-per-job", value = "3")
@Property(name = "vitalink.quotas.records-per-day", value = "5")
@Property(name = "vitalink.quotas.concurrent-jobs", value = "3")
@Property(name = "vitalink.quotas.concurrent-retry-after", value = "45s")
class QuotaTest {

    private static final AtomicInteger ORGANISATIONS = new AtomicInteger();

    @Inject
    EmbeddedServer server;
    @Inject
    UserService users;
    @Inject
    JobStore store;
    @Inject
    FakeJobPublisher publisher;
    @Inject
    RecordingAuditSink audit;
    @Inject
    InMemoryApplicationStore applicationStore;

    Http http;
    String organisation;
    String token;

    /** A fresh organisation per test: the counts of one test do not reach the next. */
    @BeforeEach
    void newOrganisation() {
        http = new Http(URI.create(server.getURL().toString()));
        int n = ORGANISATIONS.incrementAndGet();
        organisation = "quota-centre-" + n;
        TestUsers.create(users, "quota-submitter-" + n, organisation, Roles.SUBMITTER);
        applicationStore.save(TestApplications.approved("application-" + organisation, organisation, TestApplications.ALL_FIELDS));
        token = http.token("quota-submitter-" + n, TestUsers.PASSWORD);
    }

    @Test
    void aJobOverRecordsPerJobIsRefusedWith413AndNeitherPublishedNorShown() {
        int published = publisher.published.size();

        HttpResponse<String> refused = submit(4);

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(Http.code(refused)).isEqualTo("VL-1121");
        assertThat(refused.headers().firstValue("Retry-After")).isEmpty();
        assertThat(publisher.published).hasSize(published);
        assertThat(jobsOf(organisation)).isEmpty();
        assertThat(auditedCodes()).containsExactly("413:VL-1121");
    }

    @Test
    void theJobThatWouldPassTheDailyQuotaIsRefusedWith429UntilMidnightUtc() {
        assertThat(submit(3).statusCode()).isEqualTo(202);

        HttpResponse<String> refused = submit(3);
        long expectedWait = Duration.between(Instant.now(),
                LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()).toSeconds();

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(Http.code(refused)).isEqualTo("VL-1122");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(expectedWait - 5, expectedWait + 5);
        assertThat(submit(2).statusCode()).as("what is left of the day").isEqualTo(202);
        assertThat(Http.code(submit(1))).as("nothing is left").isEqualTo("VL-1122");
        assertThat(jobsOf(organisation)).hasSize(2);
        assertThat(auditedCodes()).containsExactly("202:null", "429:VL-1122", "202:null", "429:VL-1122");
    }

    @Test
    void anOrganisationWithConcurrentJobsInProgressIsRefusedWith429UntilOneEnds() {
        for (int i = 0; i < 3; i++) {
            assertThat(submit(1).statusCode()).isEqualTo(202);
        }

        HttpResponse<String> refused = submit(1);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(Http.code(refused)).isEqualTo("VL-1123");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("45");
        JobProgress first = jobsOf(organisation).get(0);
        store.progress().putUnlessFinal(JobProgress.newBuilder(first).setState(JobState.COMPLETED)
                .setExpected(1L).setEndedAt(Instant.now()).build());
        assertThat(submit(1).statusCode()).as("once one has ended").isEqualTo(202);
    }

    @Test
    void oneOrganisationAtItsQuotaDoesNotHoldAnotherBack() {
        for (int i = 0; i < 3; i++) {
            submit(1);
        }
        assertThat(Http.code(submit(1))).isEqualTo("VL-1123");

        newOrganisation();
        assertThat(submit(1).statusCode()).isEqualTo(202);
    }

    private HttpResponse<String> submit(int records) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < records; i++) {
            body.append("{\"recordId\":\"r").append(i).append("\"}\n");
        }
        return http.send("POST", "/api/v1/jobs", token, "application/x-ndjson", body.toString());
    }

    private List<JobProgress> jobsOf(String organisation) {
        List<JobProgress> jobs = new ArrayList<>();
        store.progress().forEach(p -> {
            if (organisation.equals(p.getOrganisation())) {
                jobs.add(p);
            }
            return true;
        });
        return jobs;
    }

    /** "status:reasonCode" of every audited submission of this test's organisation, in order. */
    private List<String> auditedCodes() {
        return audit.snapshot().stream()
                .filter(e -> organisation.equals(e.getOrganisation()) && e.getAction().equals("POST /api/v1/jobs"))
                .map(e -> e.getOutcome() + ":" + e.getReasonCode())
                .toList();
    }
}
