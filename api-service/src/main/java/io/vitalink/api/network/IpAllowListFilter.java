package io.vitalink.api.network;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.vitalink.api.config.LiveValue;
import io.vitalink.api.config.RuntimeSettings;
import io.vitalink.api.problem.ApiExceptionHandler;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.api.problem.Problem;
import io.vitalink.config.Setting;
import java.net.InetAddress;
import java.util.List;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Only clients whose address is in {@code vitalink.security.allowed-ips} (or the run-time setting
 * {@code security.allowedIps}, which replaces it) reach the API; others get 403
 * problem+json VL-1104 before authentication is even looked at. The health endpoints are exempt (orchestrator
 * probes come from addresses that change) unless {@code vitalink.security.allowed-ips-exempt-health=false}:
 * they show no details. The metrics scrape ({@value #PROMETHEUS}, anonymous) is open to
 * {@code vitalink.security.metrics-allowed-ips} when that is set (the Prometheus servers' addresses), and otherwise
 * to the API's own allow-list.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class IpAllowListFilter implements HttpServerFilter {

    private static final Logger log = LoggerFactory.getLogger(IpAllowListFilter.class);

    /** The Prometheus scrape endpoint. */
    public static final String PROMETHEUS = "/prometheus";

    private final LiveValue<List<IpRange>> allowed;
    private final List<IpRange> metricsAllowed;
    private final boolean exemptHealth;
    private final ClientAddresses addresses;

    public IpAllowListFilter(@Value("${vitalink.security.allowed-ips:`127.0.0.0/8,::1`}") List<String> allowed,
                             @Value("${vitalink.security.allowed-ips-exempt-health:true}") boolean exemptHealth,
                             @Value("${vitalink.security.metrics-allowed-ips:}") List<String> metricsAllowed,
                             ClientAddresses addresses, RuntimeSettings runtime) {
        this.allowed = new LiveValue<>(runtime, Setting.ALLOWED_IPS, text -> ranges(Setting.listOf(text)), ranges(allowed));
        List<IpRange> scrapers = ranges(metricsAllowed);
        this.metricsAllowed = scrapers.isEmpty() ? null : scrapers;
        this.exemptHealth = exemptHealth;
        this.addresses = addresses;
        log.info("API open to {}{}; metrics scrape open to {}", this.allowed.get().isEmpty() ? "no address" : this.allowed.get(),
                exemptHealth ? " (health endpoints open to all)" : "",
                scrapers.isEmpty() ? "the same" : scrapers);
    }

    private static List<IpRange> ranges(List<String> entries) {
        return entries.stream().filter(s -> !s.isBlank()).map(IpRange::parse).toList();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        if (exemptHealth && isHealth(request.getPath())) {
            return chain.proceed(request);
        }
        InetAddress client = addresses.address(request);
        // the API's allow-list as configured now (docs/OPERATIONS.md#system-configuration); scrapers' own when set
        List<IpRange> ranges = isMetrics(request.getPath()) && metricsAllowed != null ? metricsAllowed : allowed.get();
        if (ranges.stream().anyMatch(range -> range.contains(client))) {
            return chain.proceed(request);
        }
        return Publishers.just(ApiExceptionHandler.respond(request, new Problem(ErrorCode.ADDRESS_NOT_ALLOWED,
                "Your address is not on the API's allow-list", null, null)));
    }

    static boolean isHealth(String path) {
        return path.equals("/health") || path.startsWith("/health/");
    }

    public static boolean isMetrics(String path) {
        return path.equals(PROMETHEUS) || path.equals(PROMETHEUS + "/");
    }

    /** Inside the audit filter (so refusals are recorded), before authentication. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}
