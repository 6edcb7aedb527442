package io.vitalink.api.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.web.router.Router;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The HTTP server meters ({@code http_server_requests_seconds}): latency buckets for a histogram, and a {@code uri}
 * tag that is always a route template. Micronaut tags a request that matched no route (a 405, a refusal before
 * routing) with its raw path and query, which could carry a jobId or anything a client sends: such values become
 * {@value #UNMATCHED}, so the number of series stays bounded and nothing a caller wrote reaches a label.
 */
@Factory
public class HttpMeterFilters {

    public static final String HTTP_SERVER_REQUESTS = "http.server.requests";
    public static final String UNMATCHED = "UNMATCHED";
    /** Histogram buckets of the API's latency, in seconds. */
    static final double[] LATENCY_BUCKETS_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    /** What Micronaut writes itself, and the static resources served under a prefix. */
    private static final Set<String> FIXED = Set.of("NOT_FOUND", "REDIRECTION", "root", "UNKNOWN");
    private static final List<String> STATIC_PREFIXES = List.of("/openapi/", "/swagger-ui/", "/console/");

    @Singleton
    @Bean
    MeterFilter httpServerLatencyBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals(HTTP_SERVER_REQUESTS)) {
                    return config;
                }
                double[] nanos = java.util.Arrays.stream(LATENCY_BUCKETS_SECONDS)
                        .map(s -> (double) Duration.ofMillis(Math.round(s * 1000)).toNanos()).toArray();
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }

    /** Routes are read once, at the first request measured (the router is complete by then). */
    @Singleton
    @Bean
    MeterFilter httpServerUriTemplatesOnly(BeanProvider<Router> router) {
        return new MeterFilter() {
            private volatile Set<String> templates;

            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().equals(HTTP_SERVER_REQUESTS)) {
                    return id;
                }
                String uri = id.getTag("uri");
                if (uri == null || FIXED.contains(uri) || templates().contains(uri)) {
                    return id;
                }
                String kept = STATIC_PREFIXES.stream().filter(uri::startsWith).findFirst().map(p -> p + "**").orElse(UNMATCHED);
                return id.replaceTags(id.getTags().stream()
                        .map(tag -> tag.getKey().equals("uri") ? Tag.of("uri", kept) : tag).toList());
            }

            private Set<String> templates() {
                Set<String> known = templates;
                if (known == null) {
                    known = router.get().uriRoutes().map(r -> r.getUriMatchTemplate().toPathString())
                            .map(t -> t.replaceAll("//+", "/").replaceAll("(.)/$", "$1"))
                            .collect(Collectors.toUnmodifiableSet());
                    templates = known;
                }
                return known;
            }
        };
    }
}
