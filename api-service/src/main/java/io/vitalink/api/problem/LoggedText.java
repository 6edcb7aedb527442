package io.vitalink.api.problem;

/**
 * Caller-controlled text (a request path) made safe for a log line: control characters, CR and LF among them, and
 * the Unicode line and paragraph separators are written as Java-style backslash-u escapes, so that no request can
 * end a log line and forge the next one; long text is cut.
 */
public final class LoggedText {

    static final int MAX_LENGTH = 256;

    private LoggedText() {
    }

    public static String of(String text) {
        if (text == null) {
            return "null";
        }
        int end = Math.min(text.length(), MAX_LENGTH);
        StringBuilder out = new StringBuilder(end + 16);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return end < text.length() ? out.append("...").toString() : out.toString();
    }
}
