package io.vitalink.match;

import io.vitalink.avro.MatchRequest;
import io.vitalink.id.IdCheck;

/** A decoded request with the verdict on its resident ID. */
record CheckedRequest(MatchRequest request, IdCheck check) {

    static CheckedRequest of(MatchRequest request, IdCheck check) {
        return new CheckedRequest(request, check);
    }

    String normalisedId() {
        return ((IdCheck.Valid) check).id();
    }

    String rejectionCode() {
        return ((IdCheck.Invalid) check).reason().code();
    }

    /** The request as it travels to the join: keyed and carrying the normalised ID. */
    MatchRequest withNormalisedId() {
        return MatchRequest.newBuilder(request).setIdNumber(normalisedId()).build();
    }
}
