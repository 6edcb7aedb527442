package io.vitalink.api.problem;

/**
 * Every error the API answers with. The code, status and title are a public contract: never renumber,
 * only add. Listed in docs/ERRORS.md.
 */
public enum ErrorCode {
    MALFORMED_BODY("VL-1001", 400, "Malformed request body"),
    INVALID_FIELD("VL-1002", 400, "Invalid record field"),
    DUPLICATE_RECORD_ID("VL-1003", 400, "Duplicate recordId in job"),
    EMPTY_JOB("VL-1004", 400, "Job has no records"),
    UNSUPPORTED_MEDIA_TYPE("VL-1005", 415, "Unsupported media type"),
    BODY_TOO_LARGE("VL-1006", 413, "Request body too large"),
    BAD_REQUEST("VL-1008", 400, "Bad request"),
    AUTHENTICATION_REQUIRED("VL-1101", 401, "Authentication required"),
    TOKEN_EXPIRED("VL-1102", 401, "Token expired"),
    ROLE_NOT_ALLOWED("VL-1103", 403, "Not allowed for this role"),
    ADDRESS_NOT_ALLOWED("VL-1104", 403, "Address not allowed"),
    BAD_CREDENTIALS("VL-1105", 401, "Bad credentials"),
    ACCOUNT_LOCKED("VL-1106", 423, "Account locked"),
    TOO_MANY_ATTEMPTS("VL-1107", 429, "Too many failed logins"),
    USER_EXISTS("VL-1108", 409, "User already exists"),
    USER_NOT_FOUND("VL-1109", 404, "User not found"),
    WEAK_PASSWORD("VL-1110", 400, "Password too weak"),
    TOKEN_REVOKED("VL-1111", 401, "Token revoked"),
    ACCOUNT_DISABLED("VL-1112", 401, "Account disabled"),
    INVALID_USER_FIELD("VL-1113", 400, "Invalid user field"),
    INVALID_AUDIT_QUERY("VL-1114", 400, "Invalid audit query"),
    INVALID_REFRESH_TOKEN("VL-1115", 401, "Invalid refresh token"),
    WRONG_CURRENT_PASSWORD("VL-1116", 403, "Current password wrong"),
    LAST_ADMIN("VL-1117", 409, "Last administrator"),
    USER_STORE_UNAVAILABLE("VL-1118", 503, "User store unavailable"),
    AUDIT_UNAVAILABLE("VL-1119", 503, "Audit trail unavailable"),
    SELF_GRANT_REFUSED("VL-1120", 403, "Not on one's own account"),
    RECORDS_PER_JOB_EXCEEDED("VL-1121", 413, "Too many records in job"),
    DAILY_RECORDS_EXCEEDED("VL-1122", 429, "Daily record quota reached"),
    CONCURRENT_JOBS_EXCEEDED("VL-1123", 429, "Too many jobs in progress"),
    UPLOADS_BUSY("VL-1124", 429, "Too many uploads in progress"),
    INVALID_JOB_QUERY("VL-1130", 400, "Invalid job query"),
    JOB_ALREADY_ENDED("VL-1131", 409, "Job already ended"),
    INVALID_CHANGES_QUERY("VL-1132", 400, "Invalid changes query"),
    INVALID_RESULT_DETAIL("VL-1133", 400, "Invalid result detail"),
    INVALID_RESULTS_QUERY("VL-1134", 400, "Invalid results query"),
    WATCH_INVALID("VL-1140", 400, "Invalid watch"),
    INVALID_CONFIG("VL-1640", 400, "Invalid configuration"),
    CONFIG_VERSION_CONFLICT("VL-1641", 409, "Configuration changed meanwhile"),
    CONFIG_STORE_UNAVAILABLE("VL-1642", 503, "Configuration store unavailable"),
    CALLBACK_URL_INVALID("VL-1201", 400, "Invalid callback URL"),
    CALLBACK_HOST_NOT_ALLOWED("VL-1202", 400, "Callback host not allowed"),
    CALLBACK_NOT_CONFIGURED("VL-1203", 400, "Webhooks not configured for organisation"),
    CALLBACK_NONE("VL-1204", 409, "Job has no callback URL"),
    CALLBACK_JOB_NOT_FINISHED("VL-1205", 409, "Job not finished"),
    APPLICATION_INVALID_FIELD("VL-1600", 400, "Invalid application field"),
    APPLICATION_NOT_FOUND("VL-1601", 404, "Application not found"),
    APPLICATION_STATE_CONFLICT("VL-1602", 409, "Application not in a state for this step"),
    APPROVAL_WIDER_THAN_REQUEST("VL-1603", 400, "Approval wider than the request"),
    OWN_ORGANISATION_APPLICATION("VL-1604", 403, "Not on one's own organisation's application"),
    APPLICATION_STORE_UNAVAILABLE("VL-1605", 503, "Application store unavailable"),
    NO_ACTIVE_APPLICATION("VL-1610", 403, "No active data-use application"),
    UNKNOWN_APPLICATION("VL-1611", 403, "Unknown data-use application"),
    APPLICATION_NOT_APPROVED("VL-1612", 403, "Data-use application not approved"),
    APPLICATION_REVOKED("VL-1613", 403, "Data-use application revoked"),
    APPLICATION_EXPIRED("VL-1614", 403, "Data-use application expired"),
    APPLICATION_NOT_YET_VALID("VL-1615", 403, "Data-use application not valid yet"),
    SEVERAL_ACTIVE_APPLICATIONS("VL-1616", 409, "Several active data-use applications"),
    FHIR_NOT_A_BUNDLE("VL-1301", 400, "Not a FHIR Bundle"),
    FHIR_INVALID_RESOURCE("VL-1302", 400, "Invalid FHIR resource"),
    FHIR_NOT_A_PATIENT("VL-1303", 400, "FHIR entry is not a Patient"),
    FHIR_NO_RECORD_ID("VL-1304", 400, "Patient has no record id"),
    FHIR_AMBIGUOUS_IDENTIFIER("VL-1305", 400, "Ambiguous Patient identifier"),
    FHIR_PARTIAL_BIRTH_DATE("VL-1306", 400, "Partial birth date"),
    FHIR_VALUE_OUT_OF_BOUNDS("VL-1307", 400, "Patient value empty or too long"),
    REVIEW_DECISION_INVALID("VL-1620", 400, "Invalid review decision"),
    REVIEW_NOTE_TOO_LONG("VL-1621", 400, "Review note too long"),
    REVIEW_OTHER_ORGANISATION("VL-1622", 403, "Not a reviewer of the job's organisation"),
    REVIEW_RESULT_NOT_FOUND("VL-1623", 404, "Result not found"),
    REVIEW_NOT_UNCERTAIN("VL-1624", 409, "Result needs no review"),
    REVIEW_ALREADY_DECIDED("VL-1625", 409, "Result already reviewed"),
    REVIEW_QUERY_INVALID("VL-1626", 400, "Invalid review query"),
    REVIEW_NOT_STORED("VL-1627", 503, "Review decision not stored"),
    REVIEW_NOT_CONFIRMED("VL-1628", 503, "Review decision not confirmed yet"),
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

    /** The refusal of a job under {@code refusal} (the application rule's reason), by its VL-16xx code. */
    public static ErrorCode of(io.vitalink.application.Refusal refusal) {
        for (ErrorCode code : values()) {
            if (code.code.equals(refusal.apiCode())) {
                return code;
            }
        }
        throw new IllegalArgumentException("no error code for " + refusal);
    }

    /** The RFC 7807 {@code type}: stable, one per code. */
    public String type() {
        return "urn:vitalink:error:" + code;
    }
}
