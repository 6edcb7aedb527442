package io.vitalink.api.config;

import io.vitalink.avro.SystemConfig;
import io.vitalink.config.Setting;
import java.util.List;
import java.util.Optional;

/** Every version of the run-time settings, the one in force first among them. */
public interface ConfigStore extends RuntimeSettings {

    /** The version in force; empty before the first change. */
    Optional<SystemConfig> current();

    /** Every version, newest first. */
    List<SystemConfig> history();

    /** Called after each new version in force, made here or by another instance (on a thread of the store's). */
    void onChange(Runnable listener);

    /** Makes {@code next} the version in force, here at once and on every instance and match-streams soon after. */
    void publish(SystemConfig next);

    @Override
    default Optional<String> configured(Setting setting) {
        return current().map(c -> c.getSettings().get(setting.key()));
    }
}
