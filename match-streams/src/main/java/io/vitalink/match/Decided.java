package io.vitalink.match;

import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;

/** A request with the result the ID gave it; {@code block} is where a probable search would look, or null. */
record Decided(MatchRequest request, MatchResult result, String block) {

    static Decided of(MatchRequest request, MatchResult result, boolean idIsValid) {
        String block = request.getName() == null || request.getName().isBlank() ? null : Blocking.ofRequest(request, idIsValid);
        return new Decided(request, result, block);
    }
}
