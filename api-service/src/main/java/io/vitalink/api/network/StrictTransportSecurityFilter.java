package io.vitalink.api.network;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * HSTS: every answer over HTTPS tells the browser to use nothing but HTTPS for this host for a year, so that a
 * later plain-HTTP link cannot be used to strip TLS. Over HTTPS means TLS to this server, or TLS ended by a
 * trusted proxy that says so ({@code X-Forwarded-Proto: https}); from anyone else that header means nothing.
 * Never on plain HTTP, where a browser ignores it and an attacker could strip it anyway (RFC 6797, 7.2).
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class StrictTransportSecurityFilter implements HttpServerFilter {

    public static final String HEADER = "Strict-Transport-Security";
    public static final String VALUE = "max-age=31536000; includeSubDomains";

    private final ClientAddresses addresses;

    public StrictTransportSecurityFilter(ClientAddresses addresses) {
        this.addresses = addresses;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        if (!overHttps(request)) {
            return chain.proceed(request);
        }
        return Flux.from(chain.proceed(request)).doOnNext(response -> response.getHeaders().set(HEADER, VALUE));
    }

    boolean overHttps(HttpRequest<?> request) {
        if (request.isSecure()) {
            return true;
        }
        if (!addresses.peerIsTrustedProxy(request)) {
            return false;
        }
        // the proxy next to us appends last: its word is the last value
        String proto = null;
        for (String value : request.getHeaders().getAll("X-Forwarded-Proto")) {
            for (String hop : value.split(",")) {
                proto = hop.trim();
            }
        }
        return "https".equalsIgnoreCase(proto);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before() - 1; // outermost: refusals by the other filters get it too
    }
}
