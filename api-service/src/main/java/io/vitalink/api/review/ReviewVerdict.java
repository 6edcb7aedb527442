package io.vitalink.api.review;

import java.util.Locale;
import java.util.Optional;

/** A reviewer's judgement of an uncertain link. */
public enum ReviewVerdict {
    /** The link is right: the patient is the person of the death record. */
    ACCEPT,
    /** The link is wrong. */
    REJECT,
    /** The reviewer cannot tell; left out of the precision report. */
    UNSURE;

    /** The verdict named by {@code text}, in any case, or empty. */
    public static Optional<ReviewVerdict> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
