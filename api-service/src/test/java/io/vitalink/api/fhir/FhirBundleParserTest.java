package io.vitalink.api.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vitalink.api.intake.RawRecord;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A FHIR Bundle of Patients becomes records; what we cannot use is refused with the entry's FHIRPath. */
class FhirBundleParserTest {

    private static final String RESIDENT = "\"" + FhirSystems.DEFAULT.residentId() + "\"";
    private static final String PASSPORT = "\"" + FhirSystems.DEFAULT.passport() + "\"";
    private static final String RECORD = "\"" + FhirSystems.DEFAULT.recordId() + "\"";

    @Test
    void mapsPatientIdIdentifiersNameGenderAndBirthDate() throws IOException {
        List<RawRecord> records = parse(bundle(
                """
                {"resourceType":"Patient","id":"p1",
                 "identifier":[{"system":"urn:oid:1.2.3.4","value":"MRN-77"},{"system":%s,"value":"11010519491231002X"}],
                 "name":[{"use":"old","text":"Former Name"},{"use":"official","family":"王","given":["芳"]}],
                 "gender":"female","birthDate":"1949-12-31"}""".formatted(RESIDENT),
                """
                {"resourceType":"Patient","id":"ignored-when-record-id-identifier",
                 "identifier":[{"system":%s,"value":"centre a/record 2"},{"system":%s,"value":"E12345678"}],
                 "name":[{"family":"Smith","given":["John","Paul"]}],"gender":"male"}""".formatted(RECORD, PASSPORT),
                """
                {"resourceType":"Patient","id":"p3","name":[{"text":" Li Wei "}],"gender":"unknown"}""",
                """
                {"resourceType":"Patient","id":"p4","gender":"other"}"""));

        assertThat(records).extracting(RawRecord::recordId, RawRecord::idNumber, RawRecord::idType, RawRecord::name,
                        RawRecord::sex, RawRecord::birthDate)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("p1", "11010519491231002X", null, "王芳", "F", "1949-12-31"),
                        org.assertj.core.groups.Tuple.tuple("centre a/record 2", "E12345678", "PASSPORT", "John Paul Smith", "M", null),
                        org.assertj.core.groups.Tuple.tuple("p3", null, null, "Li Wei", "U", null),
                        org.assertj.core.groups.Tuple.tuple("p4", null, null, null, "U", null));
    }

    @Test
    void recordsTheLineWhereEachEntryStarts() throws IOException {
        List<RawRecord> records = parse("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[\n"
                + "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"a\"}},\n"
                + "{\"fullUrl\":\"urn:uuid:0f5d\",\"resource\":{\"resourceType\":\"Patient\",\"id\":\"b\"}}\n]}");

        assertThat(records).extracting(RawRecord::line).containsExactly(2L, 3L);
    }

    @Test
    void emptyBundleGivesNoRecords() throws IOException {
        assertThat(parse("{\"resourceType\":\"Bundle\",\"type\":\"collection\"}")).isEmpty();
        assertThat(parse("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[]}")).isEmpty();
    }

    @Test
    void refusesBodiesThatAreNotABundleWithVl1301() {
        for (String body : List.of("[]", "{\"resourceType\":\"Patient\",\"id\":\"x\"}", "{\"type\":\"collection\"}",
                "{\"resourceType\":\"Bundle\",\"entry\":{}}", "{\"resourceType\":\"Bundle\",\"records\":[]}",
                "{\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"a\"}}]}")) {
            assertThat(refusal(body).code()).as(body).isEqualTo(ErrorCode.FHIR_NOT_A_BUNDLE);
        }
    }

    @Test
    void readsEntriesThatComeBeforeResourceTypeAsJsonMembersHaveNoOrder() throws IOException {
        List<RawRecord> records = parse("{\"type\":\"collection\",\"entry\":[{\"resource\":"
                + "{\"id\":\"a\",\"resourceType\":\"Patient\"}}],\"resourceType\":\"Bundle\"}");

        assertThat(records).extracting(RawRecord::recordId).containsExactly("a");
    }

    @Test
    void refusesJsonThatDoesNotParseWithVl1001() {
        ApiException e = refusal("{\"resourceType\":\"Bundle\",\"entry\":[");

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_BODY);
    }

    @Test
    void refusesAnEntryOfAnotherResourceTypeWithVl1303AndItsIndex() {
        ApiException e = refusal(bundle("{\"resourceType\":\"Patient\",\"id\":\"a\"}",
                "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"}}"));

        assertThat(e.code()).isEqualTo(ErrorCode.FHIR_NOT_A_PATIENT);
        assertThat(e.field()).isEqualTo("Bundle.entry[1].resource");
        assertThat(e.line()).isEqualTo(3L);
        assertThat(e.getMessage()).contains("Entry 1");
    }

    @Test
    void refusesInvalidFhirWithVl1302WithoutQuotingTheValue() {
        for (String patient : List.of(
                "{\"resourceType\":\"Patient\",\"id\":\"a\",\"gender\":\"SECRET-VALUE\"}",
                "{\"resourceType\":\"Patient\",\"id\":\"a\",\"birthDate\":\"SECRET-VALUE\"}",
                "{\"resourceType\":\"Patient\",\"id\":\"a\",\"nickname\":\"SECRET-VALUE\"}",
                "{\"resourceType\":\"Patient\",\"id\":\"a\",\"name\":\"SECRET-VALUE\"}",
                "{\"resourceType\":\"Patient\",\"id\":\"a\",\"\":\"SECRET-VALUE\"}",
                "{\"resourceType\":\"Patient\",\"id\":\"a\",\"name\":[{\"\":\"SECRET-VALUE\"}]}")) {
            ApiException e = refusal(bundle(patient));
            assertThat(e.code()).as(patient).isEqualTo(ErrorCode.FHIR_INVALID_RESOURCE);
            assertThat(e.field()).isEqualTo("Bundle.entry[0].resource");
            assertThat(e.getMessage()).doesNotContain("SECRET");
        }
        assertThat(refusal("{\"resourceType\":\"Bundle\",\"entry\":[{\"fullUrl\":\"urn:uuid:1\"}]}").code())
                .isEqualTo(ErrorCode.FHIR_INVALID_RESOURCE);
    }

    @Test
    void refusesAPatientWithoutRecordIdWithVl1304() {
        ApiException e = refusal(bundle("{\"resourceType\":\"Patient\",\"gender\":\"male\"}"));

        assertThat(e.code()).isEqualTo(ErrorCode.FHIR_NO_RECORD_ID);
        assertThat(e.field()).isEqualTo("Bundle.entry[0].resource.id");
    }

    @Test
    void refusesTwoIdentityDocumentsOrTwoRecordIdsWithVl1305() {
        ApiException documents = refusal(bundle("""
                {"resourceType":"Patient","id":"a","identifier":[{"system":%s,"value":"11010519491231002X"},
                 {"system":%s,"value":"E12345678"}]}""".formatted(RESIDENT, PASSPORT)));
        ApiException recordIds = refusal(bundle("""
                {"resourceType":"Patient","identifier":[{"system":%s,"value":"a"},{"system":%s,"value":"b"}]}"""
                .formatted(RECORD, RECORD)));

        assertThat(documents.code()).isEqualTo(ErrorCode.FHIR_AMBIGUOUS_IDENTIFIER);
        assertThat(documents.field()).isEqualTo("Bundle.entry[0].resource.identifier[1]");
        assertThat(recordIds.code()).isEqualTo(ErrorCode.FHIR_AMBIGUOUS_IDENTIFIER);
    }

    @Test
    void refusesABirthDateWithoutDayWithVl1306() {
        for (String date : List.of("1950", "1950-03")) {
            ApiException e = refusal(bundle("{\"resourceType\":\"Patient\",\"id\":\"a\",\"birthDate\":\"" + date + "\"}"));
            assertThat(e.code()).isEqualTo(ErrorCode.FHIR_PARTIAL_BIRTH_DATE);
            assertThat(e.field()).isEqualTo("Bundle.entry[0].resource.birthDate");
        }
    }

    @Test
    void refusesEmptyOrTooLongValuesWithVl1307() {
        ApiException longId = refusal(bundle("{\"resourceType\":\"Patient\",\"id\":\"a\",\"identifier\":[{\"system\":"
                + RESIDENT + ",\"value\":\"" + "1".repeat(65) + "\"}]}"));
        ApiException emptyRecordId = refusal(bundle("{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":" + RECORD + "}]}"));
        ApiException longName = refusal(bundle("{\"resourceType\":\"Patient\",\"id\":\"a\",\"name\":[{\"text\":\""
                + "x".repeat(65) + "\"}]}"));

        assertThat(longId.code()).isEqualTo(ErrorCode.FHIR_VALUE_OUT_OF_BOUNDS);
        assertThat(longId.field()).isEqualTo("Bundle.entry[0].resource.identifier[0].value");
        assertThat(emptyRecordId.code()).isEqualTo(ErrorCode.FHIR_VALUE_OUT_OF_BOUNDS);
        assertThat(longName.code()).isEqualTo(ErrorCode.FHIR_VALUE_OUT_OF_BOUNDS);
        assertThat(longName.field()).isEqualTo("Bundle.entry[0].resource.name");
    }

    /** A Bundle with one entry per resource, each entry on its own line (the first on line 2). */
    static String bundle(String... resources) {
        StringBuilder json = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[\n");
        for (int i = 0; i < resources.length; i++) {
            json.append("{\"resource\":").append(resources[i].replace("\n", "")).append('}')
                    .append(i + 1 < resources.length ? ",\n" : "\n");
        }
        return json.append("]}").toString();
    }

    @Test
    void anEntryLargerThan64KiBIsRefusedWith413NamingTheEntry() {
        String extensions = String.join(",", java.util.Collections.nCopies(3000,
                "{\"url\":\"urn:x\",\"valueString\":\"padding\"}"));
        String body = bundle("{\"resourceType\":\"Patient\",\"id\":\"a\"}",
                "{\"resourceType\":\"Patient\",\"id\":\"b\",\"extension\":[" + extensions + "]}");

        ApiException e = refusal(body);

        assertThat(e.code()).isEqualTo(ErrorCode.BODY_TOO_LARGE);
        assertThat(e.field()).isEqualTo("Bundle.entry[1]");
        assertThat(e.getMessage()).contains("Entry 1 is larger than 65536 bytes");
    }

    @Test
    void aStringValueLongerThan64KiBIsRefusedAsMalformedJson() {
        String body = bundle("{\"resourceType\":\"Patient\",\"id\":\"" + "a".repeat(70_000) + "\"}");

        ApiException e = refusal(body);

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_BODY);
        assertThat(e.getMessage()).doesNotContain("aaaa");
    }

    private static List<RawRecord> parse(String body) throws IOException {
        List<RawRecord> records = new ArrayList<>();
        FhirBundleParser.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), records::add);
        return records;
    }

    private static ApiException refusal(String body) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> parse(body));
        assertThat(e).as("refused: " + body).isNotNull();
        return e;
    }
}
