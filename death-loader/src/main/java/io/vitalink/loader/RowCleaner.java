package io.vitalink.loader;

import io.vitalink.icd.Icd10;
import io.vitalink.id.IdCheck;
import io.vitalink.id.IdType;
import io.vitalink.id.ResidentIds;
import io.vitalink.id.Sex;
import io.vitalink.text.AsciiDigits;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Cleans one row of a death-registry export. Plain Java, no I/O: values are trimmed, empty values
 * become null, the ID is checked and normalised, sex, dates, age and the ICD-10 code are parsed and checked
 * against each other. The first problem found refuses the row; the checks run in a fixed order:
 * <ol>
 *   <li>ID (with its {@code id_type}): VL-20xx;</li>
 *   <li>death date: missing VL-3001, not a date VL-3002, after today VL-3007;</li>
 *   <li>birth date: not a date VL-3003; blank and a resident ID: taken from the ID; after the death date VL-3008;
 *       differs from the resident ID's VL-3010;</li>
 *   <li>sex: unknown spelling VL-3004; blank and a resident ID: taken from the ID; differs from the resident ID's
 *       VL-3011;</li>
 *   <li>age: not 0–150 VL-3005; more than {@value #AGE_TOLERANCE} year from the full years between birth and
 *       death VL-3009 (when there is a birth date);</li>
 *   <li>ICD-10 code of the direct cause: VL-3012 (blank allowed);</li>
 *   <li>the death certificate's other columns, see {@link CertificateCleaner}: VL-3016–VL-3025.</li>
 * </ol>
 * The key of a clean row ({@link DeathRow#idNumber()}) is what {@link ResidentIds#check(String, String, LocalDate)}
 * returns: the bare 18 characters for a resident ID, {@code <TYPE>:<number>} for another document.
 */
public final class RowCleaner {

    /** Ages above this are refused as typing errors. */
    public static final int MAX_AGE = 150;

    /**
     * How far the registered age may be from the full years between birth and death: registries sometimes give
     * the age reached in the year of death, or the traditional nominal age (虚岁), one more than the full years.
     */
    public static final int AGE_TOLERANCE = 1;

    /** Category (letter, 2 digits), then optionally a dot (may be missing) and 1–2 letters or digits. */
    private final LocalDate today;
    private final CertificateCleaner certificates;

    /** @param today the day of the load: IDs born and deaths after it are refused */
    public RowCleaner(LocalDate today) {
        this.today = Objects.requireNonNull(today, "today");
        this.certificates = new CertificateCleaner(today);
    }

    /** Cleans a row given as raw values by column; a column missing from the map counts as blank. */
    public RowOutcome clean(Map<Column, String> raw) {
        String rawType = value(raw, Column.ID_TYPE);
        IdCheck idCheck = ResidentIds.check(value(raw, Column.ID_NUMBER), rawType, today);
        if (idCheck instanceof IdCheck.Invalid invalid) {
            return reject(Rejection.of(invalid.reason()));
        }
        String id = ((IdCheck.Valid) idCheck).id();
        boolean residentId = IdType.parse(rawType).orElseThrow() == IdType.RESIDENT_ID;

        String rawDeath = value(raw, Column.DEATH_DATE);
        if (rawDeath == null) {
            return reject(RowRejection.MISSING_DEATH_DATE);
        }
        Optional<LocalDate> parsedDeath = parseDate(rawDeath);
        if (parsedDeath.isEmpty()) {
            return reject(RowRejection.BAD_DEATH_DATE);
        }
        LocalDate deathDate = parsedDeath.get();
        if (deathDate.isAfter(today)) {
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
        }
        LocalDate idBirthDate = residentId ? ResidentIds.birthDate(id) : null;
        if (birthDate == null) {
            birthDate = idBirthDate;
        }
        if (birthDate != null && birthDate.isAfter(deathDate)) {
            return reject(RowRejection.BIRTH_AFTER_DEATH);
        }
        if (idBirthDate != null && !idBirthDate.equals(birthDate)) {
            return reject(RowRejection.BIRTH_DATE_DIFFERS_FROM_ID);
        }

        String rawSex = value(raw, Column.SEX);
        String sex = null;
        if (rawSex != null) {
            sex = normaliseSex(rawSex).orElse(null);
            if (sex == null) {
                return reject(RowRejection.BAD_SEX);
            }
        }
        String idSex = residentId ? ResidentIds.sex(id) : null;
        if (sex == null) {
            sex = idSex;
        }
        if (idSex != null && !idSex.equals(sex)) {
            return reject(RowRejection.SEX_DIFFERS_FROM_ID);
        }

        String rawAge = value(raw, Column.AGE);
        Integer age = null;
        if (rawAge != null) {
            age = parseAge(rawAge).orElse(null);
            if (age == null) {
                return reject(RowRejection.BAD_AGE);
            }
            if (birthDate != null && !ageFits(age, birthDate, deathDate)) {
                return reject(RowRejection.AGE_INCONSISTENT);
            }
        }

        String rawIcd10 = value(raw, Column.DIRECT_CAUSE_ICD10);
        String icd10 = null;
        if (rawIcd10 != null) {
            icd10 = normaliseIcd10(rawIcd10).orElse(null);
            if (icd10 == null) {
                return reject(RowRejection.BAD_ICD10);
            }
        }

        String directCause = value(raw, Column.DIRECT_CAUSE);
        CertificateCleaner.Outcome certificate = certificates.clean(raw, deathDate, directCause, icd10);
        if (certificate instanceof CertificateCleaner.Outcome.Refused refused) {
            return reject(refused.reason());
        }
        return new RowOutcome.Accepted(new DeathRow(id, value(raw, Column.NAME), sex, birthDate, age,
                deathDate, value(raw, Column.DEATH_PLACE), directCause, icd10, value(raw, Column.OTHER_DIAGNOSES),
                ((CertificateCleaner.Outcome.Clean) certificate).certificate()));
    }

    /** Full years from birth to death, as a birthday count: 74 from 1949-12-31 to 2024-12-30, 75 on 2024-12-31. */
    public static long fullYears(LocalDate birth, LocalDate death) {
        return ChronoUnit.YEARS.between(birth, death);
    }

    /** Whether a registered age is within {@link #AGE_TOLERANCE} of {@link #fullYears(LocalDate, LocalDate)}. */
    public static boolean ageFits(int age, LocalDate birth, LocalDate death) {
        return Math.abs(age - fullYears(birth, death)) <= AGE_TOLERANCE;
    }

    /** M/男/1/male → M, F/女/2/female → F (case-insensitive, trimmed); anything else is empty. */
    public static Optional<String> normaliseSex(String raw) {
        return Optional.ofNullable(Sex.normalise(raw));
    }

    /**
     * An ICD-10 code in its written form: NFKC (full-width to ASCII), trimmed, upper-cased; then a letter and 2
     * digits, optionally a dot and 1–2 letters or digits. A missing dot is put in ({@code c349} → {@code C34.9});
     * anything else is empty ({@code C34.}, {@code C34.901}, {@code 34.9}, {@code C3}, {@code C34 9}), and so is a
     * code outside ICD-10's chapters ({@code D49}). The same rule for every code of a row: {@link Icd10}.
     */
    public static Optional<String> normaliseIcd10(String raw) {
        return Icd10.normalise(raw);
    }

    /** A real date written yyyy-MM-dd (also yyyy-M-d), yyyy/M/d or yyyyMMdd; anything else is empty. */
    public static Optional<LocalDate> parseDate(String raw) {
        return raw == null ? Optional.empty() : Optional.ofNullable(date(raw.strip()));
    }

    /** Read by position, not by pattern and formatter: every row has one or two dates. */
    private static LocalDate date(String s) {
        int length = s.length();
        if (length < 8 || length > 10) {
            return null;
        }
        char separator = s.charAt(4);
        int monthStart;
        int monthEnd;
        int dayStart;
        if (length == 8 && separator >= '0' && separator <= '9') {
            monthStart = 4;
            monthEnd = 6;
            dayStart = 6;
        } else if (separator == '-' || separator == '/') {
            monthStart = 5;
            monthEnd = s.indexOf(separator, monthStart);
            dayStart = monthEnd + 1;
            if (monthEnd < 6 || monthEnd > 7 || dayStart == length) {
                return null;
            }
        } else {
            return null;
        }
        int year = AsciiDigits.value(s, 0, 4);
        int month = AsciiDigits.value(s, monthStart, monthEnd);
        int day = AsciiDigits.value(s, dayStart, length);
        if (year < 0 || month < 0 || day < 0 || length - dayStart > 2) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException notADay) {
            return null;
        }
    }

    /** A whole number of years from 0 to {@link #MAX_AGE}; anything else is empty. */
    public static Optional<Integer> parseAge(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip();
        int age = s.isEmpty() || s.length() > 9 ? -1 : AsciiDigits.value(s, 0, s.length());
        return age >= 0 && age <= MAX_AGE ? Optional.of(age) : Optional.empty();
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
}
