package io.vitalink.loader;

import static io.vitalink.loader.CleanedRows.accepted;
import static io.vitalink.loader.CleanedRows.rejectionCode;
import static io.vitalink.loader.CleanedRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.CauseLine;
import io.vitalink.avro.DeathRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The death certificate's columns of a row: how they are cleaned, refused, and what record they become. */
class CertificateColumnsTest {

    /** Lung cancer ending in respiratory failure: (a) J96.9, (b) C34.9, underlying C34.9. */
    private static Map<Column, String> lungCancer(Object... more) {
        Map<Column, String> row = row(Column.DIRECT_CAUSE, "呼吸衰竭", Column.DIRECT_CAUSE_ICD10, "J96.9",
                Column.DIRECT_CAUSE_INTERVAL, "5天", Column.CAUSE_B, "肺恶性肿瘤", Column.CAUSE_B_ICD10, "C34.9",
                Column.CAUSE_B_INTERVAL, "2年", Column.UNDERLYING_CAUSE, "肺恶性肿瘤", Column.UNDERLYING_CAUSE_ICD10, "C34.9");
        for (int i = 0; i < more.length; i += 2) {
            row.put((Column) more[i], (String) more[i + 1]);
        }
        return row;
    }

    private static Certificate certificate(Map<Column, String> row) {
        return accepted(row).certificate();
    }

    @Test
    void aRowOfTheOldColumnSetHasNoCertificate() {
        assertThat(certificate(row(Column.DIRECT_CAUSE, "肺癌", Column.DIRECT_CAUSE_ICD10, "C34.9",
                Column.OTHER_DIAGNOSES, "高血压; 糖尿病"))).isEqualTo(Certificate.NONE);
    }

    @Test
    void becomesARecordWithTheAntecedentLinesInOrderCanonicalCodesAndTheChapter() {
        Map<Column, String> row = row(Column.DIRECT_CAUSE, "多器官功能衰竭", Column.DIRECT_CAUSE_ICD10, "r688",
                Column.DIRECT_CAUSE_INTERVAL, "3天",
                Column.CAUSE_B, "肝转移", Column.CAUSE_B_ICD10, "c78.7", Column.CAUSE_B_INTERVAL, "3月",
                Column.CAUSE_C, "胃恶性肿瘤", Column.CAUSE_C_ICD10, "Ｃ１６．９", Column.CAUSE_C_INTERVAL, "1年",
                Column.OTHER_DIAGNOSES, "高血压；2型糖尿病", Column.OTHER_DIAGNOSES_ICD10, "i10, e11.9",
                Column.UNDERLYING_CAUSE, "胃恶性肿瘤", Column.UNDERLYING_CAUSE_ICD10, "C169",
                Column.CERTIFICATE_NUMBER, "110105202400123", Column.REPORT_DATE, "2024-01-08",
                Column.DEATH_PLACE_CATEGORY, "医疗卫生机构", Column.RESIDENCE_REGION, "110105");
        DeathRow clean = accepted(row);

        DeathRecord record = Reconciler.toRecord(clean, "b", Instant.EPOCH);

        assertThat(record.getDirectCauseIcd10()).isEqualTo("R68.8");
        assertThat(record.getDirectCauseInterval()).isEqualTo("3天");
        assertThat(record.getAntecedentCauses()).containsExactly(
                new CauseLine("肝转移", "C78.7", "3月"), new CauseLine("胃恶性肿瘤", "C16.9", "1年"));
        assertThat(record.getOtherDiagnoses()).isEqualTo("高血压；2型糖尿病");
        assertThat(record.getOtherConditions()).containsExactly(
                new CauseLine("高血压", "I10", null), new CauseLine("2型糖尿病", "E11.9", null));
        assertThat(record.getUnderlyingCause()).isEqualTo("胃恶性肿瘤");
        assertThat(record.getUnderlyingCauseIcd10()).isEqualTo("C16.9");
        assertThat(record.getUnderlyingCauseChapter()).isEqualTo("II");
        assertThat(record.getCertificateNumber()).isEqualTo("110105202400123");
        assertThat(record.getReportDate()).isEqualTo(LocalDate.of(2024, 1, 8));
        assertThat(record.getDeathPlaceCategory()).isEqualTo("HEALTH_FACILITY");
        assertThat(record.getResidenceRegion()).isEqualTo("110105");
    }

    @Test
    void aRecordOfTheOldColumnSetLeavesEveryCertificateFieldEmpty() {
        DeathRow clean = accepted(row(Column.DIRECT_CAUSE, "肺癌"));

        DeathRecord record = Reconciler.toRecord(clean, "b", Instant.EPOCH);

        assertThat(record.getAntecedentCauses()).isNull();
        assertThat(record.getOtherConditions()).isNull();
        assertThat(record.getUnderlyingCauseChapter()).isNull();
        assertThat(record.getReportDate()).isNull();
    }

    @Test
    void keepsAChainWithoutUnderlyingCauseAndDoesNotChooseOne() {
        Certificate certificate = certificate(lungCancer(Column.UNDERLYING_CAUSE, "", Column.UNDERLYING_CAUSE_ICD10, ""));

        assertThat(certificate.antecedentCauses()).containsExactly(new Condition("肺恶性肿瘤", "C34.9", "2年"));
        assertThat(certificate.underlyingCauseIcd10()).isNull();
        assertThat(certificate.underlyingCauseChapter()).isNull();
    }

    @Test
    void keepsPartTwoTextOnlyInOtherDiagnosesWhenItDoesNotSplitIntoAsManyPartsAsCodes() {
        Certificate certificate = certificate(lungCancer(Column.OTHER_DIAGNOSES, "高血压多年",
                Column.OTHER_DIAGNOSES_ICD10, "I10;E11.9"));

        assertThat(certificate.otherConditions()).containsExactly(new Condition(null, "I10", null),
                new Condition(null, "E11.9", null));
    }

    @Test
    void acceptsAnUnderlyingCauseFoundOnlyInPartTwo() {
        assertThat(certificate(lungCancer(Column.OTHER_DIAGNOSES_ICD10, "I25.1", Column.UNDERLYING_CAUSE_ICD10, "I25.9"))
                .underlyingCauseChapter()).isEqualTo("IX");
    }

    @Test
    void acceptsAnExternalCauseAsUnderlyingWhenPartOneHoldsAnInjury() {
        Certificate certificate = certificate(row(Column.DIRECT_CAUSE, "颅脑损伤", Column.DIRECT_CAUSE_ICD10, "S06.9",
                Column.UNDERLYING_CAUSE, "行人在交通事故中受伤", Column.UNDERLYING_CAUSE_ICD10, "V09.2"));

        assertThat(certificate.underlyingCauseChapter()).isEqualTo("XX");
    }

    @ParameterizedTest
    @CsvSource({"HOME,HOME", "home,HOME", "家中,HOME", "来院途中,ON_THE_WAY", "养老服务机构,CARE_FACILITY",
        "其他场所,OTHER", "不详,UNKNOWN", "CARE_FACILITY,CARE_FACILITY"})
    void readsThePlaceCategoryByNameOrChineseLabel(String written, String stored) {
        assertThat(certificate(row(Column.DEATH_PLACE_CATEGORY, written)).deathPlaceCategory()).isEqualTo(stored);
    }

    @Test
    void refusesACodeOfALineOrOfPartTwoThatIsNoCodeOfAChapter() {
        assertThat(rejectionCode(lungCancer(Column.CAUSE_B_ICD10, "肺癌"))).isEqualTo("VL-3016");
        assertThat(rejectionCode(lungCancer(Column.OTHER_DIAGNOSES_ICD10, "I10; D49"))).isEqualTo("VL-3016");
    }

    @Test
    void refusesAnIntervalWithoutItsCondition() {
        assertThat(rejectionCode(lungCancer(Column.CAUSE_C_INTERVAL, "10年"))).isEqualTo("VL-3017");
        assertThat(rejectionCode(row(Column.DIRECT_CAUSE_INTERVAL, "3天"))).isEqualTo("VL-3017");
    }

    @Test
    void refusesAGapInPartOne() {
        assertThat(rejectionCode(lungCancer(Column.CAUSE_D, "吸烟"))).as("(d) without (c)").isEqualTo("VL-3018");
        assertThat(rejectionCode(row(Column.CAUSE_B, "肺恶性肿瘤", Column.CAUSE_B_ICD10, "C34.9")))
                .as("(b) without (a)").isEqualTo("VL-3018");
    }

    @Test
    void refusesAnUnderlyingCauseCodeWithoutAChapter() {
        assertThat(rejectionCode(lungCancer(Column.UNDERLYING_CAUSE_ICD10, "D49"))).isEqualTo("VL-3019");
    }

    @Test
    void refusesAnUnderlyingCauseThatIsNotAmongTheConditions() {
        assertThat(rejectionCode(lungCancer(Column.UNDERLYING_CAUSE_ICD10, "C16.9"))).isEqualTo("VL-3020");
        assertThat(rejectionCode(lungCancer(Column.UNDERLYING_CAUSE_ICD10, "V09.2")))
                .as("an external cause without an injury").isEqualTo("VL-3020");
    }

    @Test
    void refusesABadReportDate() {
        assertThat(rejectionCode(row(Column.REPORT_DATE, "2024-02-30"))).isEqualTo("VL-3021");
        assertThat(rejectionCode(row(Column.REPORT_DATE, "2024-01-04"))).isEqualTo("VL-3022");
        assertThat(rejectionCode(row(Column.REPORT_DATE, "2025-06-02"))).isEqualTo("VL-3023");
        assertThat(certificate(row(Column.REPORT_DATE, "2024-01-05")).reportDate()).isEqualTo(LocalDate.of(2024, 1, 5));
    }

    @Test
    void refusesAnUnknownPlaceCategory() {
        assertThat(rejectionCode(row(Column.DEATH_PLACE_CATEGORY, "医院"))).isEqualTo("VL-3024");
    }

    @Test
    void refusesAResidenceRegionThatIsNotSixDigits() {
        assertThat(rejectionCode(row(Column.RESIDENCE_REGION, "11010"))).isEqualTo("VL-3025");
        assertThat(rejectionCode(row(Column.RESIDENCE_REGION, "北京市朝阳区"))).isEqualTo("VL-3025");
        assertThat(certificate(row(Column.RESIDENCE_REGION, "１１０１０５")).residenceRegion()).isEqualTo("110105");
    }

    @Test
    void showsNoCauseCodeOrNumberWhenPrinted() {
        Certificate certificate = certificate(lungCancer(Column.CERTIFICATE_NUMBER, "110105202400123"));

        assertThat(certificate.toString()).doesNotContain("肺恶性肿瘤", "C34.9", "2年", "110105202400123");
    }
}
