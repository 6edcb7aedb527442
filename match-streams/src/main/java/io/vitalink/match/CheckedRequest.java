package io.vitalink.match;

import io.vitalink.avro.MatchRequest;
import io.vitalink.id.IdCheck;
import io.vitalink.id.ResidentIds;
import io.vitalink.serde.RecordCodec;
import java.time.LocalDate;

/** A decoded request with the verdict on its resident ID, and its sealed bytes as they came. */
record CheckedRequest(MatchRequest request, IdCheck check, byte[] raw) {

    /** A request as its producer sealed it, decoded (its sealed fields opened) and checked. */
    static CheckedRequest ofSealed(RecordCodec<MatchRequest> requests, byte[] raw, LocalDate today) {
        return of(DecodedRequest.decoded(requests.decode(raw), raw, null), today);
    }

    static CheckedRequest of(DecodedRequest decoded, LocalDate today) {
        MatchRequest request = decoded.request();
        return new CheckedRequest(request, ResidentIds.check(request.getIdNumber(), request.getIdType(), today), decoded.raw());
    }

    boolean isValid() {
        return check instanceof IdCheck.Valid;
    }

    String normalisedId() {
        return ((IdCheck.Valid) check).id();
    }

    String rejectionCode() {
        return ((IdCheck.Invalid) check).reason().code();
    }

    /** The request as the rules see it: with its normalised ID when the ID is valid. */
    MatchRequest normalised() {
        if (!isValid()) {
            return request;
        }
        // a shallow copy: Avro's copying builder deep-copies every field, a twentieth of the matcher's time
        MatchRequest copy = new MatchRequest();
        for (int field = 0; field < MatchRequest.SCHEMA$.getFields().size(); field++) {
            copy.put(field, request.get(field));
        }
        copy.setIdNumber(normalisedId());
        return copy;
    }
}
