package io.vitalink.loader;

import java.util.Objects;

/** A load failed as a whole. The message names the code, the general reason and the detail; never row data. */
public class LoadException extends RuntimeException {

    private final LoadFailure failure;

    public LoadException(LoadFailure failure, String detail) {
        this(failure, detail, null);
    }

    public LoadException(LoadFailure failure, String detail, Throwable cause) {
        super(failure.code() + " " + failure.message() + (detail == null || detail.isBlank() ? "" : ": " + detail), cause);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    public LoadFailure failure() {
        return failure;
    }
}
