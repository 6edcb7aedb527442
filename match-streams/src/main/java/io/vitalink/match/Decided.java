package io.vitalink.match;

import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.match.rules.Blocking;

/**
 * A request with the result the ID gave it; {@code block} is where a probable search would look, or null: for a
 * request the ID linked (never searched) and for one without a name. {@code raw} is the request still sealed, as it
 * travels to its block.
 */
record Decided(MatchResult result, String block, byte[] raw) {

    static Decided of(MatchRequest request, MatchResult result, boolean idIsValid, byte[] raw) {
        boolean searchable = result.getLinkedId() == null && request.getName() != null && !request.getName().isBlank();
        return new Decided(result, searchable ? Blocking.ofRequest(request, idIsValid) : null, raw);
    }
}
