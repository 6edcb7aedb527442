package io.vitalink.local;

import io.vitalink.loader.Condition;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVRecord;

/**
 * What a synthetic death certificate adds to a registry row, as the export's columns hold it.
 *
 * @param antecedentCauses Part I lines (b), (c), ... in order (empty when line (a) is the whole chain)
 * @param otherDiagnosesIcd10 the codes of Part II separated by {@code "; "}, or null
 * @param deathPlaceCategory the Chinese label of the place category, e.g. 医疗卫生机构
 */
public record SampleCertificate(
        String directCauseInterval,
        List<Condition> antecedentCauses,
        String otherDiagnosesIcd10,
        String underlyingCause,
        String underlyingCauseIcd10,
        String certificateNumber,
        LocalDate reportDate,
        String deathPlaceCategory,
        String residenceRegion) {

    /** The columns of the certificate in a deaths CSV, after those of the old export format. */
    public static final List<String> HEADER = List.of("direct_cause_interval",
            "cause_b", "cause_b_icd10", "cause_b_interval", "cause_c", "cause_c_icd10", "cause_c_interval",
            "cause_d", "cause_d_icd10", "cause_d_interval", "other_diagnoses_icd10", "underlying_cause",
            "underlying_cause_icd10", "certificate_number", "report_date", "death_place_category", "residence_region");

    /** Part I lines after (a) that a CSV has columns for: (b), (c), (d). */
    private static final int LINES = 3;

    public SampleCertificate {
        if (antecedentCauses.size() > LINES) {
            throw new IllegalArgumentException("at most " + LINES + " lines after (a)");
        }
        antecedentCauses = List.copyOf(antecedentCauses);
    }

    /** The values of {@link #HEADER} for a certificate, all null for none (a row of the old format). */
    static List<Object> values(SampleCertificate c) {
        if (c == null) {
            return Arrays.asList(new Object[HEADER.size()]);
        }
        List<Object> values = new ArrayList<>(HEADER.size());
        values.add(c.directCauseInterval);
        for (int i = 0; i < LINES; i++) {
            Condition line = i < c.antecedentCauses.size() ? c.antecedentCauses.get(i) : new Condition(null, null, null);
            values.addAll(Arrays.asList(line.text(), line.icd10(), line.interval()));
        }
        values.addAll(Arrays.asList(c.otherDiagnosesIcd10, c.underlyingCause, c.underlyingCauseIcd10, c.certificateNumber,
                c.reportDate, c.deathPlaceCategory, c.residenceRegion));
        return values;
    }

    /** The certificate of a CSV row written with {@link #values}, or null when its columns are blank or absent. */
    static SampleCertificate read(CSVRecord row) {
        List<String> v = HEADER.stream().map(column -> row.isMapped(column) ? blankToNull(row.get(column)) : null).toList();
        if (v.stream().allMatch(value -> value == null)) {
            return null;
        }
        List<Condition> lines = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            Condition line = new Condition(v.get(1 + 3 * i), v.get(2 + 3 * i), v.get(3 + 3 * i));
            if (line.named()) {
                lines.add(line);
            }
        }
        return new SampleCertificate(v.get(0), lines, v.get(10), v.get(11), v.get(12), v.get(13),
                v.get(14) == null ? null : LocalDate.parse(v.get(14)), v.get(15), v.get(16));
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
