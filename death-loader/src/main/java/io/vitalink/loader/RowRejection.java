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
    WITHDRAWN_IN_SAME_LOAD("VL-3015", "The ID is also in the delete file of this load: the withdrawal wins, the row is not loaded"),
    BAD_CAUSE_ICD10("VL-3016", "An ICD-10 code of Part I lines (b)-(d) or of Part II is not a code of an ICD-10 chapter "
            + "(a letter and 2 digits, optionally a dot and up to 4 letters or digits, e.g. C34.9, J96.9, I21.901)"),
    INTERVAL_WITHOUT_CAUSE("VL-3017", "An interval is given for a line of Part I that has neither a condition nor a code"),
    CAUSE_CHAIN_GAP("VL-3018", "A line of Part I is filled while a line above it is empty, e.g. (c) without (b) or (b) without (a)"),
    BAD_UNDERLYING_ICD10("VL-3019", "The ICD-10 code of the underlying cause is not a code of an ICD-10 chapter, "
            + "so its chapter cannot be derived"),
    UNDERLYING_NOT_IN_CHAIN("VL-3020", "The underlying cause's ICD-10 category is not that of a line of Part I or a "
            + "condition of Part II (an external cause V01-Y98 needs an injury S00-T98 in Part I)"),
    BAD_REPORT_DATE("VL-3021", "The report date is not a real date in the form yyyy-MM-dd, yyyy/M/d or yyyyMMdd"),
    REPORT_BEFORE_DEATH("VL-3022", "The report date is before the death date"),
    REPORT_DATE_IN_FUTURE("VL-3023", "The report date is after the day of the load"),
    BAD_PLACE_CATEGORY("VL-3024", "The death place category is not one of HEALTH_FACILITY, ON_THE_WAY, HOME, CARE_FACILITY, "
            + "OTHER, UNKNOWN, 医疗卫生机构, 来院途中, 家中, 养老服务机构, 其他场所, 不详 (or blank)"),
    BAD_RESIDENCE_REGION("VL-3025", "The residence region is not a 6-digit administrative division code (or blank)");

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
