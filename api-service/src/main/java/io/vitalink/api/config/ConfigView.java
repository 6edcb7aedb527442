package io.vitalink.api.config;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * The settings in force: version 0 (no changedBy) until the first change.
 *
 * @param settings every setting, configured or not, in key order
 */
@Serdeable
public record ConfigView(long version, @Nullable String changedBy, @Nullable Instant changedAt, List<SettingView> settings) {

    /**
     * One setting.
     *
     * @param value what applies now: the configured value, else the deployment's; null when match-streams' own
     *              deployment value applies, which the API does not know
     * @param deployedValue the deployment's value, null when unknown here
     * @param configured whether an administrator configured it at run time
     */
    @Serdeable
    public record SettingView(String key, String kind, @Nullable String value, @Nullable String deployedValue,
                              boolean configured, String description) {
    }

    /** One version ever made, and what it changed. */
    @Serdeable
    public record Version(long version, String changedBy, Instant changedAt, List<Change> changes) {
    }

    /** {@code from}/{@code to} null: the deployment's value. */
    @Serdeable
    public record Change(String key, @Nullable String from, @Nullable String to) {
    }
}
