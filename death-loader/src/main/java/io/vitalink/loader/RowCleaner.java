package io.vitalink.loader;

import io.vitalink.id.IdCheck;
import io.vitalink.id.ResidentIds;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Cleans one row of a death-registry export. Plain Java, no I/O: values are trimmed, empty values
 * become null, the resident ID is checked and normalised, sex, dates and age are parsed. The first
 * problem found refuses the row; the checks run in a fixed order (ID, death date, birth date, sex, age).
 */
public final class RowCleaner {

    /** Ages above this are refused as typing errors. */
    public static final int MAX_AGE = 150;

    private static final Pattern DASHED = Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}");
    private static final Pattern SLASHED = Pattern.compile("\\d{4}/\\d{1,2}/\\d{1,2}");
    private static final Pattern COMPACT = Pattern.compile("\\d{8}");
    private static final DateTimeFormatter DASHED_FORMAT = strict("uuuu-M-d");
    private static final DateTimeFormatter SLASHED_FORMAT = strict("uuuu/M/d");
    private static final DateTimeFormatter COMPACT_FORMAT = strict("uuuuMMdd");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,9}");

    private static final Map<String, String> SEXES = Map.of(
            "m", "M", "男", "M", "1", "M", "male", "M",
            "f", "F", "女", "F", "2", "F", "female", "F");

    private final LocalDate today;

    /** @param today the day of the load: IDs born and deaths after it are refused */
    public RowCleaner(LocalDate today) {
        this.today = Objects.requireNonNull(today, "today");
    }

    /** Cleans a row given as raw values by column; a column missing from the map counts as blank. */
    public RowOutcome clean(Map<Column, String> raw) {
        String id;
        IdCheck idCheck = ResidentIds.check(value(raw, Column.ID_NUMBER), today);
        if (idCheck instanceof IdCheck.Invalid invalid) {
            return reject(Rejection.of(invalid.reason()));
        }
        id = ((IdCheck.Valid) idCheck).id();

        String rawDeath = value(raw, Column.DEATH_DATE);
        if (rawDeath == null) {
            return reject(RowRejection.MISSING_DEATH_DATE);
        }
        Optional<LocalDate> deathDate = parseDate(rawDeath);
        if (deathDate.isEmpty()) {
            return reject(RowRejection.BAD_DEATH_DATE);
        }
        if (deathDate.get().isAfter(today)) {
            return reject(RowRejection.DEATH_DATE_IN_FUTURE);
        }

        String rawBirth = value(raw, Column.BIRTH_DATE);
        LocalDate birthDate = null;
        if (rawBirth != null) {
            Optional<LocalDate> parsed = parseDate(rawBirth);
            if (parsed.isEmpty()) {
                return reject(RowRejection.BAD_BIRTH_DATE);
            }
            birthDate = parsed.get();
            if (birthDate.isAfter(deathDate.get())) {
                return reject(RowRejection.BIRTH_AFTER_DEATH);
            }
        }

        String rawSex = value(raw, Column.SEX);
        String sex = null;
        if (rawSex != null) {
            sex = normaliseSex(rawSex).orElse(null);
            if (sex == null) {
                return reject(RowRejection.BAD_SEX);
            }
        }

        String rawAge = value(raw, Column.AGE);
        Integer age = null;
        if (rawAge != null) {
            age = parseAge(rawAge).orElse(null);
            if (age == null) {
                return reject(RowRejection.BAD_AGE);
            }
        }

        return new RowOutcome.Accepted(new DeathRow(id, value(raw, Column.NAME), sex, birthDate, age,
                deathDate.get(), value(raw, Column.DEATH_PLACE), value(raw, Column.DIRECT_CAUSE),
                value(raw, Column.DIRECT_CAUSE_ICD10), value(raw, Column.OTHER_DIAGNOSES)));
    }

    /** M/男/1/male → M, F/女/2/female → F (case-insensitive, trimmed); anything else is empty. */
    public static Optional<String> normaliseSex(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(SEXES.get(raw.strip().toLowerCase(Locale.ROOT)));
    }

    /** A real date written yyyy-MM-dd (also yyyy-M-d), yyyy/M/d or yyyyMMdd; anything else is empty. */
    public static Optional<LocalDate> parseDate(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip();
        for (var format : List.of(
                Map.entry(DASHED, DASHED_FORMAT), Map.entry(SLASHED, SLASHED_FORMAT), Map.entry(COMPACT, COMPACT_FORMAT))) {
            if (format.getKey().matcher(s).matches()) {
                try {
                    return Optional.of(LocalDate.parse(s, format.getValue()));
                } catch (DateTimeException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** A whole number of years from 0 to {@link #MAX_AGE}; anything else is empty. */
    public static Optional<Integer> parseAge(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip();
        if (!WHOLE_NUMBER.matcher(s).matches()) {
            return Optional.empty();
        }
        int age = Integer.parseInt(s);
        return age <= MAX_AGE ? Optional.of(age) : Optional.empty();
    }

    /** The trimmed value, null when missing or blank. */
    static String value(Map<Column, String> raw, Column column) {
        String v = raw.get(column);
        if (v == null) {
            return null;
        }
        String s = v.strip();
        return s.isEmpty() ? null : s;
    }

    private static RowOutcome reject(RowRejection reason) {
        return reject(Rejection.of(reason));
    }

    private static RowOutcome reject(Rejection reason) {
        return new RowOutcome.Rejected(reason);
    }

    private static DateTimeFormatter strict(String pattern) {
        return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    }
}
