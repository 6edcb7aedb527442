package io.vitalink.match;

import io.vitalink.avro.MatchResult;

/**
 * What a change of a death record means for one watched record registered under its ID: a change of the record's
 * result, or the death record forwarded (still sealed; null when withdrawn) to where the record is decided, under
 * that record's key in {@link MatchTopology#WATCHED_BY_BLOCK_STORE}.
 */
record Rematched(MatchResult change, String blockKey, byte[] death) {

    static Rematched change(MatchResult change) {
        return new Rematched(change, null, null);
    }

    static Rematched forward(String blockKey, byte[] death) {
        return new Rematched(null, blockKey, death);
    }

    boolean isChange() {
        return change != null;
    }
}
