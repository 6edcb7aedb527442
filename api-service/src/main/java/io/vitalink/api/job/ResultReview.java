package io.vitalink.api.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A reviewer's decision on a result, as the result's readers see it: the verdict, the note (opened), who and when.
 * Shown with the result it judged only; a later result of a watched record is pending again.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ResultReview(String decision, String note, String reviewer, Instant reviewedAt) {
}
