package io.vitalink.api.intake;

import java.io.IOException;

/** Receives records one at a time while a body is parsed. */
@FunctionalInterface
public interface RecordSink {
    void accept(RawRecord record) throws IOException;

    /** The upload's {@code callbackUrl} (JSON envelope only), when it names one. */
    default void callbackUrl(String url) {
    }

    /** The last day of the upload's watch ({@code "watch":{"until":...}}, JSON envelope only), as written. */
    default void watchUntil(String until) {
    }
}
