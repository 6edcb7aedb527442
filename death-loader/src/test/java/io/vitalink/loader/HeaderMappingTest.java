package io.vitalink.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HeaderMappingTest {

    @Test
    void mapsEnglishHeadersInAnyOrder() {
        HeaderMapping header = HeaderMapping.of(List.of("death_date", "name", "id_number"));

        assertThat(header.position(Column.DEATH_DATE)).contains(0);
        assertThat(header.position(Column.NAME)).contains(1);
        assertThat(header.position(Column.ID_NUMBER)).contains(2);
        assertThat(header.position(Column.SEX)).isEmpty();
        assertThat(header.width()).isEqualTo(3);
    }

    @Test
    void mapsChineseHeaders() {
        HeaderMapping header = HeaderMapping.of(List.of(
                "姓名", "身份证件号码", "性别", "出生日期", "年龄", "死亡日期", "死亡地点", "直接死因", "直接死因编码", "其他疾病诊断",
                "证件类型", "直接死因发病至死亡间隔", "死因b", "死因b编码", "死因b间隔", "死因c", "死因c编码", "死因c间隔",
                "死因d", "死因d编码", "死因d间隔", "其他疾病诊断编码", "根本死因", "根本死因编码", "死亡证明编号", "报告日期",
                "死亡地点类别", "常住地址行政区划代码"));

        for (Column column : Column.values()) {
            assertThat(header.position(column)).as(column.name()).contains(column.ordinal());
        }
    }

    @ParameterizedTest
    @EnumSource(Column.class)
    void recognisesBothHeadersOfEveryColumn(Column column) {
        assertThat(column.headers()).allSatisfy(header -> assertThat(Column.forHeader(header)).contains(column));
        assertThat(Column.forHeader(column.chinese())).contains(column);
        assertThat(Column.forHeader(" " + column.english().toUpperCase() + " ")).contains(column);
    }

    @Test
    void mapsTheCertificatesColumnsUnderTheirEnglishHeaders() {
        HeaderMapping header = HeaderMapping.of(List.of("id_number", "death_date", "direct_cause_interval", "cause_b",
                "cause_b_icd10", "cause_b_interval", "other_diagnoses_icd10", "underlying_cause", "underlying_cause_icd10",
                "certificate_number", "report_date", "death_place_category", "residence_region"));

        assertThat(List.of(Column.DIRECT_CAUSE_INTERVAL, Column.CAUSE_B, Column.CAUSE_B_ICD10, Column.CAUSE_B_INTERVAL,
                Column.OTHER_DIAGNOSES_ICD10, Column.UNDERLYING_CAUSE, Column.UNDERLYING_CAUSE_ICD10,
                Column.CERTIFICATE_NUMBER, Column.REPORT_DATE, Column.DEATH_PLACE_CATEGORY, Column.RESIDENCE_REGION))
                .extracting(c -> header.position(c).orElseThrow())
                .containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    }

    @Test
    void readsThePartOneLinesUnderTheCertificatesWordingWithFullWidthBracketsAndEitherCase() {
        assertThat(Column.forHeader("（b）引起（a）的疾病或情况")).contains(Column.CAUSE_B);
        assertThat(Column.forHeader("(c)编码")).contains(Column.CAUSE_C_ICD10);
        assertThat(Column.forHeader("死因D间隔")).contains(Column.CAUSE_D_INTERVAL);
        assertThat(Column.forHeader("(a)间隔")).contains(Column.DIRECT_CAUSE_INTERVAL);
    }

    @Test
    void acceptsMixedLanguagesTrimmedAndCaseInsensitiveHeaders() {
        HeaderMapping header = HeaderMapping.of(List.of(" ID_Number ", "死亡日期 ", "Sex"));

        assertThat(header.position(Column.ID_NUMBER)).contains(0);
        assertThat(header.position(Column.DEATH_DATE)).contains(1);
        assertThat(header.position(Column.SEX)).contains(2);
    }

    @Test
    void ignoresUnknownAndBlankColumns() {
        HeaderMapping header = HeaderMapping.of(List.of("序号", "id_number", "", "death_date", "remarks"));

        assertThat(header.values(List.of("1", "A", "", "B", "note")))
                .isEqualTo(Map.of(Column.ID_NUMBER, "A", Column.DEATH_DATE, "B"));
    }

    @Test
    void ignoresByteOrderMarkBeforeTheFirstHeader() {
        assertThat(HeaderMapping.of(List.of("\uFEFFid_number", "death_date")).position(Column.ID_NUMBER)).contains(0);
    }

    @Test
    void refusesHeaderWithoutIdNumber() {
        assertThatThrownBy(() -> HeaderMapping.of(List.of("name", "death_date")))
                .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.failure()).isEqualTo(LoadFailure.BAD_HEADER))
                .hasMessageContaining("VL-3102")
                .hasMessageContaining("missing column id_number (or 身份证件号码)")
                .hasMessageNotContaining("death_date (");
    }

    @Test
    void refusesHeaderWithoutDeathDate() {
        assertThatThrownBy(() -> HeaderMapping.of(List.of("身份证件号码", "姓名")))
                .isInstanceOf(LoadException.class)
                .hasMessageContaining("missing column death_date (or 死亡日期)");
    }

    @Test
    void refusesHeaderNamingAColumnTwice() {
        assertThatThrownBy(() -> HeaderMapping.of(List.of("id_number", "death_date", "死亡日期")))
                .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.failure()).isEqualTo(LoadFailure.BAD_HEADER))
                .hasMessageContaining("column death_date appears twice (columns 2 and 3)");
    }

    @Test
    void everyColumnHasDistinctHeaders() {
        assertThat(Arrays.stream(Column.values()).flatMap(c -> c.headers().stream())).doesNotHaveDuplicates();
        assertThat(Arrays.stream(Column.values()).filter(Column::required))
                .containsExactly(Column.ID_NUMBER, Column.DEATH_DATE);
    }

    @Test
    void requiresOnlyTheGivenColumnsWhenTold() {
        HeaderMapping header = HeaderMapping.of(List.of("id_type", "id_number"), java.util.EnumSet.of(Column.ID_NUMBER));

        assertThat(header.position(Column.ID_TYPE)).contains(0);
        assertThatThrownBy(() -> HeaderMapping.of(List.of("id_type", "name"), java.util.EnumSet.of(Column.ID_NUMBER)))
                .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.failure()).isEqualTo(LoadFailure.BAD_HEADER))
                .hasMessageContaining("missing column id_number")
                .hasMessageNotContaining("death_date");
    }
}
