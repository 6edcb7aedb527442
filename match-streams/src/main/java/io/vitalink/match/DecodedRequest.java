package io.vitalink.match;

import io.vitalink.avro.MatchRequest;

/**
 * A request as read from the topic: decoded (its sealed bytes kept, to travel on unchanged if it must move), or the
 * raw bytes with why they could not be. {@code origin} is the organisation whose centre topic it came from, null for
 * the shared topic; {@code admission} says whether its job takes it.
 */
record DecodedRequest(MatchRequest request, String jobId, byte[] raw, String errorCode, String errorMessage,
                      String origin, Admission admission) {

    /** What the gate by job state decided. */
    enum Admission {
        /** Not gated yet, or its job takes it. */
        ACTIVE,
        /** Its job had already stopped (FAILED or CANCELLED). */
        STOPPED,
        /** It came from a centre's topic and its job is not that organisation's (or not opened yet). */
        NOT_OWNED
    }

    static DecodedRequest decoded(MatchRequest request, byte[] raw, String origin) {
        return new DecodedRequest(request, request.getJobId(), raw, null, null, origin, Admission.ACTIVE);
    }

    static DecodedRequest undecodable(String jobId, byte[] raw, String errorCode, String errorMessage, String origin) {
        return new DecodedRequest(null, jobId, raw, errorCode, errorMessage, origin, Admission.ACTIVE);
    }

    DecodedRequest admitted(Admission admission) {
        return new DecodedRequest(request, jobId, raw, errorCode, errorMessage, origin, admission);
    }

    /** Refused for {@code code}: becomes a dead letter that counts for no job. */
    DecodedRequest refused(String code, String message) {
        return new DecodedRequest(null, jobId, raw, code, message, origin, Admission.NOT_OWNED);
    }

    boolean isDecoded() {
        return request != null;
    }
}
