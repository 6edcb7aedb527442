package io.vitalink.api.openapi;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * The body of every refusal as the OpenAPI document describes it (schema {@code Problem}): what
 * {@link io.vitalink.api.problem.Problem#toJson()} writes. Only a description: the API never builds one. The codes
 * listed must be exactly those of {@link io.vitalink.api.problem.ErrorCode} ({@code OpenApiDocumentationTest}).
 */
@Schema(name = "Problem", description = "An RFC 9457 problem (application/problem+json) with Vitalink's stable code. "
        + "Never holds a patient identifier or name. The codes are listed in docs/ERRORS.md.")
public record ProblemDocument(
        @Schema(description = "urn:vitalink:error: followed by the code", example = "urn:vitalink:error:VL-1002",
                requiredMode = RequiredMode.REQUIRED)
        String type,
        @Schema(description = "The code's title, fixed per code", example = "Invalid record field",
                requiredMode = RequiredMode.REQUIRED)
        String title,
        @Schema(description = "The HTTP status, fixed per code", example = "400", requiredMode = RequiredMode.REQUIRED)
        int status,
        @Schema(description = "What went wrong in this request", example = "Field birth_date must be a date as yyyy-MM-dd (line 2)",
                requiredMode = RequiredMode.REQUIRED)
        String detail,
        @Schema(description = "The stable Vitalink error code: what a client acts on", example = "VL-1002",
                requiredMode = RequiredMode.REQUIRED, allowableValues = {
                    "VL-1001", "VL-1002", "VL-1003", "VL-1004", "VL-1005", "VL-1006", "VL-1008", "VL-1101",
                    "VL-1102", "VL-1103", "VL-1104", "VL-1105", "VL-1106", "VL-1107", "VL-1108", "VL-1109",
                    "VL-1110", "VL-1111", "VL-1112", "VL-1113", "VL-1114", "VL-1115", "VL-1116", "VL-1117",
                    "VL-1118", "VL-1119", "VL-1120", "VL-1121", "VL-1122", "VL-1123", "VL-1124", "VL-1130",
                    "VL-1131", "VL-1132", "VL-1133", "VL-1134", "VL-1140", "VL-1201", "VL-1202", "VL-1203",
                    "VL-1204", "VL-1205", "VL-1301", "VL-1302", "VL-1303", "VL-1304", "VL-1305", "VL-1306", "VL-1307",
                    "VL-1404", "VL-1405", "VL-1406", "VL-1407", "VL-1500", "VL-1503", "VL-1600", "VL-1601",
                    "VL-1602", "VL-1603", "VL-1604", "VL-1605", "VL-1610", "VL-1611", "VL-1612", "VL-1613",
                    "VL-1614", "VL-1615", "VL-1616", "VL-1620", "VL-1621", "VL-1622", "VL-1623", "VL-1624",
                    "VL-1625", "VL-1626", "VL-1627", "VL-1628", "VL-1640", "VL-1641", "VL-1642"})
        String code,
        @Schema(description = "For a refused upload: the 1-based line of the body where the problem was found",
                example = "2", requiredMode = RequiredMode.NOT_REQUIRED)
        Long line,
        @Schema(description = "For a refused upload or user change: the field, CSV column or FHIRPath at fault",
                example = "birth_date", requiredMode = RequiredMode.NOT_REQUIRED)
        String field) {
}
