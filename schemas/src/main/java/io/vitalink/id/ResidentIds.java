package io.vitalink.id;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The 18-character resident ID of GB 11643-1999: 6 digits of region, 8 of birth date (yyyyMMdd),
 * 3 of sequence (odd for men) and an ISO 7064 MOD 11-2 check character, digit or X.
 */
public final class ResidentIds {

    public static final int LENGTH = 18;
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK_CHARS = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1880, 1, 1);

    private ResidentIds() {
    }

    /**
     * Normalises (trims, upper-cases a trailing x) and validates an ID.
     *
     * @param today birth dates after it are refused
     */
    public static IdCheck check(String raw, LocalDate today) {
        if (raw == null || raw.isBlank()) {
            return new IdCheck.Invalid(IdRejection.MISSING);
        }
        String id = raw.strip();
        if (id.length() != LENGTH) {
            return new IdCheck.Invalid(IdRejection.WRONG_LENGTH);
        }
        if (id.charAt(LENGTH - 1) == 'x') {
            id = id.substring(0, LENGTH - 1) + 'X';
        }
        if (!hasValidCharacters(id)) {
            return new IdCheck.Invalid(IdRejection.BAD_CHARACTERS);
        }
        if (!hasPlausibleBirthDate(id, today)) {
            return new IdCheck.Invalid(IdRejection.BAD_BIRTH_DATE);
        }
        if (checkCharacter(id) != id.charAt(LENGTH - 1)) {
            return new IdCheck.Invalid(IdRejection.BAD_CHECK_DIGIT);
        }
        return new IdCheck.Valid(id);
    }

    /** The MOD 11-2 check character for the first 17 digits of {@code id}. */
    public static char checkCharacter(CharSequence id) {
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

    private static boolean hasValidCharacters(String id) {
        for (int i = 0; i < LENGTH - 1; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
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
