package io.vitalink.api.application;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Body of POST /api/v1/applications: what an organisation asks to link, why and for how long. Dates are ISO
 * ({@code 2027-12-31}), both inclusive; {@code fields} are result field groups (DEATH_DATE, CAUSES, PLACE).
 */
@Serdeable
public record NewApplication(@Nullable String purpose, @Nullable String legalBasis, @Nullable String ethicsReference,
                             @Nullable Long expectedCohortSize, @Nullable List<String> fields, @Nullable String validFrom,
                             @Nullable String validUntil) {
}
