package io.vitalink.api.openapi;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * The OpenAPI 3 description of the API, generated at compile time by micronaut-openapi from the controllers
 * (META-INF/swagger/vitalink-api.yml in the jar) and served at {@link #SPEC_PATH} with Swagger UI at
 * {@link #SWAGGER_UI_PATH}, both read from the jar as static resources (application.yml). Each operation's
 * {@code security} comes from its {@code @Secured} rule: the bearer JWT with the roles allowed, none for login and
 * refresh.
 */
@OpenAPIDefinition(
        info = @Info(title = "Vitalink API", version = "v1",
                description = "Death-record linkage: submit jobs of patient records, read progress and results. "
                        + "Errors are application/problem+json with a stable VL- code (docs/ERRORS.md). "
                        + "HL7 FHIR R4 in and out: docs/FHIR.md.",
                license = @License(name = "Proprietary")))
@SecurityScheme(name = ApiDocumentation.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "Access token from POST /api/v1/login (15 minutes; renew with POST /api/v1/token/refresh)")
public final class ApiDocumentation {

    /** Name of the security scheme in the spec. */
    public static final String BEARER = "bearerAuth";
    public static final String SPEC_PATH = "/openapi/vitalink-api.yml";
    public static final String SWAGGER_UI_PATH = "/swagger-ui/index.html";

    private ApiDocumentation() {
    }
}
