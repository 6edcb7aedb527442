package io.vitalink.api.job;

import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import java.util.Locale;

/**
 * How much of the linked death a result shows: {@code standard} (the direct and the underlying cause with their
 * codes) or {@code causes} (also the certificate's whole cause section: Part I lines with intervals, Part II).
 */
public enum ResultDetail {
    STANDARD, CAUSES;

    /** {@code ?detail=}: absent or blank is standard; anything but {@code standard}/{@code causes} is 400 VL-1133. */
    public static ResultDetail parse(String detail) {
        if (detail == null || detail.isBlank()) {
            return STANDARD;
        }
        return switch (detail.strip().toLowerCase(Locale.ROOT)) {
            case "standard" -> STANDARD;
            case "causes" -> CAUSES;
            default -> throw new ApiException(ErrorCode.INVALID_RESULT_DETAIL, "detail is standard or causes");
        };
    }
}
