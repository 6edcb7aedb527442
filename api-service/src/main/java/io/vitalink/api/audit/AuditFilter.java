package io.vitalink.api.audit;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteMatch;
import io.vitalink.api.auth.Caller;
import io.vitalink.api.network.ClientAddresses;
import io.vitalink.api.network.IpAllowListFilter;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.api.problem.Problem;
import java.util.Optional;
import java.util.UUID;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Records every API call in the audit trail once it is answered: who (the token's user, the existing user a
 * login tried, or {@code anonymous}), organisation, source address, method and route template (never the
 * raw path, which could carry anything), jobId, HTTP status and VL- code. Outermost filter, so that calls
 * refused by the allow-list or by authentication are recorded too. Health probes are not recorded, nor are
 * answered metrics scrapes (Prometheus calls every few seconds; a refused scrape is recorded).
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class AuditFilter implements HttpServerFilter {

    static final String NO_ROUTE = "(no route)";

    private final AuditLog audit;
    private final ClientAddresses addresses;

    public AuditFilter(AuditLog audit, ClientAddresses addresses) {
        this.audit = audit;
        this.addresses = addresses;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        String path = request.getPath();
        if (path.equals("/health") || path.startsWith("/health/")) {
            return chain.proceed(request);
        }
        boolean scrape = IpAllowListFilter.isMetrics(path);
        return Flux.from(chain.proceed(request))
                .doOnNext(response -> {
                    if (!scrape || response.code() != HttpStatus.OK.getCode()) {
                        record(request, response.code());
                    }
                })
                .doOnError(error -> record(request, statusOf(error)));
    }

    private void record(HttpRequest<?> request, int status) {
        Authentication authentication = request.getUserPrincipal(Authentication.class).orElse(null);
        String actor = authentication != null ? authentication.getName()
                : AuditAttributes.actor(request).orElse(AuditAttributes.ANONYMOUS);
        Object organisation = authentication != null ? authentication.getAttributes().get(Caller.ORGANISATION_CLAIM)
                : AuditAttributes.organisation(request).orElse(null);
        Optional<UriRouteMatch<?, ?>> route = route(request);
        String template = route.map(r -> r.getRouteInfo().getUriMatchTemplate().toString()).orElse(NO_ROUTE);
        String jobId = AuditAttributes.jobId(request).orElseGet(() -> route
                .map(r -> r.getVariableValues().get("jobId"))
                .map(Object::toString)
                .filter(AuditFilter::isCanonicalUuid) // anything else is not a job and may be junk
                .orElse(null));
        String code = request.getAttribute(Problem.CODE_ATTRIBUTE, ErrorCode.class).map(ErrorCode::code).orElse(null);
        audit.apiCall(actor, organisation == null ? null : organisation.toString(), addresses.of(request),
                request.getMethodName() + " " + template, jobId, status, code);
    }

    private static Optional<UriRouteMatch<?, ?>> route(HttpRequest<?> request) {
        return RouteAttributes.getRouteMatch(request)
                .filter(UriRouteMatch.class::isInstance)
                .map(match -> (UriRouteMatch<?, ?>) match);
    }

    private static int statusOf(Throwable error) {
        if (error instanceof AuthorizationException refused) {
            return refused.isForbidden() ? HttpStatus.FORBIDDEN.getCode() : HttpStatus.UNAUTHORIZED.getCode();
        }
        if (error instanceof HttpStatusException status) {
            return status.getStatus().getCode();
        }
        return HttpStatus.INTERNAL_SERVER_ERROR.getCode();
    }

    static boolean isCanonicalUuid(String s) {
        try {
            return UUID.fromString(s).toString().equalsIgnoreCase(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }
}
