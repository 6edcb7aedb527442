package io.vitalink.settings;

import io.vitalink.avro.SystemConfig;
import io.vitalink.config.Setting;
import io.vitalink.config.SystemConfigKeys;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run-time settings in force, as a processor sees them: the version under {@code current} of the system-config
 * global table, read again at most once a second, so a change made through the API applies within about a second
 * of reaching this instance, without a restart, at the cost of one store read per second per task.
 */
public final class LiveSettings {

    /** The global table of the system-config topic. */
    public static final String STORE = "system-config-store";
    public static final Duration READ_EVERY = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(LiveSettings.class);

    private final TimestampedKeyValueStore<String, SystemConfig> store;
    private long nextRead = System.nanoTime();
    private SystemConfig current;

    private LiveSettings(TimestampedKeyValueStore<String, SystemConfig> store) {
        this.store = store;
    }

    public static LiveSettings of(ProcessingContext context) {
        return new LiveSettings(context.getStateStore(STORE));
    }

    /** The configured value of {@code setting} in canonical text; empty: the deployment's value applies. */
    public Optional<String> value(Setting setting) {
        SystemConfig config = current();
        return config == null ? Optional.empty() : Optional.ofNullable(config.getSettings().get(setting.key()));
    }

    /** The version in force, 0 before the first change. */
    public long version() {
        SystemConfig config = current();
        return config == null ? 0 : config.getVersion();
    }

    private SystemConfig current() {
        long now = System.nanoTime();
        if (now - nextRead >= 0) {
            nextRead = now + READ_EVERY.toNanos();
            ValueAndTimestamp<SystemConfig> read = store.get(SystemConfigKeys.CURRENT);
            SystemConfig next = read == null ? null : read.value();
            if (next != null && (current == null || current.getVersion() != next.getVersion())) {
                log.info("Settings version {} in force, changed by an administrator at {}", next.getVersion(), next.getChangedAt());
            }
            current = next;
        }
        return current;
    }
}
