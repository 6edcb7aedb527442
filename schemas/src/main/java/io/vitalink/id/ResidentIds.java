package io.vitalink.id;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Set;

/**
 * The 18-character resident ID of GB 11643-1999: 6 digits of region, 8 of birth date (yyyyMMdd),
 * 3 of sequence (odd for men) and an ISO 7064 MOD 11-2 check character, digit or X.
 *
 * <p>{@link #check(String, LocalDate)} first {@linkplain #normalise(String) normalises} the input (full-width
 * digits and letters to ASCII, whitespace and hyphens removed, letters upper-cased), converts a legacy
 * 15-digit ID (6 region + yyMMdd + 3 sequence) to 18 characters ({@link #toEighteen(String)}), and then checks,
 * in this order, the first failure being reported: {@link IdRejection#MISSING}, {@link IdRejection#WRONG_LENGTH},
 * {@link IdRejection#BAD_CHARACTERS}, {@link IdRejection#BAD_REGION} (first two digits a province-level code of
 * GB/T 2260), {@link IdRejection#BAD_BIRTH_DATE}, {@link IdRejection#BAD_CHECK_DIGIT}. A valid resident ID is
 * returned as {@code IdCheck.Valid} with the bare 18 characters (no prefix): that string is the key of the
 * {@code death-records} topic.
 *
 * <p>Other document types (passport, Hong Kong/Macao and Taiwan residents' permits, foreigner permanent resident
 * ID) are checked by {@link #check(String, String, LocalDate)} or {@link IdType#check(String, LocalDate)}; their
 * valid key is prefixed by the type, {@code <TYPE>:<number>} (e.g. {@code PASSPORT:E12345678},
 * {@code HK_MACAO_PERMIT:H12345678}, {@code TAIWAN_PERMIT:12345678},
 * {@code FOREIGNER_PERMANENT_RESIDENT:911156198501010012}), so it can never collide with a resident ID.
 */
public final class ResidentIds {

    public static final int LENGTH = 18;
    /** Length of a legacy (first-generation) resident ID: 6 region + yyMMdd + 3 sequence, no check character. */
    public static final int LEGACY_LENGTH = 15;

    /**
     * The province-level codes of GB/T 2260 (first two digits of a region code): 11–15 (北京 天津 河北 山西 内蒙古),
     * 21–23 (辽宁 吉林 黑龙江), 31–37 (上海 江苏 浙江 安徽 福建 江西 山东), 41–46 (河南 湖北 湖南 广东 广西 海南),
     * 50–54 (重庆 四川 贵州 云南 西藏), 61–65 (陕西 甘肃 青海 宁夏 新疆), 71 (台湾), 81 (香港), 82 (澳门).
     */
    public static final Set<String> PROVINCE_CODES = Set.of(
            "11", "12", "13", "14", "15",
            "21", "22", "23",
            "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46",
            "50", "51", "52", "53", "54",
            "61", "62", "63", "64", "65",
            "71", "81", "82");

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK_CHARS = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1880, 1, 1);

    private ResidentIds() {
    }

    /**
     * Normalises and validates a resident ID (18 characters, or 15 digits of the legacy format).
     *
     * @param today birth dates after it are refused
     * @return the normalised 18-character ID, or the first reason it is refused
     */
    public static IdCheck check(String raw, LocalDate today) {
        String id = normalise(raw);
        if (id == null || id.isEmpty()) {
            return new IdCheck.Invalid(IdRejection.MISSING);
        }
        int length = id.codePointCount(0, id.length());
        if (length == LEGACY_LENGTH) {
            if (!allAsciiDigits(id, 0, LEGACY_LENGTH)) {
                return new IdCheck.Invalid(IdRejection.BAD_CHARACTERS);
            }
            id = toEighteen(id);
        } else if (length != LENGTH) {
            return new IdCheck.Invalid(IdRejection.WRONG_LENGTH);
        }
        if (!hasValidCharacters(id)) {
            return new IdCheck.Invalid(IdRejection.BAD_CHARACTERS);
        }
        if (!PROVINCE_CODES.contains(id.substring(0, 2))) {
            return new IdCheck.Invalid(IdRejection.BAD_REGION);
        }
        if (!hasPlausibleBirthDate(id, today)) {
            return new IdCheck.Invalid(IdRejection.BAD_BIRTH_DATE);
        }
        if (checkCharacter(id) != id.charAt(LENGTH - 1)) {
            return new IdCheck.Invalid(IdRejection.BAD_CHECK_DIGIT);
        }
        return new IdCheck.Valid(id);
    }

    /**
     * Checks an ID of the given document type.
     *
     * @param idType the document type, parsed leniently by {@link IdType#parse(String)}: null or blank means a
     *               resident ID; an unknown type gives {@link IdRejection#UNKNOWN_ID_TYPE}
     * @return for a resident ID the same as {@link #check(String, LocalDate)}; for another type the key
     *         {@code <TYPE>:<normalised number>} (see the class comment)
     */
    public static IdCheck check(String raw, String idType, LocalDate today) {
        return IdType.parse(idType)
                .map(type -> type.check(raw, today))
                .orElseGet(() -> new IdCheck.Invalid(IdRejection.UNKNOWN_ID_TYPE));
    }

    /**
     * The normal form used before any check: full-width digits and Latin letters (U+FF10–FF19, U+FF21–FF3A,
     * U+FF41–FF5A) become ASCII; every whitespace character (including U+3000 ideographic space and no-break
     * spaces), the invisible U+200B, U+2060 and U+FEFF, and every hyphen or dash (ASCII {@code -}, soft hyphen,
     * U+2010–2015, minus sign U+2212, U+2E3A, U+2E3B, U+FE58, U+FE63, full-width U+FF0D) are removed; ASCII
     * letters are upper-cased (so a trailing {@code x} becomes {@code X}). Nothing else is changed. Idempotent.
     *
     * @return null for null, otherwise the normal form (possibly empty)
     */
    public static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(raw.length());
        raw.codePoints().forEach(cp -> {
            if (isRemoved(cp)) {
                return;
            }
            int c = cp;
            if (c >= 0xFF10 && c <= 0xFF19) {
                c = '0' + (c - 0xFF10);
            } else if (c >= 0xFF21 && c <= 0xFF3A) {
                c = 'A' + (c - 0xFF21);
            } else if (c >= 0xFF41 && c <= 0xFF5A) {
                c = 'A' + (c - 0xFF41);
            } else if (c >= 'a' && c <= 'z') {
                c = 'A' + (c - 'a');
            }
            out.appendCodePoint(c);
        });
        return out.toString();
    }

    /** Whitespace, invisible separators and hyphens/dashes, all dropped by {@link #normalise(String)}. */
    static boolean isRemoved(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return true;
        }
        switch (cp) {
            case 0x200B, 0x2060, 0xFEFF, // zero-width space, word joiner, byte-order mark
                    '-', 0x00AD, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0x2E3A, 0x2E3B,
                    0xFE58, 0xFE63, 0xFF0D -> {
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * Converts a legacy 15-digit resident ID (6 region + yyMMdd + 3 sequence) to 18 characters: century
     * {@code 19} inserted before the year and the MOD 11-2 check character appended. It does not validate the
     * result: pass it to {@link #check(String, LocalDate)} for that.
     *
     * @throws IllegalArgumentException unless {@code fifteenDigits} is exactly 15 ASCII digits
     */
    public static String toEighteen(String fifteenDigits) {
        if (fifteenDigits == null || fifteenDigits.length() != LEGACY_LENGTH
                || !allAsciiDigits(fifteenDigits, 0, LEGACY_LENGTH)) {
            throw new IllegalArgumentException("a legacy resident ID is 15 digits");
        }
        String first17 = fifteenDigits.substring(0, 6) + "19" + fifteenDigits.substring(6);
        return first17 + checkCharacter(first17);
    }

    /** The MOD 11-2 check character for the first 17 digits of {@code id}. */
    public static char checkCharacter(CharSequence id) {
        if (id.length() < LENGTH - 1) {
            throw new IllegalArgumentException("the first 17 characters must be digits");
        }
        int sum = 0;
        for (int i = 0; i < LENGTH - 1; i++) {
            int digit = id.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                throw new IllegalArgumentException("the first 17 characters must be digits");
            }
            sum += digit * WEIGHTS[i];
        }
        return CHECK_CHARS[sum % 11];
    }

    /** The birth date encoded in a valid ID. */
    public static LocalDate birthDate(String validId) {
        return LocalDate.of(Integer.parseInt(validId.substring(6, 10)),
                Integer.parseInt(validId.substring(10, 12)),
                Integer.parseInt(validId.substring(12, 14)));
    }

    /**
     * The sex encoded in a valid 18-character ID: the 17th digit (last of the sequence) is odd for men, even for
     * women.
     *
     * @return "M" or "F"
     * @throws IllegalArgumentException if the 17th character is missing or not a digit
     */
    public static String sex(String validId) {
        if (validId == null || validId.length() < LENGTH - 1) {
            throw new IllegalArgumentException("a resident ID has 18 characters");
        }
        int digit = validId.charAt(LENGTH - 2) - '0';
        if (digit < 0 || digit > 9) {
            throw new IllegalArgumentException("the 17th character of a resident ID is a digit");
        }
        return digit % 2 == 1 ? "M" : "F";
    }

    static boolean allAsciiDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** 17 ASCII digits, then a digit or X; {@code id} has exactly 18 code points. */
    static boolean hasValidCharacters(String id) {
        if (id.length() != LENGTH || !allAsciiDigits(id, 0, LENGTH - 1)) {
            return false;
        }
        char last = id.charAt(LENGTH - 1);
        return (last >= '0' && last <= '9') || last == 'X';
    }

    private static boolean hasPlausibleBirthDate(String id, LocalDate today) {
        try {
            LocalDate birth = birthDate(id);
            return !birth.isBefore(EARLIEST_BIRTH) && !birth.isAfter(today);
        } catch (DateTimeException e) {
            return false;
        }
    }
}
