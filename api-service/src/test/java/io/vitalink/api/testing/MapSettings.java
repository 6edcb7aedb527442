package io.vitalink.api.testing;

import io.vitalink.api.config.RuntimeSettings;
import io.vitalink.config.Setting;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Run-time settings a test sets directly, canonical text or null for the deployment's value. */
public class MapSettings implements RuntimeSettings {

    private final Map<Setting, String> values = new ConcurrentHashMap<>();

    public MapSettings set(Setting setting, String value) {
        if (value == null) {
            values.remove(setting);
        } else {
            values.put(setting, setting.canonical(value));
        }
        return this;
    }

    @Override
    public Optional<String> configured(Setting setting) {
        return Optional.ofNullable(values.get(setting));
    }
}
