package io.vitalink.api.problem;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers our own refusals as problem+json. */
@Singleton
public class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @Override
    public HttpResponse<byte[]> handle(HttpRequest request, ApiException exception) {
        if (exception.code().status() >= 500) {
            // the detail never holds patient data (see ApiException); the cause may, so log only its type
            log.warn("{} {} -> {} {}", request.getMethod(), LoggedText.of(request.getPath()), exception.code().code(),
                    exception.getCause() == null ? "" : exception.getCause().getClass().getName());
        }
        return respond(request, exception);
    }

    /** The problem answer of {@code exception}, with {@code Retry-After} when it has one. */
    public static MutableHttpResponse<byte[]> respond(HttpRequest<?> request, ApiException exception) {
        MutableHttpResponse<byte[]> response = respond(request, Problem.of(exception));
        if (exception.retryAfterSeconds() != null) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(exception.retryAfterSeconds()));
        }
        return response;
    }

    /** The problem answer; notes the code on the request for the audit trail. */
    public static MutableHttpResponse<byte[]> respond(HttpRequest<?> request, Problem problem) {
        request.setAttribute(Problem.CODE_ATTRIBUTE, problem.code());
        return respond(problem);
    }

    public static MutableHttpResponse<byte[]> respond(Problem problem) {
        return HttpResponse.<byte[]>status(HttpStatus.valueOf(problem.status()))
                .contentType(Problem.MEDIA_TYPE)
                .body(problem.toJson());
    }
}
