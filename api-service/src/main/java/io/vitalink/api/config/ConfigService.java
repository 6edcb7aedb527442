package io.vitalink.api.config;

import io.vitalink.api.audit.AuditLog;
import io.vitalink.api.auth.Caller;
import io.vitalink.api.network.IpRange;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.avro.SettingChange;
import io.vitalink.avro.SystemConfig;
import io.vitalink.config.ConfigChange;
import io.vitalink.config.Setting;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and changes the run-time settings: every value checked, a change made only against the version its author
 * read, recorded in the audit trail before it takes effect, and kept as a version of its own.
 */
@Singleton
public class ConfigService {

    private final ConfigStore store;
    private final DeployedSettings deployed;
    private final AuditLog audit;
    private final Clock clock;

    public ConfigService(ConfigStore store, DeployedSettings deployed, AuditLog audit) {
        this(store, deployed, audit, Clock.systemUTC());
    }

    ConfigService(ConfigStore store, DeployedSettings deployed, AuditLog audit, Clock clock) {
        this.store = store;
        this.deployed = deployed;
        this.audit = audit;
        this.clock = clock;
    }

    public ConfigView view() {
        SystemConfig current = store.current().orElse(null);
        Map<String, String> configured = current == null ? Map.of() : current.getSettings();
        List<ConfigView.SettingView> settings = Arrays.stream(Setting.values())
                .sorted(Comparator.comparing(Setting::key))
                .map(s -> {
                    String deployedValue = deployed.of(s).orElse(null);
                    String value = configured.get(s.key());
                    return new ConfigView.SettingView(s.key(), s.kind().name(), value != null ? value : deployedValue, deployedValue,
                            value != null, s.description());
                })
                .toList();
        return current == null ? new ConfigView(0, null, null, settings)
                : new ConfigView(current.getVersion(), current.getChangedBy(), current.getChangedAt(), settings);
    }

    public List<ConfigView.Version> history() {
        return store.history().stream()
                .map(c -> new ConfigView.Version(c.getVersion(), c.getChangedBy(), c.getChangedAt(),
                        c.getChanges() == null ? List.of() : c.getChanges().stream()
                                .map(x -> new ConfigView.Change(x.getKey(), x.getFrom(), x.getTo())).toList()))
                .toList();
    }

    /** One instance changes one version at a time; the version check catches another instance's change. */
    public synchronized ConfigView change(Caller caller, ConfigUpdate update) {
        if (update == null || update.version() == null || update.settings() == null || update.settings().isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_CONFIG, "Give the version you read (GET /api/v1/config) and at least one setting");
        }
        SystemConfig current = store.current().orElse(null);
        long version = current == null ? 0 : current.getVersion();
        if (update.version() != version) {
            throw new ApiException(ErrorCode.CONFIG_VERSION_CONFLICT, "The configuration is at version " + version
                    + ", not " + update.version() + ": read it again and make your change on what is in force");
        }
        ConfigChange change = checked(current == null ? Map.of() : current.getSettings(), asText(update.settings()));
        if (change.changes().isEmpty()) {
            return view();
        }
        Instant now = clock.instant();
        SystemConfig next = SystemConfig.newBuilder()
                .setVersion(version + 1)
                .setChangedBy(caller.username())
                .setChangedAt(now)
                .setSettings(new HashMap<>(change.settings()))
                .setChanges(change.changes().stream()
                        .map(c -> SettingChange.newBuilder().setKey(c.key()).setFrom(c.from()).setTo(c.to()).build())
                        .collect(Collectors.toCollection(ArrayList::new)))
                .build();
        audit.configChanged(caller.username(), caller.organisation(), caller.sourceIp(), next.getVersion(), describe(change));
        store.publish(next);
        return view();
    }

    private static ConfigChange checked(Map<String, String> current, Map<String, String> asked) {
        ConfigChange change;
        try {
            change = ConfigChange.of(current, asked);
        } catch (ConfigChange.Invalid e) {
            throw new ApiException(ErrorCode.INVALID_CONFIG, e.getMessage());
        }
        for (Setting ranges : List.of(Setting.ALLOWED_IPS, Setting.WEBHOOK_ALLOWED_NETWORKS)) {
            String value = change.settings().get(ranges.key());
            if (value != null) {
                for (String entry : Setting.listOf(value)) {
                    try {
                        IpRange.parse(entry);
                    } catch (IllegalArgumentException e) {
                        throw new ApiException(ErrorCode.INVALID_CONFIG, ranges.key() + ": not an address or CIDR block: " + entry);
                    }
                }
            }
        }
        return change;
    }

    private static Map<String, String> asText(Map<String, Object> settings) {
        Map<String, String> text = new HashMap<>();
        settings.forEach((key, value) -> text.put(key, value == null ? null
                : value instanceof List<?> list ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
                : String.valueOf(value)));
        return text;
    }

    private static String describe(ConfigChange change) {
        return change.changes().stream()
                .map(c -> c.key() + ": " + (c.from() == null ? "(deployment)" : c.from()) + " -> " + (c.to() == null ? "(deployment)" : c.to()))
                .collect(Collectors.joining("; "));
    }
}
