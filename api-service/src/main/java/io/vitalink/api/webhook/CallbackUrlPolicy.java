package io.vitalink.api.webhook;

import io.vitalink.api.config.LiveValue;
import io.vitalink.api.config.RuntimeSettings;
import io.vitalink.api.job.CallbackCheck;
import io.vitalink.api.network.IpRange;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.config.Setting;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Where callbacks may go (no SSRF): an absolute http(s) URL without user info or fragment, to a host of
 * {@code vitalink.webhooks.allowed-hosts} (when set), every address of which is public, unless it lies in
 * {@code vitalink.webhooks.allowed-networks}. Checked at submission and again, on freshly resolved
 * addresses, before every delivery attempt, which then connects to the address checked ({@link CallbackSender}),
 * so a host that resolves differently a moment later (DNS rebinding) gains nothing.
 */
@Singleton
public class CallbackUrlPolicy implements CallbackCheck {

    static final int MAX_LENGTH = 2048;

    /**
     * Not public: this host, private and shared networks, link-local (cloud metadata 169.254.169.254), multicast,
     * reserved, and the IPv6 prefixes that embed or translate an IPv4 address (NAT64, 6to4, Teredo), which could lead
     * to any of those.
     */
    static final List<IpRange> NOT_PUBLIC = List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
            "224.0.0.0/4", "240.0.0.0/4",
            "::/96", "::1/128", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/32", "2001:db8::/32", "2002::/16",
            "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8").stream().map(IpRange::parse).toList();

    /** Resolves a host name (DNS); replaced in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final WebhookSettings settings;
    private final Resolver resolver;
    private final LiveValue<List<String>> allowedHosts;
    private final LiveValue<List<IpRange>> allowedNetworks;

    @Inject
    public CallbackUrlPolicy(WebhookSettings settings, RuntimeSettings runtime) {
        this(settings, runtime, InetAddress::getAllByName);
    }

    public CallbackUrlPolicy(WebhookSettings settings) {
        this(settings, RuntimeSettings.NONE, InetAddress::getAllByName);
    }

    CallbackUrlPolicy(WebhookSettings settings, RuntimeSettings runtime, Resolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
        // the run-time settings replace the deployment's (docs/OPERATIONS.md#system-configuration)
        this.allowedHosts = new LiveValue<>(runtime, Setting.WEBHOOK_ALLOWED_HOSTS,
                text -> Setting.listOf(text).stream().map(h -> h.toLowerCase(Locale.ROOT)).toList(), settings.allowedHosts());
        this.allowedNetworks = new LiveValue<>(runtime, Setting.WEBHOOK_ALLOWED_NETWORKS,
                text -> Setting.listOf(text).stream().map(IpRange::parse).toList(), settings.allowedNetworks());
    }

    /** At submission: the URL, its host and the organisation's secret. */
    @Override
    public String check(String url, String organisation) {
        URI uri = parse(url);
        addresses(uri);
        if (settings.secret(organisation).isEmpty()) {
            throw new ApiException(ErrorCode.CALLBACK_NOT_CONFIGURED,
                    "No webhook secret is configured for your organisation: ask the operators");
        }
        return uri.toString();
    }

    /** The URL when it is an absolute http(s) URL to an allowed host name, without user info or fragment. */
    public URI parse(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_LENGTH) {
            throw invalid("callbackUrl must be an http or https URL of at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw invalid("callbackUrl is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid("callbackUrl must use http or https");
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            throw invalid("callbackUrl must not contain user info");
        }
        if (uri.getRawFragment() != null) {
            throw invalid("callbackUrl must not contain a fragment");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid("callbackUrl must name a host");
        }
        String host = host(uri);
        if (!allowedHosts.get().isEmpty() && allowedHosts.get().stream().noneMatch(h -> matches(h, host))) {
            throw notAllowed("The callbackUrl host is not in the allowed hosts");
        }
        return uri;
    }

    /** Resolves the URL's host now; every address must be public or in an allowed network. */
    public List<InetAddress> addresses(URI uri) {
        String host = host(uri);
        InetAddress[] resolved;
        try {
            resolved = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw notAllowed("The callbackUrl host cannot be resolved");
        }
        if (resolved == null || resolved.length == 0) {
            throw notAllowed("The callbackUrl host cannot be resolved");
        }
        List<InetAddress> addresses = java.util.Arrays.stream(resolved).map(IpRange::normalise).toList();
        for (InetAddress address : addresses) {
            if (!allowed(address)) {
                throw notAllowed("The callbackUrl host resolves to an address that is not public");
            }
        }
        return addresses;
    }

    boolean allowed(InetAddress address) {
        if (allowedNetworks.get().stream().anyMatch(r -> r.contains(address))) {
            return true;
        }
        boolean special = address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress();
        return !special && NOT_PUBLIC.stream().noneMatch(r -> r.contains(address));
    }

    private static String host(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static boolean matches(String pattern, String host) {
        return pattern.startsWith("*.") ? host.endsWith(pattern.substring(1)) : host.equals(pattern);
    }

    private static ApiException invalid(String detail) {
        return new ApiException(ErrorCode.CALLBACK_URL_INVALID, detail);
    }

    private static ApiException notAllowed(String detail) {
        return new ApiException(ErrorCode.CALLBACK_HOST_NOT_ALLOWED, detail);
    }
}
