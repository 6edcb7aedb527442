package io.vitalink.api.config;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * Body of PUT /api/v1/config: the version it changes (as read from GET, so that nobody's change is overwritten
 * unseen) and the settings to change; a setting given null goes back to the deployment's value, one left out keeps
 * its value. A value is text, a number, or for a list setting an array of text.
 */
@Serdeable
public record ConfigUpdate(@Nullable Long version, @Nullable Map<String, Object> settings) {
}
