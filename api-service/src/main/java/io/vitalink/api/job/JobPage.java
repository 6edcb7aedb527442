package io.vitalink.api.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A page of GET /api/v1/jobs, newest first; {@code next} is the cursor of the following page, null on the last. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobPage(List<JobView> jobs, String next) {
}
