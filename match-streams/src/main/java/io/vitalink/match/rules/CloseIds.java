package io.vitalink.match.rules;

import io.vitalink.id.ResidentIds;

/**
 * Whether a death's ID is within {@value #MAX_EDITS} edits of a request's, read as 18-character resident IDs when the
 * request's is a legacy 15-digit one and the death's is not. A probable search asks this of every death of a block,
 * so each ID's characters are counted once ({@link #bag}) and most pairs are refused by the bag distance, a lower
 * bound of the edit distance; the rest by a bounded search of edits ({@link #withinEdits}).
 */
public final class CloseIds {

    public static final int MAX_EDITS = 2;

    /** The bag of an ID with a character other than a digit or X, or too long to count in five bits a character. */
    public static final long UNCOUNTED = -1;

    private static final int SLOTS = 11;
    private static final int BITS = 5;
    private static final long SLOT_MASK = (1L << BITS) - 1;

    private CloseIds() {
    }

    /** A request's ID, counted once for a whole block: as submitted, and in 18 characters when it is a legacy one. */
    public record Probe(String id, long bag, String asEighteen, long bagAsEighteen) {

        public static Probe of(String requestId) {
            String eighteen = requestId.length() == ResidentIds.LEGACY_LENGTH ? legacyToEighteen(requestId) : requestId;
            long bag = CloseIds.bag(requestId);
            return new Probe(requestId, bag, eighteen, eighteen.equals(requestId) ? bag : CloseIds.bag(eighteen));
        }

        /** @param deathBag the death's {@link #bag}, counted when its block was opened */
        public boolean isCloseTo(String deathId, long deathBag) {
            if (deathId == null) {
                return true;
            }
            return deathId.length() == ResidentIds.LENGTH && id.length() == ResidentIds.LEGACY_LENGTH
                    ? within(asEighteen, bagAsEighteen, deathId, deathBag)
                    : within(id, bag, deathId, deathBag);
        }
    }

    /** The count of each of 0–9 and X in the ID, five bits each; {@link #UNCOUNTED} for any other ID. */
    public static long bag(String id) {
        if (id == null) {
            return UNCOUNTED;
        }
        long bag = 0;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            int slot = c >= '0' && c <= '9' ? c - '0' : c == 'X' ? 10 : -1;
            if (slot < 0 || (bag >>> (slot * BITS) & SLOT_MASK) == SLOT_MASK) {
                return UNCOUNTED;
            }
            bag += 1L << (slot * BITS);
        }
        return bag;
    }

    static boolean within(String a, long bagA, String b, long bagB) {
        if (Math.abs(a.length() - b.length()) > MAX_EDITS) {
            return false;
        }
        if (bagA != UNCOUNTED && bagB != UNCOUNTED && bagDistance(bagA, bagB) > MAX_EDITS) {
            return false;
        }
        return withinEdits(a, 0, b, 0, MAX_EDITS);
    }

    /** One edit changes at most one count on each side, so this never exceeds the edit distance. */
    static int bagDistance(long a, long b) {
        int onlyInA = 0;
        int onlyInB = 0;
        for (int shift = 0; shift < SLOTS * BITS; shift += BITS) {
            int difference = (int) (a >>> shift & SLOT_MASK) - (int) (b >>> shift & SLOT_MASK);
            if (difference > 0) {
                onlyInA += difference;
            } else {
                onlyInB -= difference;
            }
        }
        return Math.max(onlyInA, onlyInB);
    }

    /**
     * Whether a[i..] and b[j..] are at most {@code edits} edits apart: a common first character costs nothing, and
     * otherwise one of the three edits is spent on it. Exact, allocates nothing, and with two edits tries at most 13
     * suffix pairs: the general edit distance table costs an order of magnitude more per candidate.
     */
    static boolean withinEdits(String a, int i, String b, int j, int edits) {
        while (i < a.length() && j < b.length() && a.charAt(i) == b.charAt(j)) {
            i++;
            j++;
        }
        int restOfA = a.length() - i;
        int restOfB = b.length() - j;
        if (restOfA == 0 || restOfB == 0) {
            return Math.max(restOfA, restOfB) <= edits;
        }
        if (edits == 0 || Math.abs(restOfA - restOfB) > edits) {
            return false;
        }
        return withinEdits(a, i + 1, b, j + 1, edits - 1)
                || withinEdits(a, i, b, j + 1, edits - 1)
                || withinEdits(a, i + 1, b, j, edits - 1);
    }

    private static String legacyToEighteen(String id) {
        try {
            return ResidentIds.toEighteen(id);
        } catch (IllegalArgumentException notDigits) {
            return id;
        }
    }
}
