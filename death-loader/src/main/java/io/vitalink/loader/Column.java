package io.vitalink.loader;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The columns of a death-registry export, each with its English and Chinese header. */
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
    ID_TYPE("id_type", "证件类型", false);

    private final String english;
    private final String chinese;
    private final boolean required;

    Column(String english, String chinese, boolean required) {
        this.english = english;
        this.chinese = chinese;
        this.required = required;
    }

    public String english() {
        return english;
    }

    public String chinese() {
        return chinese;
    }

    public boolean required() {
        return required;
    }

    /** Both accepted headers, for messages. */
    public List<String> headers() {
        return List.of(english, chinese);
    }

    /** The column a header names: trimmed, English case-insensitive, a leading BOM ignored. */
    public static Optional<Column> forHeader(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String h = header.replace("\uFEFF", "").strip();
        for (Column column : values()) {
            if (column.english.equals(h.toLowerCase(Locale.ROOT)) || column.chinese.equals(h)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }
}
