package io.vitalink.loader;

import io.vitalink.id.IdRejection;
import java.util.Objects;

/** The reason a row was refused, as written to the reject file: a VL- code and a message without row data. */
public record Rejection(String code, String message) {

    public Rejection {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static Rejection of(RowRejection reason) {
        return new Rejection(reason.code(), reason.message());
    }

    /**
     * The reason with a detail in parentheses, e.g. {@code (line 7 was kept)}. The detail must never hold a value
     * of a row: line numbers only.
     */
    public static Rejection of(RowRejection reason, String detail) {
        return new Rejection(reason.code(), reason.message() + " (" + detail + ")");
    }

    public static Rejection of(IdRejection reason) {
        return new Rejection(reason.code(), reason.message());
    }
}
