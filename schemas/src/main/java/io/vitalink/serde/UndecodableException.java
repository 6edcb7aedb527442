package io.vitalink.serde;

/** The bytes of a message are not a known version of the expected type. */
public class UndecodableException extends RuntimeException {

    public UndecodableException(String message) {
        super(message);
    }

    public UndecodableException(String message, Throwable cause) {
        super(message, cause);
    }
}
