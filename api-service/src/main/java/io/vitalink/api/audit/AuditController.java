package io.vitalink.api.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vitalink.api.auth.Roles;
import io.vitalink.api.openapi.ApiDocumentation;
import io.vitalink.api.openapi.Params;
import io.vitalink.api.openapi.ProblemResponses;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.api.user.UserPolicy;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** GET /api/v1/audit?from=&to=&user=&limit=&cursor= for auditors and administrators. */
@Controller("/api/v1/audit")
@Tag(name = ApiDocumentation.TAG_AUDIT)
@SecurityRequirement(name = ApiDocumentation.BEARER)
@ProblemResponses.Authenticated
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuditController {

    private final AuditTrail trail;

    public AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @Operation(operationId = "listAuditEvents", summary = "The audit trail, paged",
            description = "Every API call and user change, newest first, filtered by time (from, to: ISO-8601 instants) and "
                    + "user, paged by limit (1 to 1000) and the cursor of the previous page.",
            responses = @ApiResponse(responseCode = "200", description = "A page of audit events, newest first, and the cursor of the next page"),
            extensions = @Extension(properties = @ExtensionProperty(name = ApiDocumentation.ROLES,
                    value = ApiDocumentation.AUDITOR_ADMIN, parseValue = true)))
    @ProblemResponses.AuditQueryInvalid
    @Secured({Roles.AUDITOR, Roles.ADMIN})
    @Get(produces = MediaType.APPLICATION_JSON)
    public AuditPage query(@Parameter(description = Params.EVENTS_FROM) @Nullable @QueryValue String from,
                           @Parameter(description = Params.EVENTS_TO) @Nullable @QueryValue String to,
                           @Parameter(description = Params.EVENTS_USER) @Nullable @QueryValue String user,
                           @Parameter(description = Params.PAGE_LIMIT) @Nullable @QueryValue String limit,
                           @Parameter(description = Params.PAGE_CURSOR) @Nullable @QueryValue String cursor) {
        return trail.query(instant("from", from), instant("to", to), user == null || user.isBlank() ? null : UserPolicy.normalise(user),
                limit(limit), cursor);
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant(); // also takes 2026-11-23T10:00:00Z
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.INVALID_AUDIT_QUERY, name + " must be an ISO-8601 instant, e.g. 2026-11-23T10:00:00Z");
        }
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return AuditTrail.DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ApiException(ErrorCode.INVALID_AUDIT_QUERY, "limit must be a whole number");
        }
    }
}
