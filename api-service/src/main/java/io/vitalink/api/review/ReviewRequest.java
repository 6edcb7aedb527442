package io.vitalink.api.review;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Body of POST /api/v1/jobs/{jobId}/review/{recordId}: ACCEPT, REJECT or UNSURE, and an optional note. */
@Serdeable
public record ReviewRequest(@Nullable String decision, @Nullable String note) {

    @Override
    public String toString() {
        return "ReviewRequest[decision=" + decision + "]"; // never the note
    }
}
