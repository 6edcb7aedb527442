package io.vitalink.api.network;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.vitalink.api.problem.ApiExceptionHandler;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.api.problem.Problem;
import org.reactivestreams.Publisher;

/**
 * Only a job submission may send a large body (up to {@code micronaut.server.max-request-size}); every other route
 * takes at most {@code vitalink.server.max-small-body-size} (64 KiB), refused from its headers before a byte of it
 * is read or buffered: a login or a user change is a few hundred bytes. A body of unknown length (chunked) on such a
 * route is refused too, since nothing bounds it.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class BodyLimitFilter implements HttpServerFilter {

    static final String SUBMISSION = "/api/v1/jobs";

    private final long limit;

    public BodyLimitFilter(@Value("${vitalink.server.max-small-body-size:65536}") long limit) {
        this.limit = limit;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        if (isSubmission(request) || !mayExceed(request)) {
            return chain.proceed(request);
        }
        return Publishers.just(ApiExceptionHandler.respond(request, new Problem(ErrorCode.BODY_TOO_LARGE,
                "Bodies of this route are limited to " + limit + " bytes with a Content-Length; only a job submission "
                        + "(POST " + SUBMISSION + ") may be larger", null, null)));
    }

    private boolean mayExceed(HttpRequest<?> request) {
        long length = request.getContentLength();
        if (length >= 0) {
            return length > limit;
        }
        return request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    private static boolean isSubmission(HttpRequest<?> request) {
        String path = request.getPath();
        return request.getMethod() == HttpMethod.POST && (path.equals(SUBMISSION) || path.equals(SUBMISSION + "/"));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.after(); // after the allow-list: an unknown address learns nothing of the limits
    }
}
