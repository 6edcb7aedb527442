package io.vitalink.api.application;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Body of the approve, reject and revoke steps. An approval may narrow the request: fewer {@code fields}, a later
 * {@code validFrom}, an earlier {@code validUntil} (absent: as requested). A rejection and a revocation need a
 * {@code reason}.
 */
@Serdeable
public record Decision(@Nullable String reason, @Nullable List<String> fields, @Nullable String validFrom,
                       @Nullable String validUntil) {

    public static Decision because(String reason) {
        return new Decision(reason, null, null, null);
    }
}
