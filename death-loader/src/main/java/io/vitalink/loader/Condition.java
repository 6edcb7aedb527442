package io.vitalink.loader;

/**
 * One condition of the cause section: a line of Part I or a condition of Part II, each part possibly blank (null).
 * {@link #toString()} hides the text, the code and the interval: they are sealed on the topic and never logged.
 *
 * @param icd10 canonical ({@link io.vitalink.icd.Icd10#normalise(String)})
 */
public record Condition(String text, String icd10, String interval) {

    /** Whether the line names a condition: a text or a code (an interval alone does not). */
    public boolean named() {
        return text != null || icd10 != null;
    }

    @Override
    public String toString() {
        return "Condition[***]";
    }
}
