package io.vitalink.api.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vitalink.api.audit.AuditLog;
import io.vitalink.api.auth.Roles;
import io.vitalink.api.store.IngestBatch;
import io.vitalink.api.store.JobStore;
import io.vitalink.api.testing.FakeReviewPublisher;
import io.vitalink.api.testing.Http;
import io.vitalink.api.testing.RecordingAuditSink;
import io.vitalink.api.testing.TestUsers;
import io.vitalink.api.user.UserService;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.avro.LinkComparison;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import io.vitalink.avro.ResultTrigger;
import io.vitalink.avro.ReviewDecision;
import io.vitalink.topic.TopicSerdes;
import io.vitalink.topic.Topics;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The clerical review over HTTP, Kafka replaced: decisions reach the read model as its consumer would fold them. */
@MicronautTest
class ReviewControllerTest {

    private static final String REVIEWER_A = "reviewer-a";
    private static final String REVIEWER_B = "reviewer-b";
    private static final String PATIENT = "李四";
    private static final String DEAD = "李泗";
    private static final AtomicLong OFFSETS = new AtomicLong();

    @Inject
    EmbeddedServer server;
    @Inject
    JobStore store;
    @Inject
    UserService users;
    @Inject
    TopicSerdes serdes;
    @Inject
    RecordingAuditSink audit;
    @Inject
    FakeReviewPublisher publisher;

    Http http;
    String reviewerA;

    @BeforeEach
    void logIn() {
        TestUsers.createStandard(users);
        TestUsers.create(users, REVIEWER_A, TestUsers.CENTRE_A, Roles.REVIEWER);
        TestUsers.create(users, REVIEWER_B, TestUsers.CENTRE_B, Roles.REVIEWER);
        http = new Http(URI.create(server.getURL().toString()));
        reviewerA = http.token(REVIEWER_A, TestUsers.PASSWORD);
        publisher.fail = false;
        publisher.rival = null;
    }

    @Test
    void aReviewerSeesTheUncertainResultsOfTheJobWithBothSidesSideBySide() {
        String jobId = jobWithResults(TestUsers.CENTRE_A);

        HttpResponse<String> queue = http.get("/api/v1/jobs/" + jobId + "/review", reviewerA);

        assertThat(queue.statusCode()).isEqualTo(200);
        assertThat(queue.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(queue.body()).contains("\"recordId\":\"r2\"", "\"recordId\":\"r3\"").doesNotContain("\"recordId\":\"r1\"");
        assertThat(queue.body()).containsSubsequence("\"recordId\":\"r2\"", "\"outcome\":\"PROBABLE\"",
                "\"matchRule\":\"NAME_BIRTH_SEX\"", "\"score\":0.95", "\"nameSimilarity\":0.95", "\"discrepancies\":[\"NAME\"]",
                "\"status\":\"PENDING\"", "\"request\":{\"idNumber\":null", "\"name\":\"" + PATIENT + "\"", "\"sex\":\"M\"",
                "\"birthDate\":\"1950-03-04\"", "\"death\":{\"idNumber\":\"11010519500304001X\"", "\"name\":\"" + DEAD + "\"",
                "\"deathDate\":\"2024-01-02\"", "\"review\":null", "\"recordId\":\"r3\"", "\"outcome\":\"MATCHED_WITH_DISCREPANCY\"");
        assertThat(queue.body()).endsWith("\"next\":null}");
    }

    @Test
    void nobodyButAReviewerOfTheJobsOrganisationSeesTheComparedSides() {
        String jobId = jobWithResults(TestUsers.CENTRE_A);
        TestUsers.Tokens others = TestUsers.Tokens.logIn(http);

        for (String token : List.of(others.submitterA(), others.auditor(), others.admin())) {
            HttpResponse<String> refused = http.get("/api/v1/jobs/" + jobId + "/review", token);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("\"code\":\"VL-1103\"").doesNotContain(PATIENT);
        }
        HttpResponse<String> otherCentre = http.get("/api/v1/jobs/" + jobId + "/review", http.token(REVIEWER_B, TestUsers.PASSWORD));
        assertThat(otherCentre.statusCode()).isEqualTo(403);
        assertThat(otherCentre.body()).contains("\"code\":\"VL-1622\"").doesNotContain(PATIENT);
        HttpResponse<String> results = http.get("/api/v1/jobs/" + jobId + "/results", others.submitterA());
        assertThat(results.statusCode()).isEqualTo(200);
        assertThat(results.body()).contains("\"recordId\":\"r2\"").doesNotContain(PATIENT, DEAD, "comparison");
        assertThat(http.get("/api/v1/jobs/" + jobId + "/results", reviewerA).statusCode()).isEqualTo(403);
    }

    @Test
    void aDecisionBecomesPartOfTheResultAuditedWithoutTheNote() {
        String jobId = jobWithResults(TestUsers.CENTRE_A);

        HttpResponse<String> decided = decide(jobId, "r2", "{\"decision\":\"accept\",\"note\":\"same person, typo\"}");

        assertThat(decided.statusCode()).isEqualTo(201);
        assertThat(decided.body()).contains("\"status\":\"REVIEWED\"", "\"review\":{\"decision\":\"ACCEPT\",\"note\":\"same person, typo\","
                + "\"reviewer\":\"" + REVIEWER_A + "\"");
        String submitter = http.token(TestUsers.SUBMITTER_A, TestUsers.PASSWORD);
        String ndjson = http.get("/api/v1/jobs/" + jobId + "/results", submitter).body();
        assertThat(ndjson.lines().filter(l -> l.contains("\"recordId\":\"r2\"")).findFirst().orElseThrow())
                .contains("\"review\":{\"decision\":\"ACCEPT\",\"note\":\"same person, typo\",\"reviewer\":\"reviewer-a\",\"reviewedAt\":\"");
        assertThat(ndjson.lines().filter(l -> l.contains("\"recordId\":\"r3\"")).findFirst().orElseThrow()).endsWith("\"review\":null}");
        HttpResponse<String> csv = http.send("GET", "/api/v1/jobs/" + jobId + "/results", submitter, null, null,
                java.util.Map.of("Accept", "text/csv"));
        assertThat(csv.body().lines().filter(l -> l.startsWith("r2,")).findFirst().orElseThrow())
                .contains(",ACCEPT,\"same person, typo\",reviewer-a,");
        assertThat(http.get("/api/v1/jobs/" + jobId + "/review?status=REVIEWED", reviewerA).body())
                .contains("\"recordId\":\"r2\"").doesNotContain("\"recordId\":\"r3\"");
        assertThat(http.get("/api/v1/jobs/" + jobId + "/review?status=pending", reviewerA).body())
                .contains("\"recordId\":\"r3\"").doesNotContain("\"recordId\":\"r2\"");
        assertThat(audit.snapshot()).anySatisfy(e -> {
            assertThat(e.getAction()).isEqualTo(AuditLog.REVIEW_DECIDED);
            assertThat(e.getJobId()).isEqualTo(jobId);
            assertThat(e.getRecordId()).isEqualTo("r2");
            assertThat(e.getOutcome()).isEqualTo("ACCEPT");
            assertThat(e.getActor()).isEqualTo(REVIEWER_A);
            assertThat(e.getDetail()).contains("rule=NAME_BIRTH_SEX", "score=0.95").doesNotContain("typo");
        });
    }

    @Test
    void aSecondDecisionOnTheSameResultIsRefusedAndTheFirstStands() {
        String jobId = jobWithResults(TestUsers.CENTRE_A);
        assertThat(decide(jobId, "r2", "{\"decision\":\"REJECT\"}").statusCode()).isEqualTo(201);

        HttpResponse<String> second = decide(jobId, "r2", "{\"decision\":\"ACCEPT\"}");

        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(second.body()).contains("\"code\":\"VL-1625\"");
        assertThat(store.reviews().get(jobId, "r2").orElseThrow().getDecision()).isEqualTo("REJECT");
    }

    @Test
    void aDecisionThatLosesARaceToAnotherInstanceIsRefusedAndTheWinnerIsSentAgain() {
        String jobId = jobWithResults(TestUsers.CENTRE_A);
        MatchResult r3 = stored(jobId, "r3");
        publisher.rival = serdes.value(Topics.REVIEW_DECISIONS).serializer().serialize(Topics.REVIEW_DECISIONS.name(),
                ReviewDecision.newBuilder().setDecisionId("other-instance").setJobId(jobId).setRecordId("r3")
                        .setOrganisation(TestUsers.CENTRE_A).setDecision("UNSURE").setReviewer("reviewer-x")
                        .setReviewedAt(Instant.now()).setResultDecidedAt(r3.getDecidedAt()).setOutcome(r3.getOutcome())
                        .setMatchRule(r3.getMatchRule()).setScore(r3.getScore()).build());

        HttpResponse<String> lost = decide(jobId, "r3", "{\"decision\":\"ACCEPT\"}");

        assertThat(lost.statusCode()).isEqualTo(409);
        assertThat(lost.body()).contains("\"code\":\"VL-1625\"");
        assertThat(store.reviews().get(jobId, "r3").orElseThrow().getDecisionId()).isEqualTo("other-instance");
        assertThat(store.reviews().refusals(jobId)).extracting(ReviewDecision::getDecision).containsExactly("ACCEPT");
        // the winner is the latest on the key again, so compaction keeps it
        assertThat(publisher.keys).containsSubsequence(Topics.reviewKey(jobId, "r3"), Topics.reviewKey(jobId, "r3"));
    }

    @Test
    void refusesBadInputAndWhatNeedsNoReviewWithTheirCodes() {
        String jobId = jobWithResults(TestUsers.CENTRE_A);

        assertRefused(decide(jobId, "r2", "{\"decision\":\"MAYBE\"}"), 400, "VL-1620");
        assertRefused(decide(jobId, "r2", "{\"note\":\"no verdict\"}"), 400, "VL-1620");
        assertRefused(decide(jobId, "r2", "{\"decision\":\"ACCEPT\",\"note\":\"" + "x".repeat(1001) + "\"}"), 400, "VL-1621");
        assertRefused(decide(jobId, "r1", "{\"decision\":\"ACCEPT\"}"), 409, "VL-1624");
        assertRefused(decide(jobId, "no-such-record", "{\"decision\":\"ACCEPT\"}"), 404, "VL-1623");
        assertRefused(decide(UUID.randomUUID().toString(), "r2", "{\"decision\":\"ACCEPT\"}"), 404, "VL-1404");
        assertRefused(http.send("POST", "/api/v1/jobs/" + jobId + "/review/r2", http.token(REVIEWER_B, TestUsers.PASSWORD),
                "application/json", "{\"decision\":\"ACCEPT\"}"), 403, "VL-1622");
        assertRefused(http.send("POST", "/api/v1/jobs/" + jobId + "/review/r2", http.token(TestUsers.SUBMITTER_A, TestUsers.PASSWORD),
                "application/json", "{\"decision\":\"ACCEPT\"}"), 403, "VL-1103");
        assertRefused(http.get("/api/v1/jobs/" + jobId + "/review?status=DONE", reviewerA), 400, "VL-1626");
        assertRefused(http.get("/api/v1/jobs/" + jobId + "/review?limit=0", reviewerA), 400, "VL-1626");
        assertRefused(http.get("/api/v1/jobs/" + jobId + "/review?cursor=%21%21", reviewerA), 400, "VL-1626");
        assertThat(store.reviews().get(jobId, "r2")).isEmpty();
    }

    @Test
    void aDecisionKafkaDidNotStoreIsNotMade() {
        String jobId = jobWithResults(TestUsers.CENTRE_A);
        publisher.fail = true;

        assertRefused(decide(jobId, "r2", "{\"decision\":\"ACCEPT\"}"), 503, "VL-1627");

        assertThat(store.reviews().get(jobId, "r2")).isEmpty();
    }

    @Test
    void aWatchedRecordsLaterResultIsPendingAgainAndKeepsNoReviewOfTheOldOne() {
        String jobId = jobWithResults(TestUsers.CENTRE_A);
        assertThat(decide(jobId, "r2", "{\"decision\":\"ACCEPT\"}").statusCode()).isEqualTo(201);
        MatchResult old = stored(jobId, "r2");
        MatchResult later = MatchResult.newBuilder(old).setDecidedAt(old.getDecidedAt().plusSeconds(3600)).setScore(0.97)
                .setTrigger(ResultTrigger.UPDATED).setPreviousOutcome(Outcome.PROBABLE).build();
        store.apply(new IngestBatch().result(later, 0, OFFSETS.incrementAndGet(), serdes.codec(MatchResult.class).encode(later)));

        assertThat(http.get("/api/v1/jobs/" + jobId + "/review?status=PENDING", reviewerA).body()).contains("\"recordId\":\"r2\"");
        String results = http.get("/api/v1/jobs/" + jobId + "/results", http.token(TestUsers.SUBMITTER_A, TestUsers.PASSWORD)).body();
        assertThat(results.lines().filter(l -> l.contains("\"recordId\":\"r2\"")).findFirst().orElseThrow()).endsWith("\"review\":null}");
        assertThat(decide(jobId, "r2", "{\"decision\":\"REJECT\"}").statusCode()).isEqualTo(201);
        assertThat(store.reviews().get(jobId, "r2").orElseThrow().getScore()).isEqualTo(0.97);
    }

    @Test
    void theOrganisationsQueueListsEveryJobsUncertainResultsPageByPage() {
        String organisation = "centre-q-" + UUID.randomUUID().toString().substring(0, 8);
        String reviewer = "reviewer-" + organisation;
        TestUsers.create(users, reviewer, organisation, Roles.REVIEWER);
        String token = http.token(reviewer, TestUsers.PASSWORD);
        jobWithResults(organisation);
        jobWithResults(organisation);

        HttpResponse<String> first = http.get("/api/v1/review?limit=3", token);
        String next = first.body().replaceAll(".*\"next\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> second = http.get("/api/v1/review?limit=3&cursor=" + next, token);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(count(first.body(), "\"recordId\"")).isEqualTo(3);
        assertThat(count(second.body(), "\"recordId\"")).isEqualTo(1);
        assertThat(second.body()).endsWith("\"next\":null}");
        assertThat(http.get("/api/v1/review", reviewerA).body()).doesNotContain(organisation);
    }

    @Test
    void theReportCountsReviewedLinksPerRuleAndOnlySuggests() {
        String organisation = "centre-r-" + UUID.randomUUID().toString().substring(0, 8);
        String reviewer = "reviewer-" + organisation;
        TestUsers.create(users, reviewer, organisation, Roles.REVIEWER);
        String token = http.token(reviewer, TestUsers.PASSWORD);
        String jobId = jobWithResults(organisation);
        assertThat(http.send("POST", "/api/v1/jobs/" + jobId + "/review/r2", token, "application/json",
                "{\"decision\":\"ACCEPT\"}").statusCode()).isEqualTo(201);
        assertThat(http.send("POST", "/api/v1/jobs/" + jobId + "/review/r3", token, "application/json",
                "{\"decision\":\"REJECT\"}").statusCode()).isEqualTo(201);

        HttpResponse<String> report = http.get("/api/v1/review/report", token);

        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).contains("\"scope\":\"" + organisation + "\"", "\"target\":0.95",
                "{\"matchRule\":\"ID_EXACT\",\"accepted\":0,\"rejected\":1,\"unsure\":0",
                "{\"matchRule\":\"NAME_BIRTH_SEX\",\"accepted\":1,\"rejected\":0,\"unsure\":0",
                "{\"threshold\":0.95,\"accepted\":1,\"rejected\":0,\"unsure\":0,\"precision\":1.0",
                "\"suggestedThreshold\":null", "\"apply\":null", "\"applyWith\":\"PUT /api/v1/config (ADMIN)\"");
        HttpResponse<String> admin = http.get("/api/v1/review/report?target=0.9", http.token(TestUsers.ADMIN, TestUsers.PASSWORD));
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("\"scope\":\"all\"", "\"target\":0.9");
        assertRefused(http.get("/api/v1/review/report?target=1.5", token), 400, "VL-1626");
        assertRefused(http.get("/api/v1/review/report", http.token(TestUsers.SUBMITTER_A, TestUsers.PASSWORD)), 403, "VL-1103");
    }

    @Test
    void theReportNamesTheSettingsAnAdministratorWouldApplyOnceTheLabelsSupportIt() {
        String organisation = "centre-s-" + UUID.randomUUID().toString().substring(0, 8);
        String reviewer = "reviewer-" + organisation;
        TestUsers.create(users, reviewer, organisation, Roles.REVIEWER);
        IngestBatch labels = new IngestBatch();
        for (int i = 0; i < 80; i++) {
            labels.review(9, OFFSETS.incrementAndGet(), serdes.value(Topics.REVIEW_DECISIONS).serializer().serialize(
                    Topics.REVIEW_DECISIONS.name(), ReviewDecision.newBuilder().setDecisionId("d" + i).setJobId("job-" + i)
                            .setRecordId("r").setOrganisation(organisation).setDecision("ACCEPT").setReviewer(reviewer)
                            .setReviewedAt(Instant.now()).setResultDecidedAt(Instant.EPOCH).setOutcome(Outcome.PROBABLE)
                            .setMatchRule("NAME_BIRTH_SEX").setScore(0.955).build()));
        }
        store.apply(labels);

        HttpResponse<String> report = http.get("/api/v1/review/report", http.token(reviewer, TestUsers.PASSWORD));

        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).contains("\"suggestedThreshold\":0.95,\"suggestedMargin\":0.02,\"reason\":null",
                "\"apply\":{\"matching.probableThreshold\":0.95,\"matching.probableMargin\":0.02}");
    }

    /** A COMPLETED job of {@code organisation}: r1 MATCHED, r2 PROBABLE, r3 MATCHED_WITH_DISCREPANCY, sealed as stored. */
    private String jobWithResults(String organisation) {
        String jobId = UUID.randomUUID().toString();
        store.progress().putIfAbsent(JobProgress.newBuilder().setJobId(jobId).setState(JobState.COMPLETED)
                .setOrganisation(organisation).build());
        Instant decided = Instant.parse("2026-02-03T04:05:06Z");
        MatchResult matched = MatchResult.newBuilder().setJobId(jobId).setRecordId("r1").setSequence(0L).setOutcome(Outcome.MATCHED)
                .setMatchRule("ID_EXACT").setScore(1.0).setLinkedId("11010519491231002X").setDecidedAt(decided).build();
        MatchResult probable = MatchResult.newBuilder().setJobId(jobId).setRecordId("r2").setSequence(1L).setOutcome(Outcome.PROBABLE)
                .setMatchRule("NAME_BIRTH_SEX").setScore(0.95).setNameSimilarity(0.95).setReasonCode("VL-2001")
                .setDiscrepancies(List.of("NAME")).setLinkedId("11010519500304001X").setDeathDate(LocalDate.of(2024, 1, 2))
                .setDecidedAt(decided.plusMillis(1))
                .setComparison(LinkComparison.newBuilder().setRequestName(PATIENT).setRequestSex("M").setRequestBirthDate("1950-03-04")
                        .setDeathIdNumber("11010519500304001X").setDeathName(DEAD).setDeathSex("M").setDeathBirthDate("1950-03-04")
                        .build())
                .build();
        MatchResult discrepant = MatchResult.newBuilder().setJobId(jobId).setRecordId("r3").setSequence(2L)
                .setOutcome(Outcome.MATCHED_WITH_DISCREPANCY).setMatchRule("ID_EXACT").setScore(0.67).setNameSimilarity(1.0)
                .setDiscrepancies(List.of("SEX")).setLinkedId("44052418800101001X").setDecidedAt(decided.plusMillis(2))
                .setComparison(LinkComparison.newBuilder().setRequestIdNumber("44052418800101001X").setRequestName("王五")
                        .setRequestSex("F").setDeathIdNumber("44052418800101001X").setDeathName("王五").setDeathSex("M").build())
                .build();
        IngestBatch batch = new IngestBatch();
        for (MatchResult result : List.of(matched, probable, discrepant)) {
            batch.result(result, 0, OFFSETS.incrementAndGet(), serdes.codec(MatchResult.class).encode(result));
        }
        store.apply(batch);
        return jobId;
    }

    private MatchResult stored(String jobId, String recordId) {
        try (var cursor = store.results().cursor(jobId)) {
            for (MatchResult r = cursor.next(); r != null; r = cursor.next()) {
                if (r.getRecordId().equals(recordId)) {
                    return r;
                }
            }
        }
        throw new AssertionError("no result " + recordId);
    }

    private HttpResponse<String> decide(String jobId, String recordId, String body) {
        return http.send("POST", "/api/v1/jobs/" + jobId + "/review/" + recordId, reviewerA, "application/json", body);
    }

    private static void assertRefused(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains("\"code\":\"" + code + "\"");
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
