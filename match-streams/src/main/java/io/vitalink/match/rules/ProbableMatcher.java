package io.vitalink.match.rules;

import io.vitalink.avro.DeathRecord;
import io.vitalink.id.ResidentIds;
import io.vitalink.name.Names;
import java.util.Optional;
import java.util.function.Function;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Picks the death record a request without a usable ID most probably is, among deaths of the same
 * birth date and sex: the best Jaro-Winkler similarity of normalised names, if it reaches the
 * threshold and no other candidate comes within the margin (then it is ambiguous and nothing links).
 *
 * <p>When the request carries an ID (invalid, or valid but not in the registry) a death whose ID differs from it by
 * more than {@value #MAX_ID_EDITS} edits is not a candidate: a namesake born the same day is far likelier than
 * three typos in one ID, and common names make such namesakes frequent.
 */
public final class ProbableMatcher {

    public record Candidate(DeathRecord death, double score) {
    }

    public static final int MAX_ID_EDITS = 2;

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    private static final LevenshteinDistance ID_EDITS = new LevenshteinDistance(MAX_ID_EDITS);

    private final double threshold;
    private final double margin;

    public ProbableMatcher(double threshold, double margin) {
        if (threshold <= 0 || threshold > 1 || margin < 0) {
            throw new IllegalArgumentException("threshold must be in (0, 1] and margin at least 0");
        }
        this.threshold = threshold;
        this.margin = margin;
    }

    /**
     * @param requestId the ID as submitted, or null
     * @param block the deaths of the request's birth date and sex
     */
    public Optional<Candidate> best(String requestName, String requestId, Iterable<DeathRecord> block) {
        return best(requestName, requestId, block, death -> Names.normalise(death.getName()));
    }

    /**
     * As {@link #best}, for candidates whose names are normalised already ({@link Names#normalise} of the registry's
     * name): a search that keeps its candidates normalises each once, not once per request.
     */
    public Optional<Candidate> bestOfNormalised(String requestName, String requestId, Iterable<DeathRecord> block) {
        return best(requestName, requestId, block, DeathRecord::getName);
    }

    private Optional<Candidate> best(String requestName, String requestId, Iterable<DeathRecord> block,
                                     Function<DeathRecord, String> normalisedName) {
        String name = Names.normalise(requestName);
        if (name == null) {
            return Optional.empty();
        }
        String id = ResidentIds.normalise(requestId);
        boolean hasId = id != null && !id.isEmpty();
        Candidate best = null;
        double runnerUp = 0;
        for (DeathRecord death : block) {
            // the ID test first: it rules out most candidates of a block, and costs less than normalising a name
            if (hasId && !closeIds(id, death.getIdNumber())) {
                continue;
            }
            String candidateName = normalisedName.apply(death);
            if (candidateName == null) {
                continue;
            }
            double score = name.equals(candidateName) ? 1.0 : JARO_WINKLER.apply(name, candidateName);
            if (best == null || score > best.score()) {
                runnerUp = best == null ? runnerUp : best.score();
                best = new Candidate(death, score);
            } else {
                runnerUp = Math.max(runnerUp, score);
            }
        }
        if (best == null || best.score() < threshold || best.score() - runnerUp < margin) {
            return Optional.empty();
        }
        return Optional.of(best);
    }

    /** The edits between two IDs, read as 18-character resident IDs when either is a legacy 15-digit one. */
    static boolean closeIds(String requestId, String deathId) {
        if (deathId == null) {
            return true;
        }
        String request = requestId.length() == ResidentIds.LEGACY_LENGTH && deathId.length() == ResidentIds.LENGTH
                ? legacyToEighteen(requestId) : requestId;
        // most candidates of a block fail the cheap lower bound, and the edit distance is computed for few
        return withinBagDistance(request, deathId) && ID_EDITS.apply(request, deathId) >= 0;
    }

    /**
     * False only when the IDs' characters, counted, differ by more than {@value #MAX_ID_EDITS}: the bag distance is
     * a lower bound of the edit distance, as one edit changes at most one count on each side. IDs with characters
     * other than digits and X pass, for the edit distance to decide.
     */
    static boolean withinBagDistance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > MAX_ID_EDITS) {
            return false;
        }
        int[] counts = new int[11];
        for (int i = 0; i < a.length(); i++) {
            int slot = slot(a.charAt(i));
            if (slot < 0) {
                return true;
            }
            counts[slot]++;
        }
        for (int i = 0; i < b.length(); i++) {
            int slot = slot(b.charAt(i));
            if (slot < 0) {
                return true;
            }
            counts[slot]--;
        }
        int onlyInA = 0;
        int onlyInB = 0;
        for (int count : counts) {
            if (count > 0) {
                onlyInA += count;
            } else {
                onlyInB -= count;
            }
        }
        return Math.max(onlyInA, onlyInB) <= MAX_ID_EDITS;
    }

    private static int slot(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c == 'X' ? 10 : -1;
    }

    private static String legacyToEighteen(String id) {
        try {
            return ResidentIds.toEighteen(id);
        } catch (IllegalArgumentException notDigits) {
            return id;
        }
    }
}
