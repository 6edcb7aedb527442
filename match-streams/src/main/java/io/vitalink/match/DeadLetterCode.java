package io.vitalink.match;

/** Why a request went to the dead-letter topic. Listed in docs/ERRORS.md. */
enum DeadLetterCode {
    UNDECODABLE("VL-4001", "The request's value is not a known MatchRequest schema version or is corrupt"),
    EMPTY("VL-4002", "The request has no value"),
    UNSEALED("VL-4003", "The request's personal fields are not sealed with this deployment's keys"),
    NOT_OWNED("VL-4006", "The request's job was not opened on this organisation's job-control topic");

    final String code;
    final String message;

    DeadLetterCode(String code, String message) {
        this.code = code;
        this.message = message;
    }
}
