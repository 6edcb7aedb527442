package io.vitalink.loader;

/**
 * Why the loader refused one row of a death-registry export (or one line of a delete file). The codes are
 * stable: reject files and docs/ERRORS.md carry them; new constants are only ever appended with the next free
 * code. ID problems keep their own codes, see {@link io.vitalink.id.IdRejection}. Messages never contain a
 * value of the row: a misaligned row could put an ID or a name in any column. A few reasons take a detail
 * ({@link Rejection#of(RowRejection, String)}): only ever a line number.
 */
public enum RowRejection {
    MISSING_DEATH_DATE("VL-3001", "The death date is missing"),
    BAD_DEATH_DATE("VL-3002", "The death date is not a real date in the form yyyy-MM-dd, yyyy/M/d or yyyyMMdd"),
    BAD_BIRTH_DATE("VL-3003", "The birth date is not a real date in the form yyyy-MM-dd, yyyy/M/d or yyyyMMdd"),
    BAD_SEX("VL-3004", "The sex is not one of M, F, 男, 女, 1, 2, male, female (or blank)"),
    BAD_AGE("VL-3005", "The age is not a whole number between 0 and " + RowCleaner.MAX_AGE + " (or blank)"),
    WRONG_COLUMN_COUNT("VL-3006", "The row does not have as many columns as the header"),
    DEATH_DATE_IN_FUTURE("VL-3007", "The death date is after the day of the load"),
    BIRTH_AFTER_DEATH("VL-3008", "The birth date is after the death date"),
    AGE_INCONSISTENT("VL-3009", "The age differs by more than " + RowCleaner.AGE_TOLERANCE
            + " year from the full years between the birth date and the death date"),
    BIRTH_DATE_DIFFERS_FROM_ID("VL-3010", "The birth date differs from the birth date in the resident ID"),
    SEX_DIFFERS_FROM_ID("VL-3011", "The sex differs from the sex encoded in the resident ID"),
    BAD_ICD10("VL-3012", "The ICD-10 code of the direct cause is not a letter and 2 digits, optionally followed by "
            + "a dot and 1 or 2 letters or digits (e.g. C34, C34.9, I21.0, U07.1)"),
    DUPLICATE("VL-3013", "Another row with the same ID was kept instead of this one"),
    WITHDRAWAL_NOT_FOUND("VL-3014", "The ID to withdraw is not in death-records, nothing to withdraw"),
    WITHDRAWN_IN_SAME_LOAD("VL-3015", "The ID is also in the delete file of this load: the withdrawal wins, the row is not loaded");

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
