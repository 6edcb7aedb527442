package io.vitalink.loader;

/**
 * Why the loader refused one row of a death-registry export. The codes are stable: reject files and
 * docs/ERRORS.md carry them. Resident-ID problems keep their own codes, see {@link io.vitalink.id.IdRejection}.
 * Messages never contain a value of the row: a misaligned row could put an ID or a name in any column.
 */
public enum RowRejection {
    MISSING_DEATH_DATE("VL-3001", "The death date is missing"),
    BAD_DEATH_DATE("VL-3002", "The death date is not a real date in the form yyyy-MM-dd, yyyy/M/d or yyyyMMdd"),
    BAD_BIRTH_DATE("VL-3003", "The birth date is not a real date in the form yyyy-MM-dd, yyyy/M/d or yyyyMMdd"),
    BAD_SEX("VL-3004", "The sex is not one of M, F, 男, 女, 1, 2, male, female (or blank)"),
    BAD_AGE("VL-3005", "The age is not a whole number between 0 and " + RowCleaner.MAX_AGE + " (or blank)"),
    WRONG_COLUMN_COUNT("VL-3006", "The row does not have as many columns as the header"),
    DEATH_DATE_IN_FUTURE("VL-3007", "The death date is after the day of the load"),
    BIRTH_AFTER_DEATH("VL-3008", "The birth date is after the death date");

    private final String code;
    private final String message;

    RowRejection(String code, String message) {
        this.code = code;
        this.message = message;
    }

    public String code() {
        return code;
    }

    public String message() {
        return message;
    }
}
