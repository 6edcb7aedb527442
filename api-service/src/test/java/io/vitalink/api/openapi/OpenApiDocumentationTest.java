package io.vitalink.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.vitalink.api.testing.Http;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The OpenAPI spec generated from the controllers and its Swagger UI, as a client fetches them. */
@MicronautTest
class OpenApiDocumentationTest {

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
        Map<String, Object> paths = map(new Yaml().load(http.get(ApiDocumentation.SPEC_PATH, null).body()), "paths");
        List<UriRouteInfo<?, ?>> routes = router.uriRoutes()
                .filter(route -> route.getUriMatchTemplate().toString().startsWith("/api/"))
                .filter(route -> !route.getHttpMethod().name().equals("HEAD")) // implied by each GET
                .toList();

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
    void specDeclaresTheBearerJwtSchemeOnSecuredOperationsOnly() {
        Map<String, Object> spec = new Yaml().load(http.get(ApiDocumentation.SPEC_PATH, null).body());
        Map<String, Object> scheme = map(map(map(spec, "components"), "securitySchemes"), ApiDocumentation.BEARER);
        Map<String, Object> paths = map(spec, "paths");

        assertThat(scheme).containsEntry("type", "http").containsEntry("scheme", "bearer").containsEntry("bearerFormat", "JWT");
        assertThat(map(map(paths, "/api/v1/jobs"), "post").get("security"))
                .isEqualTo(List.of(Map.of(ApiDocumentation.BEARER, List.of("SUBMITTER"))));
        assertThat(map(map(paths, "/api/v1/login"), "post")).doesNotContainKey("security");
        assertThat(spec).doesNotContainKey("security");
    }

    @Test
    void specListsTheFhirMediaTypesForSubmitAndResults() {
        Map<String, Object> paths = map(new Yaml().load(http.get(ApiDocumentation.SPEC_PATH, null).body()), "paths");

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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
