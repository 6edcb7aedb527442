package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalink.avro.DeathRecord;
import io.vitalink.loader.LoadSummary;
import io.vitalink.topic.TopicSerdes;
import io.vitalink.topic.Topics;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system on a real KRaft broker: the death-loader loads 10,000 deaths, a cancer centre
 * submits 1,000 patients over HTTP (400 of them died, 50 have invalid IDs), and every counter and
 * every result must come back exactly.
 */
@Tag("integration")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

    private static final long SEED = 7;

    @TempDir
    static Path dataDir;

    private static LocalStack stack;
    private static ApiClient api;
    private static List<SampleDeath> deaths;
    private static List<SampleRequest> requests;

    @BeforeAll
    static void startStack() throws IOException {
        stack = LocalStack.start(new LocalStack.Settings(dataDir, 0, 0, 6));
        api = stack.client(LocalStack.SUBMITTER);
        deaths = SampleData.deaths(SEED, 10_000);
        requests = SampleData.requests(SEED, deaths, 1_000, 400, 50);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void loadsTheRegistryAndLoadingItAgainLeavesTheSameTable() throws IOException {
        Path csv = dataDir.resolve("deaths.csv");
        SampleData.writeDeathsCsv(deaths, csv);

        LoadSummary first = stack.loadDeaths(csv, "first");
        Map<String, DeathRecord> afterFirst = readDeathTable();
        LoadSummary second = stack.loadDeaths(csv, "first");
        Map<String, DeathRecord> afterSecond = readDeathTable();

        assertThat(first.read()).isEqualTo(10_000);
        assertThat(first.loaded()).isEqualTo(10_000);
        assertThat(first.rejected()).isZero();
        assertThat(second.loaded()).isZero();
        assertThat(second.unchanged()).isEqualTo(10_000);
        assertThat(afterFirst).hasSize(10_000);
        assertThat(afterSecond.keySet()).isEqualTo(afterFirst.keySet());
        afterSecond.forEach((id, death) -> assertThat(withoutLoadTime(death)).isEqualTo(withoutLoadTime(afterFirst.get(id))));
        Map<String, SampleDeath> byId = deaths.stream().collect(Collectors.toMap(SampleDeath::idNumber, Function.identity()));
        afterSecond.forEach((id, death) -> {
            SampleDeath sample = byId.get(id);
            assertThat(death.getDeathDate()).isEqualTo(sample.deathDate());
            assertThat(death.getDirectCauseIcd10()).isEqualTo(sample.directCauseIcd10());
            assertThat(death.getName()).isEqualTo(sample.name());
        });
    }

    @Test
    @Order(2)
    void matchesACsvJobSubmittedOverHttpExactly() throws Exception {
        Path csv = dataDir.resolve("requests.csv");
        SampleData.writeRequestsCsv(requests, csv);

        String jobId = api.submitCsv(csv);
        JsonNode job = api.awaitCompleted(jobId, Duration.ofMinutes(3));

        assertThat(job.path("expected").asLong()).isEqualTo(1_000);
        assertThat(job.path("processed").asLong()).isEqualTo(1_000);
        assertThat(job.path("matched").asLong()).isEqualTo(400);
        assertThat(job.path("notFound").asLong()).isEqualTo(550);
        assertThat(job.path("invalid").asLong()).isEqualTo(50);
        assertThat(job.path("deadLettered").asLong()).isZero();
        assertThat(job.path("createdAt").isNull()).isFalse();
        assertThat(job.path("completedAt").isNull()).isFalse();

        HttpResponse<String> ndjson = api.get("/api/v1/jobs/" + jobId + "/results", "application/x-ndjson");
        assertThat(ndjson.statusCode()).isEqualTo(200);
        Map<String, JsonNode> results = new HashMap<>();
        ndjson.body().lines().map(ApiClient::parse)
                .forEach(line -> assertThat(results.put(line.path("recordId").asText(), line)).isNull());
        assertThat(results).hasSize(1_000);
        for (SampleRequest request : requests) {
            JsonNode result = results.get(request.recordId());
            assertThat(result).as(request.recordId()).isNotNull();
            assertThat(result.path("outcome").asText()).as(request.recordId()).isEqualTo(request.expectedOutcome());
            assertThat(text(result, "deathDate")).isEqualTo(Objects.toString(request.expectedDeathDate(), null));
            assertThat(text(result, "deathPlace")).isEqualTo(request.expectedDeathPlace());
            assertThat(text(result, "directCause")).isEqualTo(request.expectedDirectCause());
            assertThat(text(result, "directCauseIcd10")).isEqualTo(request.expectedDirectCauseIcd10());
            assertThat(text(result, "reasonCode")).isEqualTo(request.expectedReasonCode());
        }

        HttpResponse<String> csvResults = api.get("/api/v1/jobs/" + jobId + "/results", "text/csv");
        assertThat(csvResults.statusCode()).isEqualTo(200);
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csvResults.body())).getRecords();
        assertThat(rows).hasSize(1_000);
        Map<String, CSVRecord> rowsById = rows.stream().collect(Collectors.toMap(row -> row.get("record_id"), Function.identity()));
        for (SampleRequest request : requests) {
            CSVRecord row = rowsById.get(request.recordId());
            assertThat(row.get("outcome")).isEqualTo(request.expectedOutcome());
            assertThat(row.get("death_date")).isEqualTo(request.expectedDeathDate() == null ? "" : request.expectedDeathDate().toString());
            assertThat(row.get("reason_code")).isEqualTo(Objects.toString(request.expectedReasonCode(), ""));
        }
    }

    @Test
    @Order(3)
    void matchesAJsonJob() throws Exception {
        SampleRequest dead = requests.stream().filter(r -> "MATCHED".equals(r.expectedOutcome())).findFirst().orElseThrow();
        String body = """
                {"records":[
                  {"recordId":"a","idNumber":"%s","name":"%s","sex":"%s","birthDate":"%s"},
                  {"recordId":"b","idNumber":"12345"}
                ],"callbackUrl":null}""".formatted(dead.idNumber(), dead.name(), dead.sex(), dead.birthDate());

        String jobId = api.submitJson(body);
        JsonNode job = api.awaitCompleted(jobId, Duration.ofMinutes(1));

        assertThat(job.path("matched").asLong()).isEqualTo(1);
        assertThat(job.path("invalid").asLong()).isEqualTo(1);
        List<JsonNode> lines = api.get("/api/v1/jobs/" + jobId + "/results", "application/x-ndjson")
                .body().lines().map(ApiClient::parse).toList();
        assertThat(lines).extracting(line -> line.path("recordId").asText() + "=" + line.path("outcome").asText())
                .containsExactlyInAnyOrder("a=MATCHED", "b=INVALID");
    }

    @Test
    @Order(4)
    void answersUnknownJobWithProblemJson() {
        HttpResponse<String> response = api.get("/api/v1/jobs/" + UUID.randomUUID(), "application/json");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(ApiClient.parse(response.body()).path("code").asText()).matches("VL-\\d{4}");
    }

    @Test
    @Order(5)
    void theJobOwnerTravelsThroughKafkaSoOnlyItsOrganisationReadsItAndAuditorsSeeStatusOnly() throws Exception {
        String jobId = api.submitJson("{\"records\":[{\"recordId\":\"x\",\"idNumber\":\"12345\"}]}");
        api.awaitCompleted(jobId, Duration.ofMinutes(1)); // progress now comes from match-streams, not the placeholder
        ApiClient admin = stack.client(LocalStack.ADMIN);
        assertThat(admin.send("POST", "/api/v1/users", Map.of("username", "centre-b", "organisation", "centre-b",
                "roles", List.of("SUBMITTER"), "password", "centre b password")).statusCode()).isEqualTo(201);
        ApiClient otherCentre = new ApiClient(stack.api(), "centre-b", "centre b password");
        ApiClient auditor = stack.client(LocalStack.AUDITOR);

        HttpResponse<String> other = otherCentre.get("/api/v1/jobs/" + jobId, "application/json");
        HttpResponse<String> auditorStatus = auditor.get("/api/v1/jobs/" + jobId, "application/json");
        HttpResponse<String> auditorResults = auditor.get("/api/v1/jobs/" + jobId + "/results", "application/x-ndjson");
        HttpResponse<String> anonymous = new ApiClient(stack.api()).get("/api/v1/jobs/" + jobId, "application/json");

        assertThat(api.job(jobId).path("state").asText()).isEqualTo("COMPLETED");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(ApiClient.parse(other.body()).path("code").asText()).isEqualTo("VL-1404");
        assertThat(auditorStatus.statusCode()).isEqualTo(200);
        assertThat(auditorResults.statusCode()).isEqualTo(403);
        assertThat(ApiClient.parse(auditorResults.body()).path("code").asText()).isEqualTo("VL-1103");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(ApiClient.parse(anonymous.body()).path("code").asText()).isEqualTo("VL-1101");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    private static DeathRecord withoutLoadTime(DeathRecord death) {
        return DeathRecord.newBuilder(death).setLoadedAt(java.time.Instant.EPOCH).build();
    }

    /** The compacted topic as a table: the last value per key wins. */
    private static Map<String, DeathRecord> readDeathTable() {
        Map<String, DeathRecord> table = new HashMap<>();
        TopicSerdes serdes = new TopicSerdes(stack.cipher());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                serdes.key(Topics.DEATH_RECORDS).deserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEATH_RECORDS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        table.remove(record.key());
                    } else {
                        table.put(record.key(), serdes.codec(DeathRecord.class).decode(record.value()));
                    }
                }
            }
        }
        return table;
    }

}
