package io.vitalink.text;

/** Numbers written in ASCII digits at known places, read without a pattern or a formatter: intake reads millions. */
public final class AsciiDigits {

    private AsciiDigits() {
    }

    /** The number written at [from, to) of {@code text} (at most nine digits), or -1 when any of it is not a digit 0–9. */
    public static int value(CharSequence text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
