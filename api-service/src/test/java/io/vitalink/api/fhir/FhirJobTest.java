package io.vitalink.api.fhir;

import io.vitalink.api.testing.InMemoryApplicationStore;
import io.vitalink.api.testing.TestApplications;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vitalink.api.store.IngestBatch;
import io.vitalink.api.store.JobStore;
import io.vitalink.api.testing.FakeJobPublisher;
import io.vitalink.api.testing.Http;
import io.vitalink.api.testing.TestUsers;
import io.vitalink.api.user.UserService;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.avro.MatchRequest;
import io.vitalink.api.fhir.FhirSystems.Extension;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import io.vitalink.serde.Codecs;
import io.vitalink.serde.RecordCodec;
import io.vitalink.topic.TopicSerdes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A FHIR Bundle job over HTTP and its results back as a FHIR Bundle, with Kafka replaced: the published requests
 * are read from the recording publisher and the matcher's results fed into the read model.
 */
@MicronautTest
class FhirJobTest {

    private static final String FHIR_JSON = "application/fhir+json";

    @Inject
    EmbeddedServer server;
    @Inject
    JobStore store;
    @Inject
    FakeJobPublisher publisher;
    @Inject
    UserService users;
    @Inject
    InMemoryApplicationStore applicationStore;
    @Inject
    TopicSerdes serdes;

    Http http;
    String submitter;

    @BeforeEach
    void setUp() {
        publisher.published.clear();
        publisher.fail = false;
        TestUsers.createStandard(users);
        TestApplications.approveStandard(applicationStore);
        http = new Http(URI.create(server.getURL().toString()));
        submitter = http.token(TestUsers.SUBMITTER_A, TestUsers.PASSWORD);
    }

    @Test
    void fhirBundleJobRoundTripsToAFhirBundleOfResults() {
        // Given a Bundle of three Patients submitted as a job
        HttpResponse<String> submitted = http.send("POST", "/api/v1/jobs", submitter, FHIR_JSON + "; charset=utf-8",
                FhirBundleParserTest.bundle(
                        "{\"resourceType\":\"Patient\",\"id\":\"r1\",\"identifier\":[{\"system\":\"" + FhirSystems.DEFAULT.residentId()
                                + "\",\"value\":\"11010519491231002X\"}],\"name\":[{\"family\":\"王\",\"given\":[\"芳\"]}],"
                                + "\"gender\":\"female\",\"birthDate\":\"1949-12-31\"}",
                        "{\"resourceType\":\"Patient\",\"id\":\"r2\",\"identifier\":[{\"system\":\"" + FhirSystems.DEFAULT.passport()
                                + "\",\"value\":\"E12345678\"}],\"gender\":\"male\"}",
                        "{\"resourceType\":\"Patient\",\"id\":\"r3\",\"name\":[{\"text\":\"李伟\"}],\"gender\":\"male\","
                                + "\"birthDate\":\"1945-02-17\"}"));
        assertThat(submitted.statusCode()).isEqualTo(202);
        String jobId = Http.json(submitted).path("jobId").asText();
        assertThat(publisher.published).containsExactly(jobId + ":3");

        // the requests went out as for any other upload
        RecordCodec<MatchRequest> requests = serdes.codec(MatchRequest.class);
        List<MatchRequest> sent = publisher.requests.get(jobId).stream().map(requests::decode).toList();
        assertThat(sent).extracting(MatchRequest::getRecordId, MatchRequest::getIdNumber, MatchRequest::getIdType,
                        MatchRequest::getName, MatchRequest::getSex, MatchRequest::getBirthDate)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("r1", "11010519491231002X", null, "王芳", "F", LocalDate.of(1949, 12, 31)),
                        org.assertj.core.groups.Tuple.tuple("r2", "E12345678", "PASSPORT", null, "M", null),
                        org.assertj.core.groups.Tuple.tuple("r3", null, null, "李伟", "M", LocalDate.of(1945, 2, 17)));

        // When the matcher's results arrive
        RecordCodec<MatchResult> results = serdes.codec(MatchResult.class);
        store.apply(new IngestBatch()
                .progress(jobId, Codecs.JOB_PROGRESS.encode(JobProgress.newBuilder().setJobId(jobId)
                        .setOrganisation(TestUsers.CENTRE_A).setSubmittedBy(TestUsers.SUBMITTER_A).setState(JobState.COMPLETED)
                        .setExpected(3L).setProcessed(3).setMatched(1).setNotFound(1).setProbable(1)
                        .setCreatedAt(Instant.now()).build()))
                .result(jobId, 0, 1, results.encode(MatchResult.newBuilder().setJobId(jobId).setRecordId("r1")
                        .setOutcome(Outcome.MATCHED).setDeathDate(LocalDate.of(2020, 5, 6)).setDirectCause("肺恶性肿瘤")
                        .setDirectCauseIcd10("C34.9").setMatchRule("ID_EXACT").setScore(1.0).setNameSimilarity(1.0)
                        .setLinkedId("11010519491231002X").setDecidedAt(Instant.now()).build()))
                .result(jobId, 0, 2, results.encode(MatchResult.newBuilder().setJobId(jobId).setRecordId("r2")
                        .setOutcome(Outcome.NOT_FOUND).setDecidedAt(Instant.now()).build()))
                .result(jobId, 0, 3, results.encode(MatchResult.newBuilder().setJobId(jobId).setRecordId("r3")
                        .setOutcome(Outcome.PROBABLE).setReasonCode("VL-2001").setDeathDate(LocalDate.of(2021, 2, 3))
                        .setDirectCause("脑梗死").setDirectCauseIcd10("I63.9").setMatchRule("NAME_BIRTH_SEX").setScore(1.0)
                        .setLinkedId("440103194502170021").setDecidedAt(Instant.now()).build())));

        // Then the results read as FHIR are one Bundle HAPI parses, a Patient per result
        HttpResponse<String> response = http.send("GET", "/api/v1/jobs/" + jobId + "/results", submitter, null, null,
                Map.of("Accept", FHIR_JSON));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(FHIR_JSON));
        assertThat(response.headers().firstValue("Vitalink-Job-State")).hasValue("COMPLETED");
        Bundle bundle = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, response.body());
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        List<Patient> patients = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Patient.class::isInstance).map(Patient.class::cast).toList();
        assertThat(patients).extracting(p -> p.getIdElement().getIdPart()).containsExactly("r1", "r2", "r3");

        Patient matched = patients.get(0);
        assertThat(matched.getDeceasedDateTimeType().getValueAsString()).isEqualTo("2020-05-06");
        assertThat(outcome(matched)).isEqualTo("MATCHED");
        assertThat(matched.getExtensionByUrl(ext(Extension.MATCH_RULE)).getValue().primitiveValue()).isEqualTo("ID_EXACT");
        assertThat(cause(matched).getCodingFirstRep().getSystem()).isEqualTo(FhirSystems.ICD_10);
        assertThat(cause(matched).getCodingFirstRep().getCode()).isEqualTo("C34.9");
        assertThat(cause(matched).getText()).isEqualTo("肺恶性肿瘤");

        // the linked deaths' direct causes follow their Patients as Part I line 1 Observations
        assertThat(bundle.getEntry()).extracting(e -> e.getResource().fhirType())
                .containsExactly("Patient", "Observation", "Patient", "Patient", "Observation");
        Observation line1 = (Observation) bundle.getEntry().get(1).getResource();
        assertThat(line1.getCode().getCodingFirstRep().getCode()).isEqualTo(CauseObservations.PART_1);
        assertThat(line1.getSubject().getReference()).isEqualTo(bundle.getEntry().get(0).getFullUrl());

        Patient notFound = patients.get(1);
        assertThat(notFound.hasDeceased()).isFalse();
        assertThat(outcome(notFound)).isEqualTo("NOT_FOUND");

        Patient probable = patients.get(2);
        assertThat(probable.getDeceasedDateTimeType().getValueAsString()).isEqualTo("2021-02-03");
        assertThat(outcome(probable)).isEqualTo("PROBABLE");
        assertThat(cause(probable).getCodingFirstRep().getCode()).isEqualTo("I63.9");
        assertThat(probable.getExtensionByUrl(ext(Extension.REASON)).getValue().primitiveValue()).isEqualTo("VL-2001");
    }

    @Test
    void jobWithoutResultsYetIsAnEmptyBundle() {
        String jobId = submit();

        HttpResponse<String> response = http.send("GET", "/api/v1/jobs/" + jobId + "/results", submitter, null, null,
                Map.of("Accept", FHIR_JSON));

        assertThat(response.statusCode()).isEqualTo(200);
        Bundle bundle = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, response.body());
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        assertThat(bundle.getEntry()).isEmpty();
    }

    @Test
    void invalidEntryIsAProblemWithItsEntryAndNothingIsPublished() {
        HttpResponse<String> response = http.send("POST", "/api/v1/jobs", submitter, FHIR_JSON, FhirBundleParserTest.bundle(
                "{\"resourceType\":\"Patient\",\"id\":\"ok\"}",
                "{\"resourceType\":\"Patient\",\"id\":\"bad\",\"birthDate\":\"1950-03\"}"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(Http.code(response)).isEqualTo("VL-1306");
        assertThat(Http.json(response).path("field").asText()).isEqualTo("Bundle.entry[1].resource.birthDate");
        assertThat(Http.json(response).path("line").asLong()).isEqualTo(3);
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void duplicateRecordIdsAndEmptyBundlesAreRefusedAsForOtherUploads() {
        HttpResponse<String> duplicate = http.send("POST", "/api/v1/jobs", submitter, FHIR_JSON, FhirBundleParserTest.bundle(
                "{\"resourceType\":\"Patient\",\"id\":\"same\"}", "{\"resourceType\":\"Patient\",\"id\":\"same\"}"));
        HttpResponse<String> empty = http.send("POST", "/api/v1/jobs", submitter, FHIR_JSON,
                "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[]}");

        assertThat(Http.code(duplicate)).isEqualTo("VL-1003");
        assertThat(Http.code(empty)).isEqualTo("VL-1004");
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void fhirResultsFollowTheSameRulesAsOtherResultFormats() {
        String jobId = submit();
        String auditor = http.token(TestUsers.AUDITOR, TestUsers.PASSWORD);
        String otherCentre = http.token(TestUsers.SUBMITTER_B, TestUsers.PASSWORD);
        Map<String, String> fhir = Map.of("Accept", FHIR_JSON);

        HttpResponse<String> byAuditor = http.send("GET", "/api/v1/jobs/" + jobId + "/results", auditor, null, null, fhir);
        HttpResponse<String> byOtherCentre = http.send("GET", "/api/v1/jobs/" + jobId + "/results", otherCentre, null, null, fhir);
        HttpResponse<String> anonymous = http.send("GET", "/api/v1/jobs/" + jobId + "/results", null, null, null, fhir);

        assertThat(byAuditor.statusCode()).isEqualTo(403);
        assertThat(Http.code(byAuditor)).isEqualTo("VL-1103");
        assertThat(byOtherCentre.statusCode()).isEqualTo(404);
        assertThat(Http.code(byOtherCentre)).isEqualTo("VL-1404");
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    private String submit() {
        HttpResponse<String> submitted = http.send("POST", "/api/v1/jobs", submitter, FHIR_JSON,
                FhirBundleParserTest.bundle("{\"resourceType\":\"Patient\",\"id\":\"p1\"}"));
        assertThat(submitted.statusCode()).isEqualTo(202);
        return Http.json(submitted).path("jobId").asText();
    }

    private static String outcome(Patient patient) {
        return patient.getExtensionByUrl(ext(Extension.OUTCOME)).getValue().primitiveValue();
    }

    private static CodeableConcept cause(Patient patient) {
        return (CodeableConcept) patient.getExtensionByUrl(ext(Extension.CAUSE_OF_DEATH)).getValue();
    }

    private static String ext(Extension extension) {
        return FhirSystems.DEFAULT.extension(extension);
    }
}
