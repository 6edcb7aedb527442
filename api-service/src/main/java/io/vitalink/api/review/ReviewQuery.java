package io.vitalink.api.review;

import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The parameters of a review queue: {@code status} PENDING, REVIEWED or absent (both), {@code limit} 1–1000 (default
 * 100), and {@code cursor}, the {@code next} of the previous page: the position (job and record) of its last item.
 */
record ReviewQuery(String status, int limit, Position after) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    /** Where a page ended: the last item's job and record. */
    record Position(String jobId, String recordId) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((jobId + "\n" + recordId).getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int split = text.indexOf('\n');
                if (split <= 0 || split == text.length() - 1) {
                    throw invalid("cursor must be the next of a previous page");
                }
                return new Position(text.substring(0, split), text.substring(split + 1));
            } catch (IllegalArgumentException e) {
                throw invalid("cursor must be the next of a previous page");
            }
        }
    }

    static ReviewQuery parse(String status, String limit, String cursor) {
        String wanted = null;
        if (status != null && !status.isBlank()) {
            wanted = status.strip().toUpperCase(Locale.ROOT);
            if (!wanted.equals(ReviewItem.PENDING) && !wanted.equals(ReviewItem.REVIEWED)) {
                throw invalid("status must be PENDING or REVIEWED");
            }
        }
        int size = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                size = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                throw invalid("limit must be a number from 1 to " + MAX_LIMIT);
            }
            if (size < 1 || size > MAX_LIMIT) {
                throw invalid("limit must be a number from 1 to " + MAX_LIMIT);
            }
        }
        return new ReviewQuery(wanted, size, cursor == null || cursor.isBlank() ? null : Position.decode(cursor.strip()));
    }

    boolean wants(boolean reviewed) {
        return status == null || status.equals(reviewed ? ReviewItem.REVIEWED : ReviewItem.PENDING);
    }

    private static ApiException invalid(String detail) {
        return new ApiException(ErrorCode.REVIEW_QUERY_INVALID, detail);
    }
}
