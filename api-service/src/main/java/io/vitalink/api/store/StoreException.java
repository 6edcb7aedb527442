package io.vitalink.api.store;

/** The job store failed or is closed. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
