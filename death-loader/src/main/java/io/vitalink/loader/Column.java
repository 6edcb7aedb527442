package io.vitalink.loader;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The columns of a death-registry export, each with its English header and one or more Chinese headers (the first
 * is the one messages name). The columns after {@link #ID_TYPE} are the cause section and the other fields of the
 * national death certificate (居民死亡医学证明); all of them are optional.
 */
public enum Column {
    NAME("name", "姓名", false),
    ID_NUMBER("id_number", "身份证件号码", true),
    SEX("sex", "性别", false),
    BIRTH_DATE("birth_date", "出生日期", false),
    AGE("age", "年龄", false),
    DEATH_DATE("death_date", "死亡日期", true),
    DEATH_PLACE("death_place", "死亡地点", false),
    DIRECT_CAUSE("direct_cause", "直接死因", false),
    DIRECT_CAUSE_ICD10("direct_cause_icd10", "直接死因编码", false),
    OTHER_DIAGNOSES("other_diagnoses", "其他疾病诊断", false),
    /** The document type of {@link #ID_NUMBER}, as {@link io.vitalink.id.IdType#parse(String)} reads it; blank = resident ID. */
    ID_TYPE("id_type", "证件类型", false),
    /** Part I line (a): interval from onset to death, as written (e.g. 3天). */
    DIRECT_CAUSE_INTERVAL("direct_cause_interval", "直接死因发病至死亡间隔", "(a)间隔"),
    /** Part I line (b): the condition that led to (a). */
    CAUSE_B("cause_b", "死因b", "(b)引起(a)的疾病或情况"),
    CAUSE_B_ICD10("cause_b_icd10", "死因b编码", "(b)编码"),
    CAUSE_B_INTERVAL("cause_b_interval", "死因b间隔", "(b)间隔"),
    /** Part I line (c): the condition that led to (b). */
    CAUSE_C("cause_c", "死因c", "(c)引起(b)的疾病或情况"),
    CAUSE_C_ICD10("cause_c_icd10", "死因c编码", "(c)编码"),
    CAUSE_C_INTERVAL("cause_c_interval", "死因c间隔", "(c)间隔"),
    /** Part I line (d): the condition that led to (c). */
    CAUSE_D("cause_d", "死因d", "(d)引起(c)的疾病或情况"),
    CAUSE_D_ICD10("cause_d_icd10", "死因d编码", "(d)编码"),
    CAUSE_D_INTERVAL("cause_d_interval", "死因d间隔", "(d)间隔"),
    /** Part II coded: the ICD-10 codes of {@link #OTHER_DIAGNOSES}, separated by {@code ;}, {@code ；} or {@code ,}. */
    OTHER_DIAGNOSES_ICD10("other_diagnoses_icd10", "其他疾病诊断编码"),
    UNDERLYING_CAUSE("underlying_cause", "根本死因"),
    UNDERLYING_CAUSE_ICD10("underlying_cause_icd10", "根本死因编码"),
    CERTIFICATE_NUMBER("certificate_number", "死亡证明编号"),
    REPORT_DATE("report_date", "报告日期"),
    /** One of {@link PlaceCategory}, by name or Chinese label. */
    DEATH_PLACE_CATEGORY("death_place_category", "死亡地点类别"),
    /** Six-digit GB/T 2260 administrative division code of the usual residence. */
    RESIDENCE_REGION("residence_region", "常住地址行政区划代码");

    private final String english;
    private final List<String> chinese;
    private final boolean required;

    Column(String english, String chinese, boolean required) {
        this.english = english;
        this.chinese = List.of(chinese);
        this.required = required;
    }

    /** An optional column. */
    Column(String english, String... chinese) {
        this.english = english;
        this.chinese = List.of(chinese);
        this.required = false;
    }

    public String english() {
        return english;
    }

    /** The main Chinese header. */
    public String chinese() {
        return chinese.get(0);
    }

    public boolean required() {
        return required;
    }

    /** Every accepted header: the English one, then the Chinese ones. */
    public List<String> headers() {
        List<String> all = new ArrayList<>(chinese.size() + 1);
        all.add(english);
        all.addAll(chinese);
        return all;
    }

    /**
     * The column a header names: trimmed, a leading BOM ignored, full-width characters folded (（b） is (b)) and
     * letters case-insensitive (死因B is 死因b).
     */
    public static Optional<Column> forHeader(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String h = Normalizer.normalize(header.replace("\uFEFF", ""), Normalizer.Form.NFKC).strip()
                .toLowerCase(Locale.ROOT);
        for (Column column : values()) {
            if (column.english.equals(h) || column.chinese.contains(h)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }
}
