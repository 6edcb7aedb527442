package io.vitalink.api.audit;

import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.api.store.AuditRepository;
import io.vitalink.api.store.JobStore;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Base64;

/** Reads the audit trail from the read model: a time range, optionally one user's events, page by page. */
@Singleton
public class AuditTrail {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private final JobStore store;

    public AuditTrail(JobStore store) {
        this.store = store;
    }

    /**
     * @param from   first instant included, null = the beginning
     * @param to     instant excluded, null = no end
     * @param user   only this actor's events, or null for all
     * @param cursor the {@code next} of the previous page, or null for the first
     */
    public AuditPage query(Instant from, Instant to, String user, int limit, String cursor) {
        long fromMillis = from == null ? 0 : from.toEpochMilli();
        long toMillis = to == null ? Long.MAX_VALUE : to.toEpochMilli();
        if (fromMillis < 0 || toMillis < fromMillis) {
            throw new ApiException(ErrorCode.INVALID_AUDIT_QUERY, "from must not be before 1970 nor after to");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiException(ErrorCode.INVALID_AUDIT_QUERY, "limit must be between 1 and " + MAX_LIMIT);
        }
        AuditRepository.Page scan = store.audit().scan(fromMillis, toMillis, user, limit, decode(cursor));
        return new AuditPage(scan.events().stream().map(AuditEventView::of).toList(),
                scan.next() == null ? null : Base64.getUrlEncoder().withoutPadding().encodeToString(scan.next()));
    }

    private static byte[] decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            byte[] key = Base64.getUrlDecoder().decode(cursor);
            if (key.length == AuditRepository.KEY_BYTES) {
                return key;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new ApiException(ErrorCode.INVALID_AUDIT_QUERY, "cursor is not one this API returned");
    }
}
