package io.vitalink.api.problem;

/**
 * A refusal with a stable code. The detail must never contain a patient identifier or name: it is
 * answered to the client and may be logged.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final Long line;
    private final String field;
    private Long retryAfterSeconds;

    public ApiException(ErrorCode code, String detail) {
        this(code, detail, null, null, null);
    }

    public ApiException(ErrorCode code, String detail, Throwable cause) {
        this(code, detail, null, null, cause);
    }

    public ApiException(ErrorCode code, String detail, Long line, String field) {
        this(code, detail, line, field, null);
    }

    public ApiException(ErrorCode code, String detail, Long line, String field, Throwable cause) {
        super(detail, cause);
        this.code = code;
        this.line = line;
        this.field = field;
    }

    public ErrorCode code() {
        return code;
    }

    /** 1-based line of the body where the error was found, or null. */
    public Long line() {
        return line;
    }

    /** Tells the client when to try again (a {@code Retry-After} header); for throttling and lockout. */
    public ApiException retryAfter(java.time.Duration wait) {
        this.retryAfterSeconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return this;
    }

    /** Seconds for a {@code Retry-After} header, or null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The field (JSON name or CSV column) at fault, or null. */
    public String field() {
        return field;
    }
}
