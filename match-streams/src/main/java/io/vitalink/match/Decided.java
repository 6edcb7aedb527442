package io.vitalink.match;

import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;

/**
 * A request with the result the ID gave it; {@code block} is where a probable search would look, or null: for a
 * request the ID linked (never searched) and for one without a name.
 */
record Decided(MatchRequest request, MatchResult result, String block) {

    static Decided of(MatchRequest request, MatchResult result, boolean idIsValid) {
        boolean searchable = result.getLinkedId() == null && request.getName() != null && !request.getName().isBlank();
        return new Decided(request, result, searchable ? Blocking.ofRequest(request, idIsValid) : null);
    }
}
