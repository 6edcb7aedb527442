package io.vitalink.api.job;

import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Comparator;
import java.util.Locale;

/**
 * The filters and page of GET /api/v1/jobs. Jobs are ordered newest first: createdAt descending, then jobId;
 * a job without createdAt (opened straight on Kafka without one) sorts last and is left out by {@code from}.
 * {@code from} is inclusive, {@code to} exclusive. The cursor is opaque to clients: the position (createdAt,
 * jobId) of the last job of the previous page, so a page never repeats or skips a job that did not change.
 */
public record JobQuery(JobState state, Instant from, Instant to, int limit, Position after) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /** Newest first; equal times by job id. */
    public static final Comparator<Position> ORDER = Comparator.comparingLong(Position::createdAtMillis).reversed()
            .thenComparing(Position::jobId);

    public record Position(long createdAtMillis, String jobId) {

        static Position of(JobProgress p) {
            return new Position(p.getCreatedAt() == null ? Long.MIN_VALUE : p.getCreatedAt().toEpochMilli(), p.getJobId());
        }

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((createdAtMillis + ":" + jobId).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Parses the query parameters (null or blank: not given); a bad one is {@code 400 VL-1130}. */
    public static JobQuery parse(String state, String from, String to, String limit, String cursor) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && start.isAfter(end)) {
            throw invalid("from must not be after to");
        }
        return new JobQuery(state(state), start, end, limit(limit), cursor(cursor));
    }

    public boolean matches(JobProgress p) {
        if (state != null && p.getState() != state) {
            return false;
        }
        Instant created = p.getCreatedAt();
        if (from != null && (created == null || created.isBefore(from))) {
            return false;
        }
        if (to != null && (created == null || !created.isBefore(to))) {
            return false;
        }
        return after == null || ORDER.compare(Position.of(p), after) > 0;
    }

    private static JobState state(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return JobState.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("state must be one of RECEIVING, RUNNING, COMPLETED, FAILED, CANCELLED");
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(name + " must be an ISO-8601 instant, e.g. 2026-11-23T10:00:00Z");
        }
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid("limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static Position cursor(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            if (colon > 0) {
                String jobId = text.substring(colon + 1);
                if (JobService.parseId(jobId).filter(jobId::equals).isPresent()) {
                    return new Position(Long.parseLong(text.substring(0, colon)), jobId);
                }
            }
        } catch (IllegalArgumentException e) {
            // answered below (NumberFormatException is one)
        }
        throw invalid("cursor is not one this API returned");
    }

    private static ApiException invalid(String detail) {
        return new ApiException(ErrorCode.INVALID_JOB_QUERY, detail);
    }
}
