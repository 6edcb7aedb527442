package io.vitalink.api.job;

import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.api.store.ChangeRepository;
import io.vitalink.crypto.RecordProtection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One page of a watched job's changes feed, rendered: each later result of a record with the cursor after it, in
 * the order match-streams sent them. {@code next} is the cursor to ask from next time (the one asked with when there
 * was nothing new); {@code more} says whether another page is already waiting.
 */
public record ChangesPage(byte[] body, String next, boolean more) {

    public static final int DEFAULT_LIMIT = 1000;
    public static final int MAX_LIMIT = 10_000;

    /** @param since the cursor of the last change the client has (null: from the first change) */
    static ChangesPage read(ChangeRepository changes, String jobId, String since, Integer limit, ResultFormat format,
                            ResultDetail detail, RecordProtection protection,
                            java.util.function.Function<io.vitalink.avro.MatchResult, ResultReview> reviews) {
        String cursor = since == null || since.isEmpty() ? null : since;
        if (cursor != null && ChangeRepository.parseCursor(cursor).isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_CHANGES_QUERY, "since must be a cursor this feed gave");
        }
        int pageSize = limit == null ? DEFAULT_LIMIT : limit;
        if (pageSize < 1 || pageSize > MAX_LIMIT) {
            throw new ApiException(ErrorCode.INVALID_CHANGES_QUERY, "limit must be between 1 and " + MAX_LIMIT);
        }
        ChangeRepository.Page page = changes.page(jobId, cursor, pageSize);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            format.writeChangeHeader(detail, out);
            for (ChangeRepository.Change change : page.changes()) {
                io.vitalink.avro.MatchResult result = protection.open(change.result());
                format.writeChange(change.cursor(), result, detail, reviews.apply(result), out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ChangesPage(out.toByteArray(), page.next(), page.more());
    }
}
