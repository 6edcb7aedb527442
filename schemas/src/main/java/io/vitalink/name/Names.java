package io.vitalink.name;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The comparable form of a person's name, the same on both sides of a match: NFKC (full-width letters, digits and
 * punctuation become half-width), every whitespace removed, the middle-dot variants written in minority and
 * foreign names (·, •, ‧, ・, ･, ∙, ⋅, ●) unified to U+00B7, Latin letters upper-cased.
 */
public final class Names {

    public static final char MIDDLE_DOT = '\u00B7';

    private Names() {
    }

    /** @return the normal form, or null when nothing is left of the name (null, blank, only dots and spaces) */
    public static String normalise(String raw) {
        String previous = raw;
        String current = once(raw);
        // upper-casing can undo NFKC for a few rare letters (Greek with combining marks): repeat until stable
        for (int i = 0; i < 3 && current != null && !current.equals(previous); i++) {
            previous = current;
            current = once(current);
        }
        return current;
    }

    private static String once(String raw) {
        if (raw == null) {
            return null;
        }
        String folded = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(folded.length());
        boolean hasLetter = false;
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || isInvisible(cp)) {
                continue;
            }
            if (isMiddleDot(cp)) {
                // "阿依古丽 · 买买提" and "阿依古丽•买买提" are one name; a dot at either end carries nothing
                if (!out.isEmpty() && out.charAt(out.length() - 1) != MIDDLE_DOT) {
                    out.append(MIDDLE_DOT);
                }
                continue;
            }
            hasLetter = true;
            out.appendCodePoint(cp);
        }
        if (!out.isEmpty() && out.charAt(out.length() - 1) == MIDDLE_DOT) {
            out.setLength(out.length() - 1);
        }
        return hasLetter ? Normalizer.normalize(out.toString().toUpperCase(Locale.ROOT), Normalizer.Form.NFKC) : null;
    }

    static boolean isMiddleDot(int cp) {
        return switch (cp) {
            case 0x00B7, 0x2022, 0x2027, 0x30FB, 0xFF65, 0x2219, 0x22C5, 0x25CF, 0x0387, 0x16EB, 0x2E31, 0x318D -> true;
            default -> false;
        };
    }

    private static boolean isInvisible(int cp) {
        return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF;
    }
}
