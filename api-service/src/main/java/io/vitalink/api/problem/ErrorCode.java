package io.vitalink.api.problem;

/**
 * Every error the API answers with. The code, status and title are a public contract: never renumber,
 * only add. Listed in ERRORS-api.md.
 */
public enum ErrorCode {
    MALFORMED_BODY("VL-1001", 400, "Malformed request body"),
    INVALID_FIELD("VL-1002", 400, "Invalid record field"),
    DUPLICATE_RECORD_ID("VL-1003", 400, "Duplicate recordId in job"),
    EMPTY_JOB("VL-1004", 400, "Job has no records"),
    UNSUPPORTED_MEDIA_TYPE("VL-1005", 415, "Unsupported media type"),
    BODY_TOO_LARGE("VL-1006", 413, "Request body too large"),
    BAD_REQUEST("VL-1008", 400, "Bad request"),
    JOB_NOT_FOUND("VL-1404", 404, "Job not found"),
    ROUTE_NOT_FOUND("VL-1405", 404, "No such route"),
    METHOD_NOT_ALLOWED("VL-1406", 405, "Method not allowed"),
    NOT_ACCEPTABLE("VL-1407", 406, "Not acceptable"),
    INTERNAL("VL-1500", 500, "Internal error"),
    KAFKA_UNAVAILABLE("VL-1503", 503, "Kafka unavailable");

    private final String code;
    private final int status;
    private final String title;

    ErrorCode(String code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The RFC 7807 {@code type}: stable, one per code. */
    public String type() {
        return "urn:vitalink:error:" + code;
    }
}
