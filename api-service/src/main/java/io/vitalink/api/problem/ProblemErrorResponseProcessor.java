package io.vitalink.api.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.AuthorizationException;
import io.vitalink.api.auth.TokenFailure;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Micronaut's own errors (no route, wrong method, wrong media type, body too large, bad
 * argument, unhandled exception, a request the security rules refused) into problem+json with a code.
 * The detail is fixed per code: Micronaut's
 * messages can echo request values, which might be patient data.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<byte[]> {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);

    @Override
    @NonNull
    public MutableHttpResponse<byte[]> processResponse(@NonNull ErrorContext context, @NonNull MutableHttpResponse<?> response) {
        HttpRequest<?> request = context.getRequest();
        Throwable root = context.getRootCause().orElse(null);
        if (root instanceof ApiException api) {
            if (api.retryAfterSeconds() != null) {
                response.header(HttpHeaders.RETRY_AFTER, String.valueOf(api.retryAfterSeconds()));
            }
            return copy(request, response, Problem.of(api));
        }
        if (root instanceof AuthorizationException refused) {
            return copy(request, response, refusal(request, refused, response));
        }
        ErrorCode code = forStatus(response.code());
        if (code == ErrorCode.INTERNAL) {
            log.error("Unhandled error on {} {}: {}", request.getMethod(), LoggedText.of(request.getPath()),
                    context.getRootCause().map(t -> t.getClass().getName()).orElse("no cause"));
        }
        return copy(request, response, new Problem(code, detailFor(code), null, null));
    }

    /** 403 when a known user lacks the role; 401 otherwise, saying why the token (if any) was not accepted. */
    private static Problem refusal(HttpRequest<?> request, AuthorizationException refused, MutableHttpResponse<?> response) {
        if (refused.isForbidden()) {
            return new Problem(ErrorCode.ROLE_NOT_ALLOWED, "Your roles do not allow this request", null, null);
        }
        TokenFailure failure = TokenFailure.of(request).orElse(null);
        boolean tokenSent = request.getHeaders().getAuthorization().isPresent();
        response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                tokenSent ? "Bearer realm=\"vitalink\", error=\"invalid_token\"" : "Bearer realm=\"vitalink\"");
        if (failure == TokenFailure.EXPIRED) {
            return new Problem(ErrorCode.TOKEN_EXPIRED, "The access token has expired: refresh it or log in again", null, null);
        }
        if (failure == TokenFailure.REVOKED) {
            return new Problem(ErrorCode.TOKEN_REVOKED,
                    "The token was revoked (user deleted or disabled, password or roles changed): log in again", null, null);
        }
        return new Problem(ErrorCode.AUTHENTICATION_REQUIRED, tokenSent
                ? "The bearer token is not valid" : "Send an access token: Authorization: Bearer <token>", null, null);
    }

    static ErrorCode forStatus(int status) {
        return switch (status) {
            case 400 -> ErrorCode.BAD_REQUEST;
            case 404 -> ErrorCode.ROUTE_NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.BODY_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ErrorCode.KAFKA_UNAVAILABLE;
            default -> status >= 400 && status < 500 ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL;
        };
    }

    private static String detailFor(ErrorCode code) {
        return switch (code) {
            case ROUTE_NOT_FOUND -> "No resource at this path";
            case METHOD_NOT_ALLOWED -> "This path does not accept this method";
            case UNSUPPORTED_MEDIA_TYPE -> "Send application/json, application/x-ndjson or text/csv";
            case BODY_TOO_LARGE -> "The body exceeds micronaut.server.max-request-size";
            case NOT_ACCEPTABLE -> "Accept application/x-ndjson or text/csv";
            case BAD_REQUEST -> "The request could not be understood";
            default -> code.title();
        };
    }

    @SuppressWarnings("unchecked")
    private static MutableHttpResponse<byte[]> copy(HttpRequest<?> request, MutableHttpResponse<?> response, Problem problem) {
        request.setAttribute(Problem.CODE_ATTRIBUTE, problem.code());
        MutableHttpResponse<byte[]> out = (MutableHttpResponse<byte[]>) response;
        return out.status(problem.status()).contentType(Problem.MEDIA_TYPE).body(problem.toJson());
    }
}
