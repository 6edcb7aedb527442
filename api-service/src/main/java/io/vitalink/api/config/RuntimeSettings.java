package io.vitalink.api.config;

import io.vitalink.config.Setting;
import java.util.Optional;

/** The settings an administrator configured at run time (docs/OPERATIONS.md#system-configuration). */
public interface RuntimeSettings {

    /** Nothing configured: every setting has the deployment's value. */
    RuntimeSettings NONE = setting -> Optional.empty();

    /** The canonical text configured for {@code setting}; empty when the deployment's value applies. */
    Optional<String> configured(Setting setting);
}
