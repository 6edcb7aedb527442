package io.vitalink.match;

import io.vitalink.avro.MatchRequest;

/**
 * A request as read from the topic: decoded (its sealed bytes kept, to travel on unchanged if it must move), or the
 * raw bytes with why they could not be; a decoded request is skipped when its job had already stopped.
 */
record DecodedRequest(MatchRequest request, String jobId, byte[] raw, String errorCode, String errorMessage,
                      boolean isSkipped) {

    static DecodedRequest decoded(MatchRequest request, byte[] raw) {
        return new DecodedRequest(request, request.getJobId(), raw, null, null, false);
    }

    static DecodedRequest undecodable(String jobId, byte[] raw, String errorCode, String errorMessage) {
        return new DecodedRequest(null, jobId, raw, errorCode, errorMessage, false);
    }

    DecodedRequest skipped() {
        return new DecodedRequest(request, jobId, raw, errorCode, errorMessage, true);
    }

    boolean isDecoded() {
        return request != null;
    }
}
