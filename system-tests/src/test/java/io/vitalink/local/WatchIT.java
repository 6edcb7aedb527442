package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.vitalink.api.auth.Caller;
import io.vitalink.api.auth.Roles;
import io.vitalink.api.user.NewUser;
import io.vitalink.api.user.UserService;
import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.example.CentreKafkaClient;
import io.vitalink.streams.MatchStreamsApp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watched cohorts on the real broker: a cohort of 10,000 submitted while none of them is dead is linked, late and
 * exactly once, as the death-loader adds, withdraws and corrects their deaths, through a rebalance of match-streams
 * and a restart of the whole stack; its webhook is called once for a burst; another organisation's cohort of the same
 * people gets its own changes only; a job not watched, one whose watch was ended and one whose watch is over get none.
 */
@Tag("integration")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class WatchIT {

    private static final long SEED = 2026_12_07L;
    private static final int COHORT = 10_000;
    private static final int DYING = 1_000;
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static final LocalDate UNTIL = TODAY.plusYears(5);
    private static final Credentials CENTRE_B =
            new Credentials("centre-b", "centre-b-submitter-password", "centre-b");
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private HttpServer receiver;
    private final List<JsonNode> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            if ("job.changes".equals(exchange.getRequestHeaders().getFirst("Vitalink-Event"))) {
                events.add(ApiClient.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void lateDeathsWithdrawalsAndCorrectionsReachEachWatchingCohortExactlyOnce() throws Exception {
        List<SampleDeath> deaths = SampleData.deaths(SEED, DYING);
        List<SampleRequest> cohort = SampleData.requests(SEED, deaths, COHORT, DYING, 0);
        Map<String, String> recordOfId = cohort.stream().collect(Collectors.toMap(SampleRequest::idNumber, SampleRequest::recordId));
        Set<String> dying = deaths.stream().map(d -> recordOfId.get(d.idNumber())).collect(Collectors.toSet());
        List<SampleRequest> firstTwoThousand = cohort.subList(0, 2_000);
        Set<String> inB = firstTwoThousand.stream().map(SampleRequest::recordId).collect(Collectors.toSet());
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        LocalStack.Settings settings = new LocalStack.Settings(dataDir, 0, 0, 3);
        String a;
        String b;
        String unwatched;
        String ended;
        String expired = UUID.randomUUID().toString();
        try (LocalStack stack = LocalStack.start(settings)) {
            stack.approveSampleApplication(); // jobs of the sample centre run under it
            createCentreB(stack);
            stack.approveApplication(CENTRE_B);
            ApiClient centreA = stack.client(LocalStack.SUBMITTER);
            ApiClient centreB = new ApiClient(stack.api(), CENTRE_B.username(), CENTRE_B.password());

            // Given a watched cohort of 10,000 with a webhook, the first 2,000 of them watched by centre B too, and
            // three jobs of the same people that must hear nothing: not watched, watch ended, watch already over
            a = centreA.submitJson(envelope(cohort, UNTIL, hook));
            b = centreB.submitJson(envelope(firstTwoThousand, UNTIL, null));
            unwatched = centreA.submitJson(envelope(cohort.subList(0, 500), null, null));
            ended = centreA.submitJson(envelope(cohort.subList(0, 500), UNTIL, null));
            try (CentreKafkaClient kafka = new CentreKafkaClient(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    stack.bootstrapServers()), dataDir.resolve("keys"), LocalStack.CENTRE)) {
                kafka.openJob(expired, LocalStack.SUBMITTER.username(), TODAY.minusDays(1), Duration.ofMinutes(1));
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (SampleRequest patient : cohort.subList(0, 300)) {
                    sent.add(kafka.send(MatchRequest.newBuilder().setJobId(expired).setRecordId(patient.recordId())
                            .setIdNumber(patient.idNumber()).setName(patient.name()).setSex(patient.sex())
                            .setBirthDate(patient.birthDate()).build()));
                }
                kafka.closeJob(expired, sent);
            }
            for (String job : List.of(a, unwatched, ended, expired)) {
                assertThat(centreA.awaitCompleted(job, WAIT).path("matched").asLong()).isZero();
            }
            assertThat(centreB.awaitCompleted(b, WAIT).path("notFound").asLong()).isEqualTo(2_000);
            assertThat(centreA.send("DELETE", "/api/v1/jobs/" + ended, null).statusCode()).isEqualTo(202);
            await(() -> !centreA.job(ended).path("watchEndedAt").isNull());

            // When the registry gains the deaths of 1,000 of them
            Path deathsCsv = dataDir.resolve("deaths.csv");
            SampleData.writeDeathsCsv(deaths, deathsCsv);
            assertThat(stack.loadDeaths(deathsCsv, "late-deaths").loaded()).isEqualTo(DYING);

            // Then exactly those 1,000 are linked late, once, and the webhook is called once for the burst
            await(() -> centreA.job(a).path("changes").asLong() == DYING);
            List<JsonNode> feed = feed(centreA, a);
            assertThat(feed).hasSize(DYING).allSatisfy(change -> {
                assertThat(change.path("trigger").asText()).isEqualTo("NEW_DEATH_RECORD");
                assertThat(change.path("previousOutcome").asText()).isEqualTo("NOT_FOUND");
                assertThat(change.path("outcome").asText()).isEqualTo("MATCHED");
            });
            assertThat(recordIds(feed)).isEqualTo(dying);
            JsonNode job = centreA.job(a);
            assertThat(job.path("matched").asLong()).isEqualTo(DYING);
            assertThat(job.path("notFound").asLong()).isEqualTo(COHORT - DYING);
            await(() -> events.size() == 1);
            Thread.sleep(8_000); // longer than the quiet period: no second event for the same burst
            assertThat(events).hasSize(1);
            assertThat(events.get(0).path("jobId").asText()).isEqualTo(a);
            assertThat(events.get(0).path("changes").asLong()).isEqualTo(DYING);
            assertThat(events.get(0).path("cursor").asText()).isEqualTo(last(feed).path("cursor").asText());

            // and centre B hears of its own people only; the other jobs hear nothing
            Set<String> dyingInB = intersection(dying, inB);
            await(() -> centreB.job(b).path("changes").asLong() == dyingInB.size());
            assertThat(recordIds(feed(centreB, b))).isEqualTo(dyingInB);
            assertThat(centreB.get("/api/v1/jobs/" + a + "/changes", "application/x-ndjson").statusCode()).isEqualTo(404);
            for (String quiet : List.of(unwatched, ended, expired)) {
                assertThat(feed(centreA, quiet)).as("changes of %s", quiet).isEmpty();
                assertThat(centreA.job(quiet).path("changes").asLong()).isZero();
            }

            // When 10 deaths are withdrawn while a second match-streams instance takes over some of the partitions
            try (MatchStreamsApp second = stack.startAnotherMatcher("second")) {
                second.awaitRunning(Duration.ofSeconds(90));
                Path withdrawn = dataDir.resolve("withdrawn.csv");
                Files.writeString(withdrawn, "id_number\n" + deaths.subList(0, 10).stream().map(SampleDeath::idNumber)
                        .collect(Collectors.joining("\n")) + "\n");
                assertThat(stack.withdrawDeaths(withdrawn, "withdrawals").withdrawn()).isEqualTo(10);

                // Then exactly those 10 are retracted
                await(() -> centreA.job(a).path("changes").asLong() == DYING + 10);
            }
        }

        // When the whole stack restarts and 5 deaths are corrected
        try (LocalStack stack = LocalStack.start(settings)) {
            stack.approveSampleApplication(); // jobs of the sample centre run under it
            ApiClient centreA = stack.client(LocalStack.SUBMITTER);
            ApiClient centreB = new ApiClient(stack.api(), CENTRE_B.username(), CENTRE_B.password());
            List<SampleDeath> corrected = deaths.subList(10, 15).stream().map(WatchIT::correctedCause).toList();
            Path correctionsCsv = dataDir.resolve("corrections.csv");
            SampleData.writeDeathsCsv(corrected, correctionsCsv);
            assertThat(stack.loadDeaths(correctionsCsv, "corrections").updated()).isEqualTo(5);

            // Then exactly 5 updates follow, and the feed holds each change once: 1,000 links, 10 retractions, 5 updates
            await(() -> centreA.job(a).path("changes").asLong() == DYING + 15);
            Thread.sleep(3_000);
            List<JsonNode> feed = feed(centreA, a);
            Map<String, Long> byTrigger = feed.stream().collect(Collectors.groupingBy(c -> c.path("trigger").asText(), Collectors.counting()));
            assertThat(byTrigger).containsExactlyInAnyOrderEntriesOf(Map.of("NEW_DEATH_RECORD", 1_000L, "RETRACTED", 10L, "UPDATED", 5L));
            assertThat(feed.stream().map(c -> c.path("cursor").asText()).distinct().count()).isEqualTo(feed.size());
            Set<String> withdrawnRecords = deaths.subList(0, 10).stream().map(d -> recordOfId.get(d.idNumber())).collect(Collectors.toSet());
            assertThat(recordIds(feed.stream().filter(c -> c.path("trigger").asText().equals("RETRACTED")).toList()))
                    .isEqualTo(withdrawnRecords);
            Map<String, String> correctedCause = corrected.stream()
                    .collect(Collectors.toMap(d -> recordOfId.get(d.idNumber()), SampleDeath::directCauseIcd10));
            assertThat(feed.stream().filter(c -> c.path("trigger").asText().equals("UPDATED")))
                    .allSatisfy(c -> assertThat(c.path("directCauseIcd10").asText())
                            .isEqualTo(correctedCause.get(c.path("recordId").asText())));
            JsonNode job = centreA.job(a);
            assertThat(job.path("changes").asLong()).isEqualTo(DYING + 15);
            assertThat(job.path("matched").asLong()).isEqualTo(DYING - 10);
            assertThat(job.path("notFound").asLong()).isEqualTo(COHORT - DYING + 10);
            // the results show each record's latest decision
            List<String> results = centreA.get("/api/v1/jobs/" + a + "/results", "application/x-ndjson").body().lines().toList();
            assertThat(results).hasSize(COHORT);
            assertThat(results.stream().filter(line -> line.contains("\"outcome\":\"MATCHED\""))).hasSize(DYING - 10);

            // and centre B got its own share of the same changes, once each
            Set<String> dyingInB = intersection(dying, inB);
            long withdrawnInB = intersection(withdrawnRecords, inB).size();
            long correctedInB = corrected.stream().filter(d -> inB.contains(recordOfId.get(d.idNumber()))).count();
            await(() -> centreB.job(b).path("changes").asLong() == dyingInB.size() + withdrawnInB + correctedInB);
            assertThat(feed(centreB, b)).hasSize((int) (dyingInB.size() + withdrawnInB + correctedInB));
            for (String quiet : List.of(unwatched, ended, expired)) {
                assertThat(feed(centreA, quiet)).isEmpty();
            }
        }
    }

    private static void createCentreB(LocalStack stack) {
        stack.apiInstance().context().getBean(UserService.class).createIfAbsent(Caller.system("watch-it"),
                new NewUser(CENTRE_B.username(), "Centre B", CENTRE_B.organisation(), List.of(Roles.SUBMITTER), true,
                        CENTRE_B.password()));
    }

    private static String envelope(List<SampleRequest> patients, LocalDate until, String callbackUrl) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode records = body.putArray("records");
        for (SampleRequest p : patients) {
            records.addObject().put("recordId", p.recordId()).put("idNumber", p.idNumber()).put("name", p.name())
                    .put("sex", p.sex()).put("birthDate", p.birthDate().toString());
        }
        if (until != null) {
            body.putObject("watch").put("until", until.toString());
        }
        if (callbackUrl != null) {
            body.put("callbackUrl", callbackUrl);
        }
        return body.toString();
    }

    /** The whole changes feed, page by page, as a client syncs it. */
    private static List<JsonNode> feed(ApiClient api, String jobId) {
        List<JsonNode> changes = new ArrayList<>();
        String since = "";
        while (true) {
            HttpResponse<String> page = api.get("/api/v1/jobs/" + jobId + "/changes?limit=400&since=" + since, "application/x-ndjson");
            assertThat(page.statusCode()).isEqualTo(200);
            page.body().lines().map(ApiClient::parse).forEach(changes::add);
            if (page.headers().firstValue("Link").isEmpty()) {
                return changes;
            }
            since = page.headers().firstValue("Vitalink-Next-Cursor").orElseThrow();
        }
    }

    private static Set<String> recordIds(List<JsonNode> changes) {
        Set<String> ids = new HashSet<>();
        changes.forEach(change -> assertThat(ids.add(change.path("recordId").asText() + "/" + change.path("trigger").asText()))
                .as("one change per record and trigger").isTrue());
        return changes.stream().map(change -> change.path("recordId").asText()).collect(Collectors.toSet());
    }

    private static JsonNode last(List<JsonNode> feed) {
        return feed.get(feed.size() - 1);
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return both;
    }

    /** Another cause than the one recorded: stomach cancer, or liver cancer for a death already of stomach cancer. */
    private static SampleDeath correctedCause(SampleDeath d) {
        boolean stomach = "C16.9".equals(d.directCauseIcd10());
        return new SampleDeath(d.name(), d.idNumber(), d.sex(), d.birthDate(), d.age(), d.deathDate(), d.deathPlace(),
                stomach ? "肝恶性肿瘤" : "胃恶性肿瘤", stomach ? "C22.0" : "C16.9", d.otherDiagnoses());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within " + WAIT).isLessThan(deadline);
            Thread.sleep(250);
        }
    }
}
