package io.vitalink.api.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A page of audit events in time order; {@code next} is the cursor of the following page, null on the last. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditPage(List<AuditEventView> events, String next) {
}
