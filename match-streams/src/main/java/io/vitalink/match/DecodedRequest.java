package io.vitalink.match;

import io.vitalink.avro.MatchRequest;

/** A request as read from the topic: decoded, or the raw bytes with why they could not be. */
record DecodedRequest(MatchRequest request, String jobId, byte[] raw, String errorCode, String errorMessage) {

    static DecodedRequest decoded(MatchRequest request) {
        return new DecodedRequest(request, request.getJobId(), null, null, null);
    }

    static DecodedRequest undecodable(String jobId, byte[] raw, String errorCode, String errorMessage) {
        return new DecodedRequest(null, jobId, raw, errorCode, errorMessage);
    }

    boolean isDecoded() {
        return request != null;
    }
}
