package io.vitalink.api.webhook;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import io.vitalink.api.network.IpRange;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code vitalink.webhooks.*} (docs/WEBHOOKS.md). Secrets are per organisation:
 * {@code vitalink.webhooks.secrets.<organisation>}, at least 32 characters; they are never logged.
 */
@Singleton
public class WebhookSettings {

    static final int MIN_SECRET_LENGTH = 32;

    private final Duration initialDelay;
    private final Duration maxDelay;
    private final Duration maxElapsed;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final List<String> allowedHosts;
    private final List<IpRange> allowedNetworks;
    private final Map<String, String> secrets;
    private final Duration changesQuietPeriod;

    /** How long a watched job's changes feed must stay still before its changes are told (one event a burst). */
    static final Duration DEFAULT_CHANGES_QUIET_PERIOD = Duration.ofSeconds(5);

    public WebhookSettings(@Value("${vitalink.webhooks.initial-delay:1s}") Duration initialDelay,
                           @Value("${vitalink.webhooks.max-delay:1h}") Duration maxDelay,
                           @Value("${vitalink.webhooks.max-elapsed:24h}") Duration maxElapsed,
                           @Value("${vitalink.webhooks.connect-timeout:5s}") Duration connectTimeout,
                           @Value("${vitalink.webhooks.request-timeout:10s}") Duration requestTimeout,
                           @Value("${vitalink.webhooks.allowed-hosts:}") List<String> allowedHosts,
                           @Value("${vitalink.webhooks.allowed-networks:}") List<String> allowedNetworks,
                           @Value("${vitalink.webhooks.changes-quiet-period:5s}") Duration changesQuietPeriod,
                           Environment environment) {
        this(initialDelay, maxDelay, maxElapsed, connectTimeout, requestTimeout, allowedHosts,
                allowedNetworks, secretsOf(environment), changesQuietPeriod);
    }

    WebhookSettings(Duration initialDelay, Duration maxDelay, Duration maxElapsed, Duration connectTimeout,
                    Duration requestTimeout, List<String> allowedHosts, List<String> allowedNetworks,
                    Map<String, String> secrets) {
        this(initialDelay, maxDelay, maxElapsed, connectTimeout, requestTimeout, allowedHosts, allowedNetworks, secrets,
                DEFAULT_CHANGES_QUIET_PERIOD);
    }

    WebhookSettings(Duration initialDelay, Duration maxDelay, Duration maxElapsed, Duration connectTimeout,
                    Duration requestTimeout, List<String> allowedHosts, List<String> allowedNetworks,
                    Map<String, String> secrets, Duration changesQuietPeriod) {
        if (initialDelay.isNegative() || initialDelay.isZero() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("vitalink.webhooks: need 0 < initial-delay <= max-delay");
        }
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.maxElapsed = maxElapsed;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.allowedHosts = clean(allowedHosts).stream().map(h -> h.toLowerCase(java.util.Locale.ROOT)).toList();
        this.allowedNetworks = clean(allowedNetworks).stream().map(IpRange::parse).toList();
        secrets.forEach((organisation, secret) -> {
            if (secret.length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException("vitalink.webhooks.secrets." + organisation + " must have at least "
                        + MIN_SECRET_LENGTH + " characters");
            }
        });
        this.secrets = Map.copyOf(secrets);
        if (changesQuietPeriod.isNegative()) {
            throw new IllegalArgumentException("vitalink.webhooks.changes-quiet-period must not be negative");
        }
        this.changesQuietPeriod = changesQuietPeriod;
    }

    public Duration changesQuietPeriod() {
        return changesQuietPeriod;
    }

    private static Map<String, String> secretsOf(Environment environment) {
        Map<String, String> secrets = new TreeMap<>();
        environment.getProperties("vitalink.webhooks.secrets", StringConvention.RAW)
                .forEach((organisation, secret) -> secrets.put(organisation, String.valueOf(secret)));
        return secrets;
    }

    private static List<String> clean(List<String> values) {
        return values == null ? List.of() : values.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public Duration initialDelay() {
        return initialDelay;
    }

    public Duration maxDelay() {
        return maxDelay;
    }

    public Duration maxElapsed() {
        return maxElapsed;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Host names ({@code hooks.example.org}) or suffixes ({@code *.example.org}); empty: any public host. */
    public List<String> allowedHosts() {
        return allowedHosts;
    }

    /** Networks a callback may reach although they are not public (loopback, private, link-local). */
    public List<IpRange> allowedNetworks() {
        return allowedNetworks;
    }

    public Optional<String> secret(String organisation) {
        return organisation == null ? Optional.empty() : Optional.ofNullable(secrets.get(organisation));
    }
}
