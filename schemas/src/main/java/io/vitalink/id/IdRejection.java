package io.vitalink.id;

/**
 * Why an ID was refused. The codes are stable: results, reject files and docs/ERRORS.md carry them.
 * New constants are only ever appended, with the next free code; a code never changes meaning.
 */
public enum IdRejection {
    MISSING("VL-2001", "No ID number was given"),
    WRONG_LENGTH("VL-2002", "A resident ID has 18 characters (or 15 digits in the legacy format)"),
    BAD_CHARACTERS("VL-2003", "A resident ID is 17 digits followed by a digit or X (a legacy 15-character ID is 15 digits)"),
    BAD_BIRTH_DATE("VL-2004", "The birth date inside the resident ID is not a real date between 1880 and today"),
    BAD_CHECK_DIGIT("VL-2005", "The check digit of the resident ID is wrong (GB 11643-1999 MOD 11-2)"),
    BAD_REGION("VL-2006", "The first two digits of the resident ID are not a province-level region code of GB/T 2260"),
    UNKNOWN_ID_TYPE("VL-2007", "The ID type is not one of resident ID, passport, Hong Kong/Macao permit, Taiwan permit, "
            + "foreigner permanent resident ID"),
    BAD_PASSPORT_NUMBER("VL-2008", "A passport number is 5 to 20 letters and digits, at least one of them a digit"),
    BAD_HK_MACAO_PERMIT_NUMBER("VL-2009", "A Hong Kong/Macao residents' permit number is H or M followed by 8 or 10 digits"),
    BAD_TAIWAN_PERMIT_NUMBER("VL-2010", "A Taiwan residents' permit number is 8 digits, or 10 characters in the older forms "
            + "(10 digits, or a letter and 9 digits)"),
    BAD_PERMANENT_RESIDENT_NUMBER("VL-2011", "A foreigner permanent resident ID is 3 letters and 12 digits, or 18 characters: "
            + "9, then 16 digits, then a digit or X"),
    BAD_PERMANENT_RESIDENT_CHECK_DIGIT("VL-2012", "The check digit of the 18-character foreigner permanent resident ID is wrong "
            + "(MOD 11-2, as for resident IDs)");

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
