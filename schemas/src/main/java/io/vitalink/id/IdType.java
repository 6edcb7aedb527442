package io.vitalink.id;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The identity documents a request or a death record may carry. A resident ID is the default; the others are
 * keyed as {@code <TYPE>:<number>} so a passport number can never be taken for a resident ID.
 */
public enum IdType {
    RESIDENT_ID(null),
    PASSPORT(IdRejection.BAD_PASSPORT_NUMBER),
    HK_MACAO_PERMIT(IdRejection.BAD_HK_MACAO_PERMIT_NUMBER),
    TAIWAN_PERMIT(IdRejection.BAD_TAIWAN_PERMIT_NUMBER),
    FOREIGNER_PERMANENT_RESIDENT(IdRejection.BAD_PERMANENT_RESIDENT_NUMBER);

    private static final Pattern PASSPORT_NUMBER = Pattern.compile("(?=.*[0-9])[A-Z0-9]{5,20}");
    private static final Pattern HK_MACAO_NUMBER = Pattern.compile("[HM]([0-9]{8}|[0-9]{10})");
    private static final Pattern TAIWAN_NUMBER = Pattern.compile("[0-9]{8}|[0-9]{10}|[A-Z][0-9]{9}");
    private static final Pattern PERMANENT_OLD = Pattern.compile("[A-Z]{3}[0-9]{12}");
    private static final Pattern PERMANENT_2023 = Pattern.compile("9[0-9]{16}[0-9X]");

    /** Spellings accepted for each type: the constant name, common English and the Chinese document names. */
    private static final Map<String, IdType> ALIASES = Map.ofEntries(
            Map.entry("RESIDENT_ID", RESIDENT_ID), Map.entry("ID_CARD", RESIDENT_ID),
            Map.entry("居民身份证", RESIDENT_ID), Map.entry("身份证", RESIDENT_ID),
            Map.entry("PASSPORT", PASSPORT), Map.entry("护照", PASSPORT),
            Map.entry("HK_MACAO_PERMIT", HK_MACAO_PERMIT), Map.entry("港澳居民来往内地通行证", HK_MACAO_PERMIT),
            Map.entry("TAIWAN_PERMIT", TAIWAN_PERMIT), Map.entry("台湾居民来往大陆通行证", TAIWAN_PERMIT),
            Map.entry("FOREIGNER_PERMANENT_RESIDENT", FOREIGNER_PERMANENT_RESIDENT),
            Map.entry("外国人永久居留身份证", FOREIGNER_PERMANENT_RESIDENT));

    private final IdRejection badNumber;

    IdType(IdRejection badNumber) {
        this.badNumber = badNumber;
    }

    /**
     * Reads a type name leniently: case, surrounding spaces, hyphens and spaces inside do not matter, and the
     * Chinese document names are understood.
     *
     * @return {@link #RESIDENT_ID} for null or blank, empty for a name that is not a known type
     */
    public static Optional<IdType> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.of(RESIDENT_ID);
        }
        String key = raw.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return Optional.ofNullable(ALIASES.get(key));
    }

    /** What the key of a valid number of this type starts with; empty for a resident ID. */
    public String keyPrefix() {
        return this == RESIDENT_ID ? "" : name() + ":";
    }

    /**
     * Normalises ({@link ResidentIds#normalise(String)}) and validates a number of this type.
     *
     * @return the key ({@link #keyPrefix()} + normalised number) or the first reason it is refused
     */
    public IdCheck check(String raw, LocalDate today) {
        if (this == RESIDENT_ID) {
            return ResidentIds.check(raw, today);
        }
        String number = ResidentIds.normalise(raw);
        if (number == null || number.isEmpty()) {
            return new IdCheck.Invalid(IdRejection.MISSING);
        }
        boolean wellFormed = switch (this) {
            case PASSPORT -> PASSPORT_NUMBER.matcher(number).matches();
            case HK_MACAO_PERMIT -> HK_MACAO_NUMBER.matcher(number).matches();
            case TAIWAN_PERMIT -> TAIWAN_NUMBER.matcher(number).matches();
            case FOREIGNER_PERMANENT_RESIDENT ->
                    PERMANENT_OLD.matcher(number).matches() || PERMANENT_2023.matcher(number).matches();
            case RESIDENT_ID -> throw new AssertionError("handled above");
        };
        if (!wellFormed) {
            return new IdCheck.Invalid(badNumber);
        }
        if (this == FOREIGNER_PERMANENT_RESIDENT && number.length() == ResidentIds.LENGTH
                && ResidentIds.checkCharacter(number) != number.charAt(ResidentIds.LENGTH - 1)) {
            return new IdCheck.Invalid(IdRejection.BAD_PERMANENT_RESIDENT_CHECK_DIGIT);
        }
        return new IdCheck.Valid(keyPrefix() + number);
    }
}
