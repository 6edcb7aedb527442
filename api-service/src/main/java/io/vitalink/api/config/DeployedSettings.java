package io.vitalink.api.config;

import io.micronaut.context.annotation.Value;
import io.vitalink.config.Setting;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each setting's value as this API was deployed with it (application.yml, environment): what applies while nothing
 * is configured at run time. The matching settings are match-streams' own and unknown here.
 */
@Singleton
public class DeployedSettings {

    private final Map<Setting, String> values = new EnumMap<>(Setting.class);

    public DeployedSettings(@Value("${vitalink.security.allowed-ips:`127.0.0.0/8,::1`}") List<String> allowedIps,
                            @Value("${vitalink.quotas.records-per-job:5000000}") long recordsPerJob,
                            @Value("${vitalink.quotas.records-per-day:20000000}") long recordsPerDay,
                            @Value("${vitalink.quotas.concurrent-jobs:4}") int concurrentJobs,
                            @Value("${vitalink.webhooks.allowed-hosts:}") List<String> allowedHosts,
                            @Value("${vitalink.webhooks.allowed-networks:}") List<String> allowedNetworks,
                            @Value("${vitalink.jobs.retention:30d}") String retention) {
        put(Setting.ALLOWED_IPS, String.join(",", allowedIps));
        put(Setting.RECORDS_PER_JOB, Long.toString(recordsPerJob));
        put(Setting.RECORDS_PER_DAY, Long.toString(recordsPerDay));
        put(Setting.CONCURRENT_JOBS, Integer.toString(concurrentJobs));
        put(Setting.WEBHOOK_ALLOWED_HOSTS, String.join(",", allowedHosts));
        put(Setting.WEBHOOK_ALLOWED_NETWORKS, String.join(",", allowedNetworks));
        put(Setting.JOB_RETENTION, retention);
    }

    private void put(Setting setting, String raw) {
        try {
            values.put(setting, setting.canonical(raw));
        } catch (IllegalArgumentException e) {
            // shown as unknown; the setting's own bean refuses to start on a wrong value
        }
    }

    public Optional<String> of(Setting setting) {
        return Optional.ofNullable(values.get(setting));
    }
}
