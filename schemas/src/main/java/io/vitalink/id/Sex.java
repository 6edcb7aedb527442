package io.vitalink.id;

import java.util.Locale;
import java.util.Map;

/** The sex as registries and cancer centres write it, read the same way on both sides of a match. */
public final class Sex {

    private static final Map<String, String> SPELLINGS = Map.of(
            "m", "M", "男", "M", "1", "M", "male", "M",
            "f", "F", "女", "F", "2", "F", "female", "F");

    private Sex() {
    }

    /** M/男/1/male → M, F/女/2/female → F (case-insensitive, trimmed); anything else, unknown or blank → null. */
    public static String normalise(String raw) {
        return raw == null ? null : SPELLINGS.get(raw.strip().toLowerCase(Locale.ROOT));
    }
}
