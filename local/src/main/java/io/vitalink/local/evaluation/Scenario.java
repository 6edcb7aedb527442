package io.vitalink.local.evaluation;

/**
 * How a labelled request was made from its person, and the outcome a perfect matcher would give it. Dying
 * scenarios point at a death in the registry (the truth); living ones at nobody.
 */
public enum Scenario {
    EXACT("MATCHED", true, true, "ID, name, sex and birth date as registered"),
    FULL_WIDTH_ID("MATCHED", true, true, "ID typed in full-width digits"),
    LEGACY_ID("MATCHED", true, true, "old 15-digit ID"),
    FORMATTED_ID("MATCHED", true, true, "ID with spaces, hyphens or a lower-case x"),
    DOT_VARIANT_NAME("MATCHED", true, true, "minority name written with another middle dot (•, ・, ‧) and spaces"),
    NAME_TYPO("MATCHED_WITH_DISCREPANCY", true, true, "one character of the given name wrong"),
    SWAPPED_BIRTH_DATE("MATCHED_WITH_DISCREPANCY", true, true, "day and month of the birth date swapped (or one day off)"),
    MISSING_ID("PROBABLE", true, false, "no ID; name, sex and birth date right"),
    MISTYPED_ID("PROBABLE", true, false, "one digit of the ID wrong (fails the check digit)"),
    ALIVE("NOT_FOUND", false, false, "living person with a valid ID"),
    ALIVE_WITHOUT_ID("INVALID", false, false, "living person without ID"),
    ALIVE_NAMESAKE("NOT_FOUND", false, false, "living person with the name, sex and birth date of a dead one, own ID"),
    ALIVE_TWIN("NOT_FOUND", false, false, "living twin of a dead person: same birth date, sex and region, next ID");

    private final String expected;
    private final boolean dying;
    private final boolean linkableById;
    private final String description;

    Scenario(String expected, boolean dying, boolean linkableById, String description) {
        this.expected = expected;
        this.dying = dying;
        this.linkableById = linkableById;
        this.description = description;
    }

    /** The outcome a perfect matcher gives. */
    public String expected() {
        return expected;
    }

    /** The person is in the registry. */
    public boolean dying() {
        return dying;
    }

    /** The submitted ID normalises to the registered one. */
    public boolean linkableById() {
        return linkableById;
    }

    public String description() {
        return description;
    }
}
