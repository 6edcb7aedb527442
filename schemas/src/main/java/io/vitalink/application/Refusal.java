package io.vitalink.application;

/**
 * Why a job may not start under an application: one stable code for the API (VL-16xx, answered before any record is
 * accepted) and one for the matcher (VL-40xx, the reason of a FAILED job opened on a centre's own topics).
 */
public enum Refusal {
    /** No application named, and the organisation has no approved one valid today. */
    NO_ACTIVE_APPLICATION("VL-1610", "VL-4010", "The organisation has no approved data-use application valid today"),
    /** The application named does not exist, or belongs to another organisation (the two are not told apart). */
    UNKNOWN_APPLICATION("VL-1611", "VL-4011", "No data-use application with this id for the organisation"),
    /** The application named is still waiting for a decision, or was rejected. */
    NOT_APPROVED("VL-1612", "VL-4012", "The data-use application is not approved"),
    REVOKED("VL-1613", "VL-4013", "The data-use application was revoked"),
    EXPIRED("VL-1614", "VL-4014", "The data-use application has expired"),
    NOT_YET_VALID("VL-1615", "VL-4015", "The data-use application is not valid yet"),
    /** No application named, and the organisation has several approved ones valid today. */
    SEVERAL_ACTIVE("VL-1616", "VL-4016", "The organisation has several approved data-use applications: name one (applicationId)");

    private final String apiCode;
    private final String matcherCode;
    private final String message;

    Refusal(String apiCode, String matcherCode, String message) {
        this.apiCode = apiCode;
        this.matcherCode = matcherCode;
        this.message = message;
    }

    /** The VL-16xx code the API answers with. */
    public String apiCode() {
        return apiCode;
    }

    /** The VL-40xx reason code of a job the matcher fails. */
    public String matcherCode() {
        return matcherCode;
    }

    /** In words, for the problem's detail and the FAILED job's reason; never patient data. */
    public String message() {
        return message;
    }
}
