package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vitalink.topic.Topics;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clerical review on a real broker: a watched job's uncertain links reach the reviewer of its organisation with
 * both sides, the reviewer's decisions go through review-decisions into the results and the changes feed, a second
 * decision is refused, and the precision report counts them.
 */
@Tag("integration")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ReviewIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.start(new LocalStack.Settings(dataDir, 0, 0, 6));
        stack.approveSampleApplication(); // jobs of the sample centre run under it
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aReviewerJudgesUncertainLinksOnceAndTheResultsAndTheReportShowIt() throws Exception {
        // Given a registry without one death that comes later
        List<SampleDeath> deaths = SampleData.deaths(11, 2_000);
        SampleDeath probable = deaths.get(0);
        SampleDeath discrepant = deaths.get(1);
        SampleDeath exact = deaths.get(2);
        SampleDeath late = deaths.get(deaths.size() - 1);
        Path registry = dataDir.resolve("deaths.csv");
        SampleData.writeDeathsCsv(deaths.subList(0, deaths.size() - 1), registry);
        stack.loadDeaths(registry, "review-it");
        stack.awaitRegistryIndexed(Duration.ofMinutes(2));
        ApiClient submitter = stack.client(LocalStack.SUBMITTER);
        ApiClient reviewer = stack.client(LocalStack.REVIEWER);

        // When a watched job brings a probable link, an ID link with another sex, an exact link and a patient not dead yet
        String jobId = submitter.submitJson(JSON.writeValueAsString(Map.of(
                "records", List.of(
                        patient("p1", null, probable.name(), probable.sex(), probable.birthDate()),
                        patient("d1", discrepant.idNumber(), discrepant.name(), "M".equals(discrepant.sex()) ? "F" : "M",
                                discrepant.birthDate()),
                        patient("m1", exact.idNumber(), exact.name(), exact.sex(), exact.birthDate()),
                        patient("l1", null, late.name(), late.sex(), late.birthDate())),
                "watch", Map.of("until", LocalDate.now().plusYears(1).toString()))));
        JsonNode job = submitter.awaitCompleted(jobId, Duration.ofMinutes(2));
        assertThat(job.path("probable").asLong()).isEqualTo(1);
        assertThat(job.path("matchedWithDiscrepancy").asLong()).isEqualTo(1);

        // Then the reviewer's queue lists the two uncertain links with both sides, and nobody else sees it
        JsonNode queue = ok(reviewer.get("/api/v1/jobs/" + jobId + "/review", "application/json"));
        assertThat(queue.path("items")).hasSize(2);
        JsonNode p1 = queue.path("items").get(0);
        assertThat(p1.path("recordId").asText()).isEqualTo("p1");
        assertThat(p1.path("outcome").asText()).isEqualTo("PROBABLE");
        assertThat(p1.path("status").asText()).isEqualTo("PENDING");
        assertThat(p1.path("request").path("name").asText()).isEqualTo(probable.name());
        assertThat(p1.path("request").path("idNumber").isNull()).isTrue();
        assertThat(p1.path("death").path("name").asText()).isEqualTo(probable.name());
        assertThat(p1.path("death").path("idNumber").asText()).isEqualTo(probable.idNumber());
        assertThat(p1.path("death").path("birthDate").asText()).isEqualTo(probable.birthDate().toString());
        JsonNode d1 = queue.path("items").get(1);
        assertThat(d1.path("outcome").asText()).isEqualTo("MATCHED_WITH_DISCREPANCY");
        assertThat(d1.path("discrepancies").toString()).contains("SEX");
        assertThat(d1.path("request").path("sex").asText()).isNotEqualTo(d1.path("death").path("sex").asText());
        assertThat(submitter.get("/api/v1/jobs/" + jobId + "/review", "application/json").statusCode()).isEqualTo(403);

        // When the reviewer accepts the probable link and rejects the other
        String note = "same person as " + probable.name() + ", no ID on file";
        HttpResponse<String> accepted = reviewer.send("POST", "/api/v1/jobs/" + jobId + "/review/p1",
                Map.of("decision", "ACCEPT", "note", note));
        HttpResponse<String> rejected = reviewer.send("POST", "/api/v1/jobs/" + jobId + "/review/d1", Map.of("decision", "REJECT"));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(201);

        // Then the results carry the decisions, and a second decision is refused
        Map<String, JsonNode> results = ndjson(submitter.get("/api/v1/jobs/" + jobId + "/results", "application/x-ndjson").body());
        assertThat(results.get("p1").path("review").path("decision").asText()).isEqualTo("ACCEPT");
        assertThat(results.get("p1").path("review").path("note").asText()).isEqualTo(note);
        assertThat(results.get("p1").path("review").path("reviewer").asText()).isEqualTo(LocalStack.REVIEWER.username());
        assertThat(results.get("d1").path("review").path("decision").asText()).isEqualTo("REJECT");
        assertThat(results.get("m1").path("review").isNull()).isTrue();
        assertThat(results.get("p1").toString()).doesNotContain("comparison");
        Map<String, CSVRecord> csv = csv(submitter.get("/api/v1/jobs/" + jobId + "/results", "text/csv").body());
        assertThat(csv.get("p1").get("review_decision")).isEqualTo("ACCEPT");
        assertThat(csv.get("p1").get("reviewer")).isEqualTo(LocalStack.REVIEWER.username());
        assertThat(csv.get("m1").get("review_decision")).isEmpty();
        HttpResponse<String> again = reviewer.send("POST", "/api/v1/jobs/" + jobId + "/review/p1", Map.of("decision", "REJECT"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(ApiClient.parse(again.body()).path("code").asText()).isEqualTo("VL-1625");
        assertThat(ok(reviewer.get("/api/v1/review?status=PENDING", "application/json")).path("items")).isEmpty();

        // and neither the decisions nor the compared sides are in clear on the topics
        for (String topic : List.of(Topics.REVIEW_DECISIONS.name(), Topics.MATCH_RESULTS.name())) {
            List<String> clear = new ArrayList<>();
            TopicReading.readCommitted(stack.bootstrapServers(), topic, new StringDeserializer(), record -> {
                String bytes = new String(record.value(), StandardCharsets.ISO_8859_1);
                for (String secret : List.of(probable.name(), discrepant.name(), probable.idNumber(), discrepant.idNumber())) {
                    if (bytes.contains(new String(secret.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))) {
                        clear.add(topic + "@" + record.offset());
                    }
                }
            });
            assertThat(clear).as("records of %s holding a name or an ID in clear", topic).isEmpty();
        }

        // When the late death is registered, the watched patient's new probable link is pending, and judged in the feed
        Path lateCsv = dataDir.resolve("late.csv");
        SampleData.writeDeathsCsv(List.of(late), lateCsv);
        stack.loadDeaths(lateCsv, "review-it-late");
        JsonNode change = awaitChange(submitter, jobId, "l1");
        assertThat(change.path("outcome").asText()).isEqualTo("PROBABLE");
        assertThat(change.path("review").isNull()).isTrue();
        assertThat(reviewer.send("POST", "/api/v1/jobs/" + jobId + "/review/l1", Map.of("decision", "UNSURE")).statusCode())
                .isEqualTo(201);
        assertThat(awaitChange(submitter, jobId, "l1").path("review").path("decision").asText()).isEqualTo("UNSURE");

        // Then the report counts what was judged, per rule, and only suggests
        JsonNode report = ok(reviewer.get("/api/v1/review/report", "application/json"));
        Map<String, JsonNode> rules = new LinkedHashMap<>();
        report.path("rules").forEach(rule -> rules.put(rule.path("matchRule").asText(), rule));
        assertThat(rules.get("NAME_BIRTH_SEX").path("accepted").asLong()).isEqualTo(1);
        assertThat(rules.get("NAME_BIRTH_SEX").path("unsure").asLong()).isEqualTo(1);
        assertThat(rules.get("ID_EXACT").path("rejected").asLong()).isEqualTo(1);
        assertThat(report.path("applyWith").asText()).isEqualTo("PUT /api/v1/config (ADMIN)");
        assertThat(stack.client(LocalStack.ADMIN).get("/api/v1/review/report", "application/json").statusCode()).isEqualTo(200);
    }

    private static Map<String, Object> patient(String recordId, String idNumber, String name, String sex, LocalDate birthDate) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("recordId", recordId);
        if (idNumber != null) {
            record.put("idNumber", idNumber);
        }
        record.put("name", name);
        record.put("sex", sex);
        record.put("birthDate", birthDate.toString());
        return record;
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ApiClient.parse(response.body());
    }

    private static Map<String, JsonNode> ndjson(String body) {
        Map<String, JsonNode> byRecord = new LinkedHashMap<>();
        body.lines().filter(line -> !line.isBlank()).map(ApiClient::parse)
                .forEach(result -> byRecord.put(result.path("recordId").asText(), result));
        return byRecord;
    }

    private static Map<String, CSVRecord> csv(String body) throws Exception {
        Map<String, CSVRecord> byRecord = new LinkedHashMap<>();
        for (CSVRecord record : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(body))) {
            byRecord.put(record.get("record_id"), record);
        }
        return byRecord;
    }

    /** The latest change of {@code recordId} in the job's changes feed, once there is one. */
    private static JsonNode awaitChange(ApiClient client, String jobId, String recordId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            HttpResponse<String> feed = client.get("/api/v1/jobs/" + jobId + "/changes", "application/x-ndjson");
            List<JsonNode> changes = new ArrayList<>();
            feed.body().lines().filter(line -> !line.isBlank()).map(ApiClient::parse)
                    .filter(change -> recordId.equals(change.path("recordId").asText())).forEach(changes::add);
            if (!changes.isEmpty()) {
                return changes.get(changes.size() - 1);
            }
            assertThat(System.nanoTime()).as("a change of " + recordId).isLessThan(deadline);
            Thread.sleep(250);
        }
    }
}
