package io.vitalink.api.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A page of a review queue; {@code next} is the cursor of the following page, null on the last. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ReviewPage(List<ReviewItem> items, String next) {
}
