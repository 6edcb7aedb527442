package io.vitalink.application;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The groups of death-side result fields an application may ask for. Every field a result takes from the linked
 * death record is in exactly one group; the rest of a result (outcome, rule, score, discrepancies, the linked ID,
 * reason code, times, trigger) is the linkage itself and always sent.
 */
public enum FieldGroup {
    /** Vital status and date of death: {@code deathDate}. Always approved. */
    DEATH_DATE,
    /**
     * The cause section: direct cause with its ICD-10 code and interval, Part I lines (b)-(d), Part II as written
     * and coded, the underlying cause with its ICD-10 code and chapter.
     */
    CAUSES,
    /** Where the death happened: {@code deathPlace}. */
    PLACE;

    /** The group named {@code name} (any case), or empty. */
    public static Optional<FieldGroup> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The groups named, with DEATH_DATE always; names this version does not know are left out (a newer writer's
     * group is not granted by an older reader).
     */
    public static Set<FieldGroup> of(Collection<String> names) {
        EnumSet<FieldGroup> groups = EnumSet.of(DEATH_DATE);
        if (names != null) {
            for (String name : names) {
                parse(name).ifPresent(groups::add);
            }
        }
        return groups;
    }

    /** The names of {@code groups} in declaration order, as stored in Avro records. */
    public static List<String> names(Set<FieldGroup> groups) {
        return groups.stream().sorted().map(FieldGroup::name).toList();
    }
}
