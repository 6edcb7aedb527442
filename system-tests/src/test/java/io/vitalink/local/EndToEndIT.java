package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vitalink.api.fhir.FhirSystems;
import io.vitalink.avro.DeathRecord;
import io.vitalink.icd.Icd10;
import io.vitalink.id.ResidentIds;
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

    private static final String OUTCOME = FhirSystems.DEFAULT.extension(FhirSystems.Extension.OUTCOME);
    private static final String CAUSE_OF_DEATH = FhirSystems.DEFAULT.extension(FhirSystems.Extension.CAUSE_OF_DEATH);
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
        stack.approveSampleApplication(); // jobs of the sample centre run under it
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

        JsonNode log = ApiClient.parse(api.get("/api/v1/jobs/" + jobId + "/log", "application/json").body());
        List<String> events = new java.util.ArrayList<>();
        log.path("events").forEach(e -> events.add(e.path("event").asText()));
        assertThat(events).containsExactly("ACCEPTED", "STARTED", "COMPLETED");
        assertThat(log.path("expected").asLong()).isEqualTo(1_000);
        assertThat(log.path("matched").asLong()).isEqualTo(400);
        assertThat(log.path("durationMs").asLong()).isNotNegative();
        List<String> listed = new java.util.ArrayList<>();
        ApiClient.parse(api.get("/api/v1/jobs?state=COMPLETED&limit=1000", "application/json").body()).path("jobs")
                .forEach(j -> listed.add(j.path("jobId").asText()));
        assertThat(listed).contains(jobId);

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

        Map<String, Long> chapters = new HashMap<>();
        for (SampleRequest request : requests) {
            SampleCertificate certificate = certificateOf(request);
            String underlyingIcd10 = certificate == null ? null : Icd10.normalise(certificate.underlyingCauseIcd10()).orElse(null);
            JsonNode result = results.get(request.recordId());
            assertThat(text(result, "underlyingCause")).isEqualTo(certificate == null ? null : certificate.underlyingCause());
            assertThat(text(result, "underlyingCauseIcd10")).isEqualTo(underlyingIcd10);
            if (underlyingIcd10 != null) {
                String chapter = Icd10.chapterOf(underlyingIcd10).orElseThrow().name();
                assertThat(text(result, "underlyingCauseChapter")).isEqualTo(chapter);
                chapters.merge(chapter, 1L, Long::sum);
            }
        }
        assertThat(chapters).containsKey("II");
        Map<String, Long> counted = new HashMap<>();
        api.job(jobId).path("deathsByUnderlyingCauseChapter").fields()
                .forEachRemaining(e -> counted.put(e.getKey(), e.getValue().asLong()));
        assertThat(counted).isEqualTo(chapters);

        SampleRequest chained = requests.stream().filter(r -> certificateOf(r) != null
                && !certificateOf(r).antecedentCauses().isEmpty()).findFirst().orElseThrow();
        JsonNode causes = api.get("/api/v1/jobs/" + jobId + "/results?detail=causes", "application/x-ndjson").body().lines()
                .map(ApiClient::parse).filter(line -> line.path("recordId").asText().equals(chained.recordId()))
                .findFirst().orElseThrow().path("causes");
        assertThat(causes.path("partOne").path(0).path("text").asText()).isEqualTo(chained.expectedDirectCause());
        assertThat(causes.path("partOne").path(1).path("line").asText()).isEqualTo("b");
        assertThat(causes.path("partOne").path(1).path("text").asText())
                .isEqualTo(certificateOf(chained).antecedentCauses().get(0).text());

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

    @Test
    @Order(6)
    void matchesAFhirBundleJobAndAnswersAFhirBundle() throws Exception {
        // Given a FHIR Bundle with a patient who died and one the registry does not know
        SampleRequest dead = requests.stream().filter(r -> SampleRequest.MATCHED.equals(r.expectedOutcome())
                && r.expectedDirectCauseIcd10() != null && certificateOf(r) != null).findFirst().orElseThrow();
        SampleRequest unknown = requests.stream().filter(r -> SampleRequest.NOT_FOUND.equals(r.expectedOutcome()) && r.idNumber() != null)
                .findFirst().orElseThrow();
        String body = new ObjectMapper().writeValueAsString(Map.of("resourceType", "Bundle", "type", "collection",
                "entry", List.of(Map.of("resource", fhirPatient("fa", dead)), Map.of("resource", fhirPatient("fb", unknown)))));

        // When it is submitted as application/fhir+json and matched by the real stack
        String jobId = api.submit("application/fhir+json", body);
        JsonNode job = api.awaitCompleted(jobId, Duration.ofMinutes(1));
        HttpResponse<String> response = api.get("/api/v1/jobs/" + jobId + "/results", "application/fhir+json");

        // Then the results are a FHIR Bundle: a death date and ICD-10 cause for the death, no "deceased" for the other
        assertThat(job.path("matched").asLong()).isEqualTo(1);
        assertThat(job.path("notFound").asLong()).isEqualTo(1);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode bundle = ApiClient.parse(response.body());
        assertThat(bundle.path("resourceType").asText()).isEqualTo("Bundle");
        Map<String, JsonNode> patients = new HashMap<>();
        Map<String, String> fullUrls = new HashMap<>();
        List<JsonNode> observations = new java.util.ArrayList<>();
        bundle.path("entry").forEach(entry -> {
            JsonNode resource = entry.path("resource");
            if (resource.path("resourceType").asText().equals("Observation")) {
                observations.add(resource);
            } else {
                patients.put(resource.path("id").asText(), resource);
                fullUrls.put(resource.path("id").asText(), entry.path("fullUrl").asText());
            }
        });
        assertThat(patients).containsOnlyKeys("fa", "fb");
        // the underlying cause as an Observation of the Patient who died, none for the other
        assertThat(observations).allSatisfy(o -> assertThat(o.path("subject").path("reference").asText()).isEqualTo(fullUrls.get("fa")));
        JsonNode underlying = observations.stream().filter(o -> o.path("code").path("coding").path(0).path("code").asText()
                .equals("80358-5")).findFirst().orElseThrow();
        assertThat(underlying.path("valueCodeableConcept").path("coding").path(0).path("code").asText())
                .isEqualTo(Icd10.normalise(certificateOf(dead).underlyingCauseIcd10()).orElseThrow());

        JsonNode died = patients.get("fa");
        assertThat(died.path("deceasedDateTime").asText()).isEqualTo(dead.expectedDeathDate().toString());
        assertThat(extension(died, OUTCOME).path("valueCode").asText()).isEqualTo("MATCHED");
        JsonNode cause = extension(died, CAUSE_OF_DEATH).path("valueCodeableConcept");
        assertThat(cause.path("coding").path(0).path("system").asText()).isEqualTo(FhirSystems.ICD_10);
        assertThat(cause.path("coding").path(0).path("code").asText()).isEqualTo(dead.expectedDirectCauseIcd10());

        JsonNode notFound = patients.get("fb");
        assertThat(notFound.has("deceasedDateTime")).isFalse();
        assertThat(notFound.has("deceasedBoolean")).isFalse();
        assertThat(extension(notFound, OUTCOME).path("valueCode").asText()).isEqualTo("NOT_FOUND");
    }

    /** The certificate of the death a request is expected to link, or null (no link, or a row of the old format). */
    private static SampleCertificate certificateOf(SampleRequest request) {
        if (!SampleRequest.MATCHED.equals(request.expectedOutcome())) {
            return null;
        }
        return deaths.stream().filter(d -> d.idNumber().equals(ResidentIds.normalise(request.idNumber())))
                .findFirst().map(SampleDeath::certificate).orElse(null);
    }

    private static Map<String, Object> fhirPatient(String id, SampleRequest request) {
        Map<String, Object> patient = new HashMap<>(Map.of("resourceType", "Patient", "id", id,
                "identifier", List.of(Map.of("system", FhirSystems.DEFAULT.residentId(), "value", request.idNumber()))));
        if (request.name() != null) {
            patient.put("name", List.of(Map.of("text", request.name())));
        }
        if ("M".equals(request.sex()) || "F".equals(request.sex())) {
            patient.put("gender", "M".equals(request.sex()) ? "male" : "female");
        }
        if (request.birthDate() != null) {
            patient.put("birthDate", request.birthDate().toString());
        }
        return patient;
    }

    private static JsonNode extension(JsonNode resource, String url) {
        for (JsonNode extension : resource.path("extension")) {
            if (extension.path("url").asText().equals(url)) {
                return extension;
            }
        }
        throw new AssertionError("no extension " + url);
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
        TopicReading.readCommitted(stack.bootstrapServers(), Topics.DEATH_RECORDS.name(),
                serdes.key(Topics.DEATH_RECORDS).deserializer(), record -> {
                    if (record.value() == null) {
                        table.remove(record.key());
                    } else {
                        table.put(record.key(), serdes.codec(DeathRecord.class).decode(record.value()));
                    }
                });
        return table;
    }

}
