package io.vitalink.crypto;

import io.vitalink.serde.UndecodableException;

/** A sealed field could not be opened: sent in clear, sealed with another deployment's keys, or tampered with. */
public class UnopenableException extends UndecodableException {

    public UnopenableException(String message, Throwable cause) {
        super(message, cause);
    }
}
