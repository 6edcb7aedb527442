package io.vitalink.api.openapi;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Contact;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vitalink.api.auth.Roles;

/**
 * The OpenAPI 3 description of the API, generated at compile time by micronaut-openapi from the controllers
 * (META-INF/swagger/vitalink-api.yml in the jar) and served at {@link #SPEC_PATH} with Swagger UI at
 * {@link #SWAGGER_UI_PATH}, both read from the jar as static resources (application.yml).
 *
 * <p>What each operation declares, and where it comes from:
 * <ul>
 *   <li>its tag: {@code @Tag} on the controller, one of the {@code TAG_} names here, described below;</li>
 *   <li>a stable {@code operationId}, a summary and a description: {@code @Operation} on the method;</li>
 *   <li>who may call it: {@code security} names the bearer scheme {@link #BEARER} (empty, as OpenAPI 3.0 wants for
 *       a scheme that is not OAuth) and the extension {@link #ROLES_EXTENSION} lists the roles of its
 *       {@code @Secured} rule; {@code OpenApiDocumentationTest} checks the two agree;</li>
 *   <li>every refusal it can answer: the annotations of {@link ProblemResponses}, each an
 *       {@code application/problem+json} response of one status with the {@code VL-} codes it carries, the body
 *       described by {@link ProblemDocument}.</li>
 * </ul>
 * The document is checked by Spectral ({@code OpenApiLintTest}).
 */
@OpenAPIDefinition(
        info = @Info(title = "Vitalink API", version = "v1",
                description = "Death-record linkage: submit jobs of patient records, read progress and results. "
                        + "Every refusal is application/problem+json with a stable VL- code in `code` (schema Problem; "
                        + "the catalogue is docs/ERRORS.md). HL7 FHIR R4 in and out: docs/FHIR.md. "
                        + "Every operation but login and refresh needs a bearer access token; the roles it allows "
                        + "(any one of them; none listed: any signed-in user) are in its " + ApiDocumentation.ROLES_EXTENSION
                        + " extension. "
                        + "A path without a route answers 404 VL-1405, a method the path does not take 405 VL-1406.",
                contact = @Contact(name = "The operators of this Vitalink deployment"),
                license = @License(name = "Proprietary")),
        servers = @Server(url = "/", description = "The deployment that serves this document"),
        tags = {
                @Tag(name = ApiDocumentation.TAG_APPLICATIONS,
                        description = "Data-use applications (申请审批): a centre files its organisation's, the registry "
                                + "holder's APPROVER decides; a job runs under an approved one"),
                @Tag(name = ApiDocumentation.TAG_AUDIT,
                        description = "The audit trail: every API call and user change (AUDITOR, ADMIN)"),
                @Tag(name = ApiDocumentation.TAG_AUTHENTICATION,
                        description = "Log in, refresh tokens, log out"),
                @Tag(name = ApiDocumentation.TAG_CONFIGURATION,
                        description = "Settings changed at run time, versioned and audited (ADMIN)"),
                @Tag(name = ApiDocumentation.TAG_JOBS,
                        description = "Submit jobs of patient records, follow them, read their results and later changes"),
                @Tag(name = ApiDocumentation.TAG_REVIEW,
                        description = "Clerical review of uncertain links by a REVIEWER of the job's organisation; the "
                                + "precision report"),
                @Tag(name = ApiDocumentation.TAG_USERS,
                        description = "Users and service accounts (ADMIN); one's own password"),
                @Tag(name = ApiDocumentation.TAG_WEBHOOKS,
                        description = "A job's completion callback: its attempts and redelivery")})
@SecurityScheme(name = ApiDocumentation.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "Access token from POST /api/v1/login (15 minutes; renew with POST /api/v1/token/refresh)")
public final class ApiDocumentation {

    /** Name of the security scheme in the spec. */
    public static final String BEARER = "bearerAuth";
    public static final String SPEC_PATH = "/openapi/vitalink-api.yml";
    public static final String SWAGGER_UI_PATH = "/swagger-ui/index.html";

    public static final String TAG_APPLICATIONS = "Applications";
    public static final String TAG_AUDIT = "Audit";
    public static final String TAG_AUTHENTICATION = "Authentication";
    public static final String TAG_CONFIGURATION = "Configuration";
    public static final String TAG_JOBS = "Jobs";
    public static final String TAG_REVIEW = "Review";
    public static final String TAG_USERS = "Users";
    public static final String TAG_WEBHOOKS = "Webhooks";

    /** Operation extension listing the roles allowed (any one of them suffices); absent on anonymous operations. */
    public static final String ROLES_EXTENSION = "x-vitalink-roles";
    /** Name of the extension property in {@code @ExtensionProperty} (micronaut-openapi adds the {@code x-}). */
    public static final String ROLES = "vitalink-roles";
    /** Values of {@link #ROLES} (JSON arrays, {@code parseValue = true}); an empty one for any signed-in user. */
    public static final String ANY_USER = "[]";
    public static final String ADMIN = "[\"" + Roles.ADMIN + "\"]";
    public static final String SUBMITTER = "[\"" + Roles.SUBMITTER + "\"]";
    public static final String SUBMITTER_AUDITOR = "[\"" + Roles.SUBMITTER + "\",\"" + Roles.AUDITOR + "\"]";
    public static final String AUDITOR_ADMIN = "[\"" + Roles.AUDITOR + "\",\"" + Roles.ADMIN + "\"]";
    public static final String APPROVER = "[\"" + Roles.APPROVER + "\"]";
    public static final String SUBMITTER_AUDITOR_APPROVER =
            "[\"" + Roles.SUBMITTER + "\",\"" + Roles.AUDITOR + "\",\"" + Roles.APPROVER + "\"]";
    public static final String REVIEWER = "[\"" + Roles.REVIEWER + "\"]";
    public static final String REVIEWER_ADMIN = "[\"" + Roles.REVIEWER + "\",\"" + Roles.ADMIN + "\"]";

    private ApiDocumentation() {
    }
}
