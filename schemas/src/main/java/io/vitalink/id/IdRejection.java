package io.vitalink.id;

/** Why a resident ID was refused. The codes are stable: results, reject files and docs/ERRORS.md carry them. */
public enum IdRejection {
    MISSING("VL-2001", "No resident ID was given"),
    WRONG_LENGTH("VL-2002", "A resident ID has 18 characters"),
    BAD_CHARACTERS("VL-2003", "A resident ID is 17 digits followed by a digit or X"),
    BAD_BIRTH_DATE("VL-2004", "The birth date inside the resident ID is not a real date between 1880 and today"),
    BAD_CHECK_DIGIT("VL-2005", "The check digit of the resident ID is wrong (GB 11643-1999 MOD 11-2)");

    private final String code;
    private final String message;

    IdRejection(String code, String message) {
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
