package io.vitalink.api.intake;

import java.util.Locale;
import java.util.Optional;

/** The record fields of an upload, with their JSON name and CSV column. */
public enum RecordFields {
    RECORD_ID("recordId", "record_id"),
    ID_NUMBER("idNumber", "id_number"),
    NAME("name", "name"),
    SEX("sex", "sex"),
    BIRTH_DATE("birthDate", "birth_date"),
    ID_TYPE("idType", "id_type");

    private final String json;
    private final String csv;

    RecordFields(String json, String csv) {
        this.json = json;
        this.csv = csv;
    }

    public String json() {
        return json;
    }

    public String csv() {
        return csv;
    }

    public static Optional<RecordFields> byJson(String name) {
        for (RecordFields f : values()) {
            if (f.json.equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The CSV columns, as a header line would name them: record_id, id_number, … */
    public static String csvNames() {
        return java.util.Arrays.stream(values()).map(RecordFields::csv).collect(java.util.stream.Collectors.joining(", "));
    }

    public static Optional<RecordFields> byCsv(String column) {
        String normalised = column.strip().toLowerCase(Locale.ROOT);
        for (RecordFields f : values()) {
            if (f.csv.equals(normalised)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
