package io.vitalink.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.api.problem.Problem;
import io.vitalink.api.testing.Http;
import jakarta.inject.Inject;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The OpenAPI spec generated from the controllers and its Swagger UI, as a client fetches them. */
@MicronautTest
class OpenApiDocumentationTest {

    private static final Pattern VL_CODE = Pattern.compile("VL-\\d{4}");

    @Inject
    EmbeddedServer server;
    @Inject
    Router router;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(URI.create(server.getURL().toString()));
    }

    @Test
    void specIsServedAnonymouslyAsOpenApi3Yaml() {
        HttpResponse<String> response = http.get(ApiDocumentation.SPEC_PATH, null);

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> spec = new Yaml().load(response.body());
        assertThat(String.valueOf(spec.get("openapi"))).matches("3\\.\\d+\\.\\d+");
        assertThat(map(spec, "info")).containsEntry("title", "Vitalink API").containsEntry("version", "v1");
        assertThat(map(spec, "paths")).isNotEmpty();
    }

    @Test
    void specDescribesEveryApiRouteWithItsMethod() {
        Map<String, Object> paths = map(spec(), "paths");
        List<UriRouteInfo<?, ?>> routes = apiRoutes();

        assertThat(paths).containsKeys("/api/v1/jobs", "/api/v1/jobs/{jobId}", "/api/v1/jobs/{jobId}/results",
                "/api/v1/login", "/api/v1/token/refresh", "/api/v1/users", "/api/v1/users/{username}",
                "/api/v1/users/{username}/password", "/api/v1/audit");
        assertThat(routes).isNotEmpty().allSatisfy(route -> {
            String path = route.getUriMatchTemplate().toString();
            assertThat(paths).as(path).containsKey(path);
            assertThat(map(paths, path)).as(route.getHttpMethod() + " " + path)
                    .containsKey(route.getHttpMethod().name().toLowerCase(Locale.ROOT));
        });
    }

    @Test
    void specDeclaresTheBearerJwtSchemeAndTheRolesOfEachOperationsSecuredRule() {
        Map<String, Object> spec = spec();
        Map<String, Object> scheme = map(map(map(spec, "components"), "securitySchemes"), ApiDocumentation.BEARER);
        Map<String, Object> paths = map(spec, "paths");

        assertThat(scheme).containsEntry("type", "http").containsEntry("scheme", "bearer").containsEntry("bearerFormat", "JWT");
        assertThat(spec).doesNotContainKey("security");
        assertThat(apiRoutes()).allSatisfy(route -> {
            Map<String, Object> operation = operation(paths, route);
            List<String> rule = List.of(route.getTargetMethod().stringValues(Secured.class));
            String name = route.getHttpMethod() + " " + route.getUriMatchTemplate();
            if (rule.equals(List.of(SecurityRule.IS_ANONYMOUS))) {
                assertThat(operation).as(name).doesNotContainKeys("security", ApiDocumentation.ROLES_EXTENSION);
            } else {
                // OpenAPI 3.0: a bearer scheme's list stays empty; the roles go in the extension
                assertThat(operation.get("security")).as(name).isEqualTo(List.of(Map.of(ApiDocumentation.BEARER, List.of())));
                List<String> roles = rule.equals(List.of(SecurityRule.IS_AUTHENTICATED)) ? List.of() : rule;
                assertThat(operation.get(ApiDocumentation.ROLES_EXTENSION)).as(name).isEqualTo(roles);
            }
        });
    }

    @Test
    void everyOperationHasADeclaredTagASummaryADescriptionOneDescribedSuccessAndItsPinnedOperationId() {
        Map<String, Object> spec = spec();
        Map<String, Object> paths = map(spec, "paths");
        Set<Object> tags = list(spec, "tags").stream().map(tag -> ((Map<?, ?>) tag).get("name")).collect(Collectors.toSet());
        Map<String, String> operationIds = new TreeMap<>();

        paths.forEach((path, item) -> ((Map<?, ?>) item).forEach((method, operation) -> {
            Map<String, Object> op = cast(operation);
            String name = method.toString().toUpperCase(Locale.ROOT) + " " + path;
            assertThat(list(op, "tags")).as(name).hasSize(1).allSatisfy(tag -> assertThat(tags).contains(tag));
            assertThat((String) op.get("summary")).as(name).isNotBlank();
            assertThat((String) op.get("description")).as(name).isNotBlank();
            Map<String, Object> responses = map(op, "responses");
            List<String> successes = responses.keySet().stream().filter(status -> status.startsWith("2")).toList();
            assertThat(successes).as(name).hasSize(1);
            // micronaut-openapi's own wording, "<operationId> 200 response", says nothing: each is written
            assertThat((String) map(responses, successes.get(0)).get("description")).as(name)
                    .isNotBlank().doesNotEndWith(successes.get(0) + " response");
            operationIds.put(name, (String) op.get("operationId"));
        }));

        // a generated client names its functions after these: a rename must be deliberate
        assertThat(operationIds).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("GET /api/v1/applications", "listApplications"),
                Map.entry("POST /api/v1/applications", "fileApplication"),
                Map.entry("GET /api/v1/applications/{applicationId}", "getApplication"),
                Map.entry("POST /api/v1/applications/{applicationId}/approve", "approveApplication"),
                Map.entry("POST /api/v1/applications/{applicationId}/reject", "rejectApplication"),
                Map.entry("POST /api/v1/applications/{applicationId}/revoke", "revokeApplication"),
                Map.entry("GET /api/v1/audit", "listAuditEvents"),
                Map.entry("GET /api/v1/config", "getConfig"),
                Map.entry("PUT /api/v1/config", "updateConfig"),
                Map.entry("GET /api/v1/config/history", "listConfigHistory"),
                Map.entry("GET /api/v1/jobs", "listJobs"),
                Map.entry("POST /api/v1/jobs", "submitJob"),
                Map.entry("GET /api/v1/jobs/{jobId}", "getJob"),
                Map.entry("DELETE /api/v1/jobs/{jobId}", "cancelJob"),
                Map.entry("GET /api/v1/jobs/{jobId}/callback", "getJobCallback"),
                Map.entry("POST /api/v1/jobs/{jobId}/callback", "redeliverJobCallback"),
                Map.entry("GET /api/v1/jobs/{jobId}/changes", "getJobChanges"),
                Map.entry("GET /api/v1/jobs/{jobId}/log", "getJobLog"),
                Map.entry("GET /api/v1/jobs/{jobId}/results", "getJobResults"),
                Map.entry("GET /api/v1/jobs/{jobId}/review", "getJobReviewQueue"),
                Map.entry("POST /api/v1/jobs/{jobId}/review/{recordId}", "decideReview"),
                Map.entry("GET /api/v1/review", "listReviewQueue"),
                Map.entry("GET /api/v1/review/report", "getReviewReport"),
                Map.entry("POST /api/v1/login", "login"),
                Map.entry("POST /api/v1/logout", "logout"),
                Map.entry("POST /api/v1/token/refresh", "refreshToken"),
                Map.entry("GET /api/v1/users", "listUsers"),
                Map.entry("POST /api/v1/users", "createUser"),
                Map.entry("GET /api/v1/users/{username}", "getUser"),
                Map.entry("PUT /api/v1/users/{username}", "updateUser"),
                Map.entry("DELETE /api/v1/users/{username}", "deleteUser"),
                Map.entry("PUT /api/v1/users/{username}/password", "changePassword")));
    }

    @Test
    void everyParameterIsDescribedOnceWhereItIs() {
        List<String> parameters = new ArrayList<>();
        map(spec(), "paths").forEach((path, item) -> ((Map<?, ?>) item).forEach((method, operation) -> {
            Map<String, Object> op = cast(operation);
            for (Object p : op.containsKey("parameters") ? list(op, "parameters") : List.of()) {
                Map<String, Object> parameter = cast(p);
                String name = method.toString().toUpperCase(Locale.ROOT) + " " + path + " " + parameter.get("in") + " "
                        + parameter.get("name");
                assertThat((String) parameter.get("description")).as(name).isNotBlank();
                parameters.add(name);
            }
        }));

        assertThat(parameters).doesNotHaveDuplicates()
                .contains("GET /api/v1/jobs/{jobId}/results query outcome", "GET /api/v1/jobs query state",
                        "POST /api/v1/jobs/{jobId}/review/{recordId} path recordId");
    }

    @Test
    void problemSchemaListsExactlyTheErrorCodes() {
        Map<String, Object> problem = map(map(map(spec(), "components"), "schemas"), "Problem");

        assertThat(list(problem, "required")).containsExactlyInAnyOrder("type", "title", "status", "detail", "code");
        assertThat(list(map(map(problem, "properties"), "code"), "enum"))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(ErrorCode.values()).<Object>map(ErrorCode::code).toList());
    }

    @Test
    void everyErrorResponseIsAProblemNamingOnlyCodesOfItsStatus() {
        Map<String, ErrorCode> codes = Arrays.stream(ErrorCode.values()).collect(Collectors.toMap(ErrorCode::code, c -> c));

        assertThat(errorResponses()).isNotEmpty().allSatisfy((name, response) -> {
            Map<String, Object> content = map(response, "content");
            assertThat(content).as(name).containsOnlyKeys(Problem.MEDIA_TYPE);
            assertThat(map(map(content, Problem.MEDIA_TYPE), "schema")).as(name)
                    .containsEntry("$ref", "#/components/schemas/Problem");
            List<String> named = codesIn((String) response.get("description"));
            String status = name.substring(name.lastIndexOf(' ') + 1);
            assertThat(named).as(name).isNotEmpty().allSatisfy(code -> {
                assertThat(codes).as(name).containsKey(code);
                assertThat(String.valueOf(codes.get(code).status())).as(name + " " + code).isEqualTo(status);
            });
        });
    }

    @Test
    void everyErrorCodeIsDeclaredByAnOperationButThoseOfAPathWithoutRoute() {
        Set<String> declared = errorResponses().values().stream()
                .flatMap(response -> codesIn((String) response.get("description")).stream()).collect(Collectors.toSet());
        // no operation answers these: they are for a path or method no operation has; the document says so once
        Set<ErrorCode> routeless = Set.of(ErrorCode.ROUTE_NOT_FOUND, ErrorCode.METHOD_NOT_ALLOWED);

        assertThat(Arrays.stream(ErrorCode.values()).filter(code -> !routeless.contains(code)))
                .allSatisfy(code -> assertThat(declared).as(code.name()).contains(code.code()));
        assertThat((String) map(spec(), "info").get("description")).contains("404 VL-1405", "405 VL-1406");
    }

    @Test
    void everyControllerMethodNamesAtMostOneProblemResponsePerStatus() {
        assertThat(apiRoutes()).allSatisfy(route -> {
            Method method = route.getTargetMethod().getTargetMethod();
            List<String> statuses = new ArrayList<>();
            for (Annotation annotation : method.getAnnotations()) {
                collectStatuses(annotation.annotationType(), statuses);
            }
            assertThat(statuses).as(method.toString()).doesNotHaveDuplicates();
        });
    }

    /** The status of each response a {@link ProblemResponses} annotation carries, through the bundles. */
    private static void collectStatuses(Class<? extends Annotation> type, List<String> statuses) {
        if (type.getDeclaringClass() != ProblemResponses.class) {
            return;
        }
        ApiResponse response = type.getAnnotation(ApiResponse.class);
        if (response != null) {
            statuses.add(response.responseCode());
        }
        for (Annotation inner : type.getAnnotations()) {
            collectStatuses(inner.annotationType(), statuses);
        }
    }

    /** Every 4xx and 5xx response, by "METHOD path status". */
    private Map<String, Map<String, Object>> errorResponses() {
        Map<String, Map<String, Object>> responses = new TreeMap<>();
        map(spec(), "paths").forEach((path, item) -> ((Map<?, ?>) item).forEach((method, operation) ->
                map(cast(operation), "responses").forEach((status, response) -> {
                    if (status.startsWith("4") || status.startsWith("5")) {
                        responses.put(method.toString().toUpperCase(Locale.ROOT) + " " + path + " " + status, cast(response));
                    }
                })));
        return responses;
    }

    private static List<String> codesIn(String description) {
        return VL_CODE.matcher(description == null ? "" : description).results().map(MatchResult::group).toList();
    }

    @Test
    void specListsTheFhirMediaTypesForSubmitAndResults() {
        Map<String, Object> paths = map(spec(), "paths");

        assertThat(map(map(map(map(paths, "/api/v1/jobs"), "post"), "requestBody"), "content"))
                .containsKeys("application/json", "application/x-ndjson", "text/csv", "application/fhir+json");
        assertThat(map(map(map(map(map(paths, "/api/v1/jobs/{jobId}/results"), "get"), "responses"), "200"), "content"))
                .containsKeys("application/x-ndjson", "text/csv", "application/fhir+json");
    }

    @Test
    void swaggerUiPageAndItsScriptsAreServedAnonymously() {
        HttpResponse<String> page = http.get(ApiDocumentation.SWAGGER_UI_PATH, null);
        HttpResponse<String> script = http.get("/swagger-ui/res/swagger-ui-bundle.js", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("SwaggerUIBundle", ApiDocumentation.SPEC_PATH);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).isNotBlank();
    }

    private Map<String, Object> spec() {
        return new Yaml().load(http.get(ApiDocumentation.SPEC_PATH, null).body());
    }

    private List<UriRouteInfo<?, ?>> apiRoutes() {
        return router.uriRoutes()
                .filter(route -> route.getUriMatchTemplate().toString().startsWith("/api/"))
                .filter(route -> !route.getHttpMethod().name().equals("HEAD")) // implied by each GET
                .toList();
    }

    private static Map<String, Object> operation(Map<String, Object> paths, UriRouteInfo<?, ?> route) {
        return map(map(paths, route.getUriMatchTemplate().toString()), route.getHttpMethod().name().toLowerCase(Locale.ROOT));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
