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

    public static Rejection of(IdRejection reason) {
        return new Rejection(reason.code(), reason.message());
    }
}
