package io.vitalink.match.rules;

import io.vitalink.avro.DeathRecord;
import io.vitalink.id.ResidentIds;
import io.vitalink.name.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Picks the death record a request without a usable ID most probably is, among deaths of the same
 * birth date and sex: the best Jaro-Winkler similarity of normalised names, if it reaches the
 * threshold and no other candidate comes within the margin (then it is ambiguous and nothing links).
 *
 * <p>When the request carries an ID (invalid, or valid but not in the registry) a death whose ID differs from it by
 * more than {@value CloseIds#MAX_EDITS} edits is not a candidate: a namesake born the same day is far likelier than
 * three typos in one ID, and common names make such namesakes frequent.
 */
public final class ProbableMatcher {

    /** A death and its score; {@code death} is whatever the caller scored the death as ({@link Prepared#death}). */
    public record Candidate<T>(T death, double score) {
    }

    /**
     * A death as a search compares it, made once per block rather than once per request: its normalised name
     * ({@link Names#normalise} of the registry's), its ID with the ID's characters counted ({@link CloseIds#bag}), and
     * what the caller wants back when it links (the record, or where to find it).
     */
    public record Prepared<T>(T death, String name, String id, long idBag) {

        public static <T> Prepared<T> of(T death, String normalisedName, String id) {
            return new Prepared<>(death, normalisedName, id, CloseIds.bag(id));
        }
    }

    /**
     * A request as a search compares it: its normalised name (null: it cannot be searched) and, when it carries an
     * ID, the probe that keeps only deaths of a close ID.
     */
    public record Request(String name, CloseIds.Probe probe) {

        public static Request of(String requestName, String requestId) {
            String id = ResidentIds.normalise(requestId);
            return new Request(Names.normalise(requestName), id == null || id.isEmpty() ? null : CloseIds.Probe.of(id));
        }
    }

    public static final int MAX_ID_EDITS = CloseIds.MAX_EDITS;

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    /** Far more than floating point can put between the bound and the similarity, far less than any name's step. */
    private static final double ROUNDING = 1e-9;

    private final double threshold;
    private final double margin;

    public ProbableMatcher(double threshold, double margin) {
        if (threshold <= 0 || threshold > 1 || margin < 0) {
            throw new IllegalArgumentException("threshold must be in (0, 1] and margin at least 0");
        }
        this.threshold = threshold;
        this.margin = margin;
    }

    public double threshold() {
        return threshold;
    }

    public double margin() {
        return margin;
    }

    /**
     * @param requestId the ID as submitted, or null
     * @param block the deaths of the request's birth date and sex
     */
    public Optional<Candidate<DeathRecord>> best(String requestName, String requestId, Iterable<DeathRecord> block) {
        List<Prepared<DeathRecord>> prepared = new ArrayList<>();
        for (DeathRecord death : block) {
            prepared.add(Prepared.of(death, Names.normalise(death.getName()), death.getIdNumber()));
        }
        return bestOf(requestName, requestId, prepared);
    }

    /** As {@link #best}, for deaths prepared beforehand: a search that keeps its blocks prepares each death once. */
    public <T> Optional<Candidate<T>> bestOf(String requestName, String requestId, List<Prepared<T>> block) {
        return bestOf(Request.of(requestName, requestId), block);
    }

    /** As {@link #best}, for a request and deaths prepared beforehand. */
    public <T> Optional<Candidate<T>> bestOf(Request request, List<Prepared<T>> block) {
        String name = request.name();
        if (name == null) {
            return Optional.empty();
        }
        Prepared<T> best = null;
        double bestScore = 0;
        double runnerUp = 0;
        for (Prepared<T> death : block) {
            if (!counts(request, death)) {
                continue;
            }
            double score = name.equals(death.name()) ? 1.0 : JARO_WINKLER.apply(name, death.name());
            if (best == null || score > bestScore) {
                runnerUp = best == null ? runnerUp : bestScore;
                best = death;
                bestScore = score;
            } else {
                runnerUp = Math.max(runnerUp, score);
            }
        }
        if (best == null || bestScore < threshold || bestScore - runnerUp < margin) {
            return Optional.empty();
        }
        return Optional.of(new Candidate<>(best.death(), bestScore));
    }

    /**
     * Whether {@code death} takes part in a search for {@code request} at all: a death that does not can neither link
     * nor stand within the margin of a link, so adding, changing or removing it leaves the search's answer as it was.
     */
    public boolean counts(Request request, Prepared<?> death) {
        // the ID test first: it rules out most candidates of a block, and costs less than comparing names
        if (request.name() == null || request.probe() != null && !request.probe().isCloseTo(death.id(), death.idBag())) {
            return false;
        }
        if (death.name() == null) {
            return false;
        }
        // below threshold − margin a name can neither link nor be a runner-up within the margin of a link
        return request.name().equals(death.name())
                || similarityBound(request.name(), death.name()) >= threshold - margin - ROUNDING;
    }

    /**
     * At least the Jaro-Winkler similarity of two names, from the characters they share (as multisets), which bound
     * Jaro's matches: Jaro is at most (c/|a| + c/|b| + 1)/3, and Winkler's prefix bonus (0.1 per character, at most
     * four) adds at most 0.4 of the rest. Most names of a block share a character or none with the request's, far
     * below any threshold, and this costs a fraction of the similarity itself.
     */
    static double similarityBound(String a, String b) {
        if (b.length() > Long.SIZE) {
            return 1.0;
        }
        long used = 0;
        int common = 0;
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            for (int k = 0; k < b.length(); k++) {
                if ((used & 1L << k) == 0 && b.charAt(k) == c) {
                    used |= 1L << k;
                    common++;
                    break;
                }
            }
        }
        if (common == 0) {
            return 0;
        }
        double jaro = ((double) common / a.length() + (double) common / b.length() + 1) / 3;
        return jaro + 0.4 * (1 - jaro);
    }
}
