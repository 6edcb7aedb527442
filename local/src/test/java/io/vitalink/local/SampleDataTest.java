package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vitalink.id.IdCheck;
import io.vitalink.id.IdRejection;
import io.vitalink.id.ResidentIds;
import io.vitalink.loader.CauseChain;
import io.vitalink.loader.Condition;
import io.vitalink.loader.DeathCsvReader;
import io.vitalink.loader.RowCleaner;
import io.vitalink.loader.RowOutcome;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleDataTest {

    private static final LocalDate TODAY = LocalDate.now();
    private static final Set<String> PLACES = Set.of("医院", "家中", "养老院", "其他");

    @Test
    void sameSeedGivesSameData() {
        List<SampleDeath> a = SampleData.deaths(42, 500);
        List<SampleDeath> b = SampleData.deaths(42, 500);
        assertThat(a).isEqualTo(b);
        assertThat(SampleData.requests(7, a, 300, 40, 30)).isEqualTo(SampleData.requests(7, b, 300, 40, 30));

        assertThat(SampleData.deaths(43, 500)).isNotEqualTo(a);
        assertThat(SampleData.requests(8, a, 300, 40, 30)).isNotEqualTo(SampleData.requests(7, a, 300, 40, 30));
    }

    @Test
    void deathsHaveValidUniqueIdsAndConsistentFields() {
        List<SampleDeath> deaths = SampleData.deaths(1, 5_000);

        assertThat(deaths).hasSize(5_000);
        assertThat(deaths).extracting(SampleDeath::idNumber).doesNotHaveDuplicates();
        for (SampleDeath d : deaths) {
            assertThat(ResidentIds.check(d.idNumber(), TODAY)).isEqualTo(new IdCheck.Valid(d.idNumber()));
            assertThat(SampleData.REGION_CODES).contains(d.idNumber().substring(0, 6));
            assertThat(ResidentIds.birthDate(d.idNumber())).isEqualTo(d.birthDate());
            assertThat(d.birthDate().getYear()).isBetween(1925, 1975);
            int sequence = Integer.parseInt(d.idNumber().substring(14, 17));
            assertThat(d.sex()).isEqualTo(sequence % 2 == 1 ? "M" : "F");
            assertThat(d.deathDate()).isBetween(LocalDate.of(2015, 1, 1), LocalDate.of(2025, 12, 31));
            assertThat(d.age()).isEqualTo(Period.between(d.birthDate(), d.deathDate()).getYears()).isPositive();
            assertThat(d.name()).matches("\\p{IsHan}{2,4}");
            assertThat(d.deathPlace()).isIn(PLACES);
            assertThat(d.directCause()).isNotBlank();
            assertThat(d.directCauseIcd10()).matches("[A-Z]\\d{2}(\\.\\d)?");
            if ("M".equals(d.sex())) {
                assertThat(d.directCauseIcd10()).isNotIn("C50.9", "C53.9");
            } else {
                assertThat(d.directCauseIcd10()).isNotEqualTo("C61");
            }
        }
        assertThat(deaths).extracting(SampleDeath::sex).contains("M", "F");
        assertThat(deaths).extracting(SampleDeath::deathPlace).containsAll(PLACES);
        assertThat(deaths).extracting(SampleDeath::otherDiagnoses).contains((String) null)
                .anyMatch(o -> o != null && o.contains("; "));
        assertThat(deaths).extracting(SampleDeath::directCauseIcd10)
                .contains("C34.9", "C22.0", "C16.9", "C18.9", "C50.9", "I21.9", "I63.9", "J18.9");
    }

    @Test
    void requestsHaveExactOutcomeCounts() {
        List<SampleDeath> deaths = SampleData.deaths(3, 1_000);
        List<SampleRequest> requests = SampleData.requests(4, deaths, 2_000, 150, 120);

        assertThat(requests).hasSize(2_000);
        Map<String, Long> byOutcome = requests.stream()
                .collect(Collectors.groupingBy(SampleRequest::expectedOutcome, Collectors.counting()));
        assertThat(byOutcome).containsExactlyInAnyOrderEntriesOf(Map.of(
                SampleRequest.MATCHED, 150L, SampleRequest.INVALID, 120L, SampleRequest.NOT_FOUND, 1_730L));

        for (int i = 0; i < requests.size(); i++) {
            assertThat(requests.get(i).recordId()).isEqualTo(String.format("r%05d", i + 1));
        }
        // shuffled: the first hundred are not all of one kind
        assertThat(requests.subList(0, 100)).extracting(SampleRequest::expectedOutcome)
                .contains(SampleRequest.MATCHED, SampleRequest.NOT_FOUND, SampleRequest.INVALID);
    }

    @Test
    void matchedRequestsAreTheDeadAndNotFoundOnesAreValidAndAlive() {
        List<SampleDeath> deaths = SampleData.deaths(5, 800);
        Map<String, SampleDeath> byId = deaths.stream()
                .collect(Collectors.toMap(SampleDeath::idNumber, Function.identity()));
        List<SampleRequest> requests = SampleData.requests(6, deaths, 1_000, 200, 100);

        List<SampleRequest> matched = requests.stream().filter(r -> r.expectedOutcome().equals(SampleRequest.MATCHED)).toList();
        assertThat(matched).extracting(SampleRequest::idNumber).doesNotHaveDuplicates();
        for (SampleRequest r : matched) {
            SampleDeath d = byId.get(r.idNumber());
            assertThat(d).as(r.recordId()).isNotNull();
            assertThat(r.name()).isEqualTo(d.name());
            assertThat(r.sex()).isEqualTo(d.sex());
            assertThat(r.birthDate()).isEqualTo(d.birthDate());
            assertThat(r.expectedDeathDate()).isEqualTo(d.deathDate());
            assertThat(r.expectedDeathPlace()).isEqualTo(d.deathPlace());
            assertThat(r.expectedDirectCause()).isEqualTo(d.directCause());
            assertThat(r.expectedDirectCauseIcd10()).isEqualTo(d.directCauseIcd10());
            assertThat(r.expectedOtherDiagnoses()).isEqualTo(d.otherDiagnoses());
            assertThat(r.expectedReasonCode()).isNull();
        }
        List<SampleRequest> notFound = requests.stream().filter(r -> r.expectedOutcome().equals(SampleRequest.NOT_FOUND)).toList();
        assertThat(notFound).extracting(SampleRequest::idNumber).doesNotHaveDuplicates();
        for (SampleRequest r : notFound) {
            assertThat(ResidentIds.check(r.idNumber(), TODAY)).isEqualTo(new IdCheck.Valid(r.idNumber()));
            assertThat(byId).doesNotContainKey(r.idNumber());
            assertThat(ResidentIds.birthDate(r.idNumber())).isEqualTo(r.birthDate());
            assertThat(r.expectedDeathDate()).isNull();
            assertThat(r.expectedReasonCode()).isNull();
        }
    }

    @Test
    void expectedInvalidReasonsAgreeWithResidentIdsCheck() {
        List<SampleDeath> deaths = SampleData.deaths(9, 100);
        List<SampleRequest> requests = SampleData.requests(10, deaths, 500, 10, 240);

        Set<IdRejection> seen = EnumSet.noneOf(IdRejection.class);
        for (SampleRequest r : requests.stream().filter(x -> x.expectedOutcome().equals(SampleRequest.INVALID)).toList()) {
            IdCheck check = ResidentIds.check(r.idNumber(), TODAY);
            assertThat(check).as("%s %s", r.recordId(), r.idNumber()).isInstanceOf(IdCheck.Invalid.class);
            IdRejection reason = ((IdCheck.Invalid) check).reason();
            assertThat(r.expectedReasonCode()).as("%s '%s'", r.recordId(), r.idNumber()).isEqualTo(reason.code());
            assertThat(r.expectedDeathDate()).isNull();
            seen.add(reason);
        }
        assertThat(seen).containsExactlyInAnyOrder(IdRejection.MISSING, IdRejection.WRONG_LENGTH,
                IdRejection.BAD_CHARACTERS, IdRejection.BAD_REGION, IdRejection.BAD_BIRTH_DATE, IdRejection.BAD_CHECK_DIGIT);
        assertThat(requests).filteredOn(r -> !r.expectedOutcome().equals(SampleRequest.INVALID))
                .allSatisfy(r -> assertThat(ResidentIds.check(r.idNumber(), TODAY)).isInstanceOf(IdCheck.Valid.class));
    }

    @Test
    void refusesImpossibleCounts() {
        List<SampleDeath> deaths = SampleData.deaths(1, 10);
        assertThatThrownBy(() -> SampleData.requests(1, deaths, 10, 11, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SampleData.requests(1, deaths, 10, 5, 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SampleData.requests(1, deaths, 10, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SampleData.requests(1, deaths, 10, 10, 0)).hasSize(10);
        assertThat(SampleData.requests(1, deaths, 0, 0, 0)).isEmpty();
    }

    @Test
    void mostDeathsCarryACertificateWhoseUnderlyingCauseAgreesWithItsConditions() {
        List<SampleDeath> deaths = SampleData.deaths(1, 5_000);

        List<SampleCertificate> certificates = deaths.stream().map(SampleDeath::certificate).filter(Objects::nonNull).toList();
        assertThat(certificates.size()).as("old-format rows are a share, not none").isBetween(3_600, 4_400);
        for (SampleDeath d : deaths) {
            SampleCertificate c = d.certificate();
            if (c == null) {
                continue;
            }
            List<String> partOne = new ArrayList<>(List.of(d.directCauseIcd10()));
            c.antecedentCauses().forEach(line -> partOne.add(line.icd10()));
            List<String> partTwo = c.otherDiagnosesIcd10() == null ? List.of() : List.of(c.otherDiagnosesIcd10().split("; "));
            assertThat(CauseChain.agrees(c.underlyingCauseIcd10(), partOne, partTwo)).as(d.toString()).isTrue();
            assertThat(partOne.get(partOne.size() - 1)).as("the chain ends in the underlying cause")
                    .isEqualTo(c.underlyingCauseIcd10());
            assertThat(c.reportDate()).isBetween(d.deathDate(), d.deathDate().plusDays(7));
            assertThat(c.residenceRegion()).isEqualTo(d.idNumber().substring(0, 6));
        }
        assertThat(certificates).extracting(SampleCertificate::underlyingCauseIcd10)
                .contains("C34.9", "C22.0", "C16.9", "C18.9", "C50.9", "I21.9", "I63.9", "J44.9");
        assertThat(deaths).extracting(SampleDeath::directCauseIcd10).contains("J96.9", "R68.8");
        assertThat(certificates).extracting(SampleCertificate::directCauseInterval).anyMatch(i -> i.endsWith("天"));
        assertThat(certificates).flatExtracting(SampleCertificate::antecedentCauses).extracting(Condition::interval)
                .anyMatch(i -> i.endsWith("年")).anyMatch(i -> i.endsWith("月"));
        assertThat(certificates).anyMatch(c -> c.antecedentCauses().size() == 2);
    }

    @Test
    void theLoaderAcceptsEveryRowOfTheSampleAndDerivesTheChapter(@TempDir Path dir) throws IOException {
        List<SampleDeath> deaths = SampleData.deaths(5, 2_000);
        Path file = dir.resolve("deaths.csv");
        SampleData.writeDeathsCsv(deaths, file);

        List<RowOutcome> outcomes = new ArrayList<>();
        try (DeathCsvReader reader = new DeathCsvReader(Files.newInputStream(file), new RowCleaner(TODAY))) {
            for (var row = reader.next(); row.isPresent(); row = reader.next()) {
                outcomes.add(row.get().outcome());
            }
        }

        assertThat(outcomes).hasSize(deaths.size()).allSatisfy(o -> assertThat(o).isInstanceOf(RowOutcome.Accepted.class));
        assertThat(outcomes).extracting(o -> ((RowOutcome.Accepted) o).row().certificate().underlyingCauseChapter())
                .contains("II", "IX", "X", null);
    }

    @Test
    void deathsCsvRoundTrips(@TempDir Path dir) throws IOException {
        List<SampleDeath> deaths = SampleData.deaths(11, 300);
        Path file = dir.resolve("deaths.csv");
        SampleData.writeDeathsCsv(deaths, file);

        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8).get(0))
                .startsWith("name,id_number,sex,birth_date,age,death_date,death_place,direct_cause,direct_cause_icd10,other_diagnoses,")
                .endsWith(",underlying_cause,underlying_cause_icd10,certificate_number,report_date,death_place_category,residence_region");
        assertThat(SampleData.readDeathsCsv(file)).isEqualTo(deaths);

        try (CSVParser parser = parse(file)) {
            List<CSVRecord> rows = parser.getRecords();
            assertThat(parser.getHeaderNames()).isEqualTo(SampleData.DEATHS_HEADER);
            assertThat(rows).hasSize(300);
            CSVRecord first = rows.get(0);
            SampleDeath d = deaths.get(0);
            assertThat(first.get("birth_date")).isEqualTo(d.birthDate().toString()).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(first.get("death_date")).isEqualTo(d.deathDate().toString());
            assertThat(first.get("name")).isEqualTo(d.name());
            assertThat(first.get("age")).isEqualTo(String.valueOf(d.age()));
        }
    }

    @Test
    void requestsCsvRoundTrips(@TempDir Path dir) throws IOException {
        List<SampleDeath> deaths = SampleData.deaths(12, 100);
        List<SampleRequest> requests = SampleData.requests(13, deaths, 400, 50, 60);
        Path file = dir.resolve("requests.csv");
        SampleData.writeRequestsCsv(requests, file);

        try (CSVParser parser = parse(file)) {
            assertThat(parser.getHeaderNames()).isEqualTo(SampleData.REQUESTS_HEADER);
            List<CSVRecord> rows = parser.getRecords();
            assertThat(rows).hasSize(requests.size());
            for (int i = 0; i < rows.size(); i++) {
                CSVRecord row = rows.get(i);
                SampleRequest r = requests.get(i);
                assertThat(row.get("record_id")).isEqualTo(r.recordId());
                assertThat(row.get("id_number")).isEqualTo(r.idNumber());
                assertThat(row.get("name")).isEqualTo(r.name());
                assertThat(row.get("sex")).isEqualTo(r.sex()).isIn("M", "F");
                assertThat(LocalDate.parse(row.get("birth_date"))).isEqualTo(r.birthDate());
            }
        }
    }

    private static CSVParser parse(Path file) throws IOException {
        Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader);
    }
}
