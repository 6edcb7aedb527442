package io.vitalink.loader;

import static io.vitalink.loader.RowCleaner.value;

import io.vitalink.icd.Icd10;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Cleans the death certificate's columns of a row (those an older export does not have) once the row's other
 * fields are clean. Plain Java. The first problem found refuses the row, in this order: report date (VL-3021,
 * VL-3022, VL-3023), place category (VL-3024), residence region (VL-3025), codes of lines (b)-(d) and Part II
 * (VL-3016), gaps in Part I (VL-3018), intervals without their line (VL-3017), the underlying cause's code
 * (VL-3019) and its agreement with the conditions ({@link CauseChain}, VL-3020). Codes are kept canonical.
 * A row with conditions but no underlying cause is kept as it is: the loader does not choose one.
 */
final class CertificateCleaner {

    /** The result: the row's certificate, or why the row is refused. */
    sealed interface Outcome {
        record Clean(Certificate certificate) implements Outcome {
        }

        record Refused(RowRejection reason) implements Outcome {
        }
    }

    private static final Pattern REGION = Pattern.compile("[0-9]{6}");
    /** Between the conditions of Part II: ; and , (full-width ones too). */
    private static final Pattern SEPARATOR = Pattern.compile("[;,；，]");

    private static final Column[][] ANTECEDENT_LINES = {
        {Column.CAUSE_B, Column.CAUSE_B_ICD10, Column.CAUSE_B_INTERVAL},
        {Column.CAUSE_C, Column.CAUSE_C_ICD10, Column.CAUSE_C_INTERVAL},
        {Column.CAUSE_D, Column.CAUSE_D_ICD10, Column.CAUSE_D_INTERVAL}};

    private final LocalDate today;

    CertificateCleaner(LocalDate today) {
        this.today = Objects.requireNonNull(today, "today");
    }

    /**
     * @param directCause line (a) as cleaned: its text and canonical code, each possibly null
     */
    Outcome clean(Map<Column, String> raw, LocalDate deathDate, String directCause, String directCauseIcd10) {
        LocalDate reportDate = null;
        String rawReport = value(raw, Column.REPORT_DATE);
        if (rawReport != null) {
            reportDate = RowCleaner.parseDate(rawReport).orElse(null);
            if (reportDate == null) {
                return refuse(RowRejection.BAD_REPORT_DATE);
            }
            if (reportDate.isBefore(deathDate)) {
                return refuse(RowRejection.REPORT_BEFORE_DEATH);
            }
            if (reportDate.isAfter(today)) {
                return refuse(RowRejection.REPORT_DATE_IN_FUTURE);
            }
        }
        String rawPlace = value(raw, Column.DEATH_PLACE_CATEGORY);
        Optional<PlaceCategory> place = PlaceCategory.parse(rawPlace);
        if (rawPlace != null && place.isEmpty()) {
            return refuse(RowRejection.BAD_PLACE_CATEGORY);
        }
        String region = folded(value(raw, Column.RESIDENCE_REGION));
        if (region != null && !REGION.matcher(region).matches()) {
            return refuse(RowRejection.BAD_RESIDENCE_REGION);
        }

        List<Condition> partOne = new ArrayList<>();
        partOne.add(new Condition(directCause, directCauseIcd10, value(raw, Column.DIRECT_CAUSE_INTERVAL)));
        for (Column[] line : ANTECEDENT_LINES) {
            String rawCode = value(raw, line[1]);
            String code = rawCode == null ? null : Icd10.normalise(rawCode).orElse(null);
            if (rawCode != null && code == null) {
                return refuse(RowRejection.BAD_CAUSE_ICD10);
            }
            partOne.add(new Condition(value(raw, line[0]), code, value(raw, line[2])));
        }
        List<String> otherCodes = codes(value(raw, Column.OTHER_DIAGNOSES_ICD10));
        if (otherCodes.stream().anyMatch(Objects::isNull)) {
            return refuse(RowRejection.BAD_CAUSE_ICD10);
        }
        for (int i = 1; i < partOne.size(); i++) {
            if (partOne.get(i).named() && !partOne.get(i - 1).named()) {
                return refuse(RowRejection.CAUSE_CHAIN_GAP);
            }
        }
        if (partOne.stream().anyMatch(line -> line.interval() != null && !line.named())) {
            return refuse(RowRejection.INTERVAL_WITHOUT_CAUSE);
        }

        String rawUnderlying = value(raw, Column.UNDERLYING_CAUSE_ICD10);
        String underlying = rawUnderlying == null ? null : Icd10.normalise(rawUnderlying).orElse(null);
        if (rawUnderlying != null && underlying == null) {
            return refuse(RowRejection.BAD_UNDERLYING_ICD10);
        }
        if (underlying != null && !CauseChain.agrees(underlying, partOne.stream().map(Condition::icd10).toList(), otherCodes)) {
            return refuse(RowRejection.UNDERLYING_NOT_IN_CHAIN);
        }

        List<Condition> antecedents = partOne.subList(1, partOne.size()).stream().filter(Condition::named).toList();
        return new Outcome.Clean(new Certificate(partOne.get(0).interval(), antecedents.isEmpty() ? null : antecedents,
                otherConditions(value(raw, Column.OTHER_DIAGNOSES), otherCodes), value(raw, Column.UNDERLYING_CAUSE),
                underlying, underlying == null ? null : Icd10.chapterOf(underlying).orElseThrow().name(),
                value(raw, Column.CERTIFICATE_NUMBER), reportDate, place.map(Enum::name).orElse(null), region));
    }

    /** The canonical codes of a Part II list, a null for each part that is no code; blank parts are skipped. */
    static List<String> codes(String list) {
        if (list == null) {
            return List.of();
        }
        return parts(list).stream().map(code -> Icd10.normalise(code).orElse(null)).toList();
    }

    /** Part II coded: the texts beside the codes when the free text has as many parts, else codes alone. */
    private static List<Condition> otherConditions(String text, List<String> codes) {
        if (codes.isEmpty()) {
            return null;
        }
        List<String> texts = text == null ? List.of() : parts(text);
        boolean paired = texts.size() == codes.size();
        List<Condition> conditions = new ArrayList<>(codes.size());
        for (int i = 0; i < codes.size(); i++) {
            conditions.add(new Condition(paired ? texts.get(i) : null, codes.get(i), null));
        }
        return conditions;
    }

    private static List<String> parts(String list) {
        return Arrays.stream(SEPARATOR.split(list)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String folded(String s) {
        return s == null ? null : Normalizer.normalize(s, Normalizer.Form.NFKC);
    }

    private static Outcome refuse(RowRejection reason) {
        return new Outcome.Refused(reason);
    }
}
