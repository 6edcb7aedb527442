package io.vitalink.api.openapi;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.vitalink.api.problem.Problem;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The refusals an operation declares in the OpenAPI document, one annotation each: an
 * {@code application/problem+json} response of one status, its body the {@code Problem} schema ({@link ProblemDocument}),
 * its description naming every {@code VL-} code it carries (docs/ERRORS.md). Put them on a controller method; a
 * controller's class carries {@link Authenticated} (or a method {@link Anonymous}) for what every operation can answer.
 *
 * <p>micronaut-openapi reads the {@code @ApiResponse} each of these carries. It keeps one response per status, the
 * method's before the class's: so a method names at most one of them per status, and one it names replaces the
 * class's of the same status ({@code OpenApiDocumentationTest} checks both, and that every code is a real one of
 * that status).
 */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    /** What every signed-in operation can answer: 400 VL-1008, 401, 403 and 500. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @BadRequest
    @Unauthenticated
    @Forbidden
    @Internal
    public @interface Authenticated {
    }

    /** What every anonymous operation can answer: 400 VL-1008, 403 VL-1104 and 500. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @BadRequest
    @AddressNotAllowed
    @Internal
    public @interface Anonymous {
    }

    /** 400: A request Micronaut could not read: a parameter that does not convert. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "400",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1008 the request could not be understood (e.g. a parameter that does not convert)")
    public @interface BadRequest {
    }

    /** 401: No usable access token (every operation but login and refresh). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "401",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1101 no access token or not a valid one; VL-1102 the token expired: refresh it or log in "
                    + "again; VL-1111 the token was revoked (user deleted or disabled, password, roles or organisation "
                    + "changed, session ended): log in again. With WWW-Authenticate: Bearer")
    public @interface Unauthenticated {
    }

    /** 403: A signed-in caller whose roles do not allow the operation, or an address not on the allow-list. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "403",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1103 the caller's roles do not allow this operation; VL-1104 the client address is not on "
                    + "the IP allow-list")
    public @interface Forbidden {
    }

    /** 403: An address not on the allow-list (anonymous operations). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "403",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1104 the client address is not on the IP allow-list")
    public @interface AddressNotAllowed {
    }

    /** 500: An unexpected failure. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "500",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1500 an unexpected failure, logged with its exception type only")
    public @interface Internal {
    }

    /** 413: A JSON body over the small-body limit of every route but the upload. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "413",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1006 the body is over 64 KiB (vitalink.server.max-small-body-size) or is sent without "
                    + "Content-Length")
    public @interface BodyTooLarge {
    }

    /** 400: The upload refused whole: nothing published, no job created. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "400",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "The upload is refused whole, nothing is published; line and field name the first problem. "
                    + "VL-1001 malformed body (not JSON, NDJSON, CSV or UTF-8, unknown field or column, a value too "
                    + "long); VL-1002 invalid record field; VL-1003 duplicate recordId; VL-1004 no record; VL-1008 a "
                    + "query parameter that does not convert; VL-1140 invalid watchUntil; VL-1201 invalid callbackUrl; "
                    + "VL-1202 callback host not allowed; VL-1203 webhooks not configured for the organisation; FHIR "
                    + "Bundles: VL-1301 not a Bundle, VL-1302 invalid resource, VL-1303 an entry that is not a "
                    + "Patient, VL-1304 a Patient without record id, VL-1305 ambiguous identifier, VL-1306 partial "
                    + "birth date, VL-1307 a value empty or too long")
    public @interface UploadInvalid {
    }

    /** 413: An upload over a size limit or the records-per-job quota. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "413",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1006 the body is over micronaut.server.max-request-size, or a FHIR entry over 64 KiB; "
                    + "VL-1121 more records than the organisation's records-per-job quota")
    public @interface UploadTooLarge {
    }

    /** 415: An upload of a media type the API does not read. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "415",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1005 send application/json, application/x-ndjson, text/csv or application/fhir+json")
    public @interface UploadMediaType {
    }

    /** 429: An upload refused before its body is read, with Retry-After. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "429",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "With Retry-After. VL-1122 the organisation's daily record quota is used up; VL-1123 the "
                    + "organisation has too many jobs in progress; VL-1124 this instance is taking in too many uploads")
    public @interface UploadThrottled {
    }

    /** 503: Kafka did not answer or did not acknowledge, with Retry-After. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "503",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1503 Kafka did not answer or did not acknowledge: nothing is guaranteed about what was "
                    + "published, try again (Retry-After)")
    public @interface KafkaUnavailable {
    }

    /** 404: An unknown job, a jobId that is not a UUID, or a job of another organisation. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "404",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1404 no such job, a jobId that is not a UUID, or a job of another organisation (the same "
                    + "answer)")
    public @interface JobNotFound {
    }

    /** 400: A job list query that is not valid. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "400",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1130 a state, from, to, limit or cursor that is not valid; VL-1008 a parameter that does not "
                    + "convert")
    public @interface JobQueryInvalid {
    }

    /** 409: Cancelling a job that already ended. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "409",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1131 the job already ended (COMPLETED or FAILED)")
    public @interface JobEnded {
    }

    /** 400: A detail level other than standard or causes. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "400",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1133 detail is neither standard nor causes; VL-1008 a parameter that does not convert")
    public @interface ResultDetailInvalid {
    }

    /** 400: A results query that is not valid. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "400",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1134 an outcome that does not exist, a cursor the results did not give, or limit not 1 to "
                    + "10,000; VL-1133 detail is neither standard nor causes; VL-1008 a parameter that does not convert")
    public @interface ResultsQueryInvalid {
    }

    /** 400: A changes query that is not valid. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "400",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1132 a since cursor the feed did not give, or limit not 1 to 10,000; VL-1133 detail is "
                    + "neither standard nor causes; VL-1008 a parameter that does not convert")
    public @interface ChangesQueryInvalid {
    }

    /** 406: An Accept header allowing none of the operation's media types. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "406",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1407 the Accept header allows none of the media types this operation answers")
    public @interface NotAcceptable {
    }

    /** 503: Results not handed out because the audit trail could not record it. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "503",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1119 the audit event of this download could not be written: nothing was handed out, try "
                    + "again")
    public @interface ExportNotAudited {
    }

    /** 409: A job without callback URL. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "409",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1204 the job was submitted without a callbackUrl")
    public @interface NoCallback {
    }

    /** 409: A redelivery that cannot be asked for. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "409",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1204 the job was submitted without a callbackUrl; VL-1205 the job has not finished: it is "
                    + "called back then")
    public @interface RedeliveryRefused {
    }

    /** 401: Wrong credentials or a disabled account. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "401",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1105 unknown user or wrong password (the same answer); VL-1112 the account is disabled")
    public @interface LoginRefused {
    }

    /** 423: An account locked after failed logins, with Retry-After. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "423",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1106 the account is locked after too many failed logins (Retry-After)")
    public @interface AccountLocked {
    }

    /** 429: Too many failed logins, refreshes or password changes from one address. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "429",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1107 too many failed logins, refreshes or password changes from this address (Retry-After)")
    public @interface TooManyFailures {
    }

    /** 401: A refresh token that is not accepted. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "401",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1115 a refresh token that is malformed, expired, revoked, already used or of an ended "
                    + "session: log in again")
    public @interface RefreshRefused {
    }

    /** 503: A change to the users topic Kafka did not acknowledge. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "503",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1118 Kafka did not acknowledge the change to the user (the failed-login counter included): "
                    + "try again")
    public @interface UserStoreUnavailable {
    }

    /** 404: An unknown user. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "404",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1109 no such user")
    public @interface UserNotFound {
    }

    /** 400: A user field or password that is not valid. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "400",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1113 a username, organisation, roles or display name that is not valid (field names it); "
                    + "VL-1110 the password is too weak; VL-1008 a body that does not convert")
    public @interface UserInvalid {
    }

    /** 400: A new password that is not valid. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "400",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1110 the new password is too weak (fewer than 12 or more than 1024 characters); VL-1008 a "
                    + "body that does not convert")
    public @interface PasswordInvalid {
    }

    /** 409: A username already taken. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "409",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1108 a user with this username exists")
    public @interface UserExists {
    }

    /** 409: A change that would leave no enabled administrator. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "409",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1117 the last enabled administrator cannot be deleted, disabled or lose the ADMIN role")
    public @interface LastAdmin {
    }

    /** 403: A user change the caller may not make. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "403",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1103 the caller's roles do not allow this operation; VL-1104 the client address is not on "
                    + "the IP allow-list; VL-1120 an administrator cannot make their own account a SUBMITTER or move "
                    + "it to another organisation")
    public @interface UserChangeRefused {
    }

    /** 403: A password change the caller may not make. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "403",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1103 only an administrator may set another user's password; VL-1104 the client address is "
                    + "not on the IP allow-list; VL-1116 the current password is wrong")
    public @interface PasswordChangeRefused {
    }

    /** 503: A user change Kafka or the audit trail did not take. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "503",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1118 Kafka did not acknowledge the change; VL-1119 its audit event could not be written: "
                    + "nothing changed, try again")
    public @interface UserChangeNotStored {
    }

    /** 400: An audit query that is not valid. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "400",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1114 from or to not an ISO-8601 instant, from after to, limit not 1 to 1000, or a cursor "
                    + "this API did not give")
    public @interface AuditQueryInvalid {
    }

    /** 400: A configuration change that is not valid; nothing changed. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "400",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1640 no version or no settings, an unknown setting, a value out of bounds or settings that "
                    + "disagree: detail names every problem, nothing changed; VL-1008 a body that does not convert")
    public @interface ConfigInvalid {
    }

    /** 409: A configuration change on a version no longer in force. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "409",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1641 the configuration changed since it was read: read it again and change what is in force")
    public @interface ConfigConflict {
    }

    /** 503: A configuration change Kafka did not acknowledge. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "503",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1642 Kafka did not acknowledge the new version within 30 s; it may or may not have taken "
                    + "effect: read it again")
    public @interface ConfigNotStored {
    }

    /** 400: An application that is not valid. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "400",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1600 a field of the application missing or not valid (field names it); VL-1008 a body that "
                    + "does not convert")
    public @interface ApplicationInvalid {
    }

    /** 404: An unknown application, or one of another organisation. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "404",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1601 no such application, or one of another organisation seen by a SUBMITTER or AUDITOR (the "
                    + "same answer)")
    public @interface ApplicationNotFound {
    }

    /** 409: An application not in a state for this step. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "409",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1602 the application is not in a state for this step: approve and reject take a SUBMITTED "
                    + "one, revoke an approved one")
    public @interface ApplicationStateConflict {
    }

    /** 400: A decision on an application that is not valid. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "400",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1600 a field of the decision not valid (field names it); VL-1603 an approval wider than the "
                    + "request: it may only narrow; VL-1008 a body that does not convert")
    public @interface DecisionInvalid {
    }

    /** 403: A decision the caller may not take. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "403",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1103 the caller's roles do not allow this operation; VL-1104 the client address is not on "
                    + "the IP allow-list; VL-1604 an APPROVER cannot decide an application of their own organisation")
    public @interface DecisionRefused {
    }

    /** 503: An application step Kafka or the audit trail did not take. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "503",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1605 Kafka did not acknowledge the change to the application; VL-1119 its audit event could "
                    + "not be written: the step is not taken, try again")
    public @interface ApplicationNotStored {
    }

    /** 403: A submission refused by role, address or data-use application. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "403",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1103 the caller's roles do not allow this operation; VL-1104 the client address is not on "
                    + "the IP allow-list; the job's data-use application, checked before the body is read: VL-1610 the "
                    + "organisation has no active one, VL-1611 the applicationId is unknown or of another "
                    + "organisation, VL-1612 not approved, VL-1613 revoked, VL-1614 expired, VL-1615 not valid yet")
    public @interface SubmissionNotPermitted {
    }

    /** 409: A submission that must name its data-use application. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "409",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1616 the organisation has several active data-use applications: name one with applicationId")
    public @interface SeveralApplications {
    }

    /** 400: A review queue or report query that is not valid. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "400",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1626 a status other than PENDING or REVIEWED, limit not 1 to 1000, a cursor the queue did "
                    + "not give, or a target not from 0.5 to below 1; VL-1008 a parameter that does not convert")
    public @interface ReviewQueryInvalid {
    }

    /** 403: A review of another organisation's job. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "403",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1103 the caller's roles do not allow this operation; VL-1104 the client address is not on "
                    + "the IP allow-list; VL-1622 a job of another organisation, or a reviewer without organisation")
    public @interface ReviewRefused {
    }

    /** 400: A review decision that is not valid. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "400",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1620 no decision, or one other than ACCEPT, REJECT or UNSURE; VL-1621 the note is longer "
                    + "than 1,000 characters; VL-1008 a body that does not convert")
    public @interface ReviewDecisionInvalid {
    }

    /** 404: An unknown job or result to decide on. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "404",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1404 no such job, or one of another organisation; VL-1623 the job has no result with this "
                    + "recordId (yet)")
    public @interface ReviewResultNotFound {
    }

    /** 409: A result that takes no decision. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "409",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1624 the result is neither PROBABLE nor MATCHED_WITH_DISCREPANCY; VL-1625 the result was "
                    + "reviewed already: the first decision stands")
    public @interface ReviewConflict {
    }

    /** 503: A decision not stored or not confirmed. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.TYPE})
    @ApiResponse(responseCode = "503",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)),
            description = "VL-1119 its audit event could not be written: nothing decided; VL-1627 Kafka did not store it: "
                    + "nothing decided; VL-1628 stored but not confirmed by this instance in time: look in the queue "
                    + "before deciding again")
    public @interface ReviewNotStored {
    }
}
