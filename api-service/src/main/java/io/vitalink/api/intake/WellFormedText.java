package io.vitalink.api.intake;

/**
 * Jackson decodes a UTF-8-encoded surrogate (e.g. {@code ED A0 80}), which is not valid UTF-8, into a lone
 * surrogate instead of refusing it; the parsers refuse such text as a body that is not UTF-8.
 */
public final class WellFormedText {

    private WellFormedText() {
    }

    /** Whether the text has a surrogate that is not half of a pair. */
    public static boolean hasLoneSurrogate(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
