package io.vitalink.api.job;

import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.api.store.ResultRepository;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import io.vitalink.crypto.RecordProtection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * One page of a job's results, rendered like the whole download (NDJSON, CSV, or one FHIR Bundle per page): at most
 * {@code limit} results with one of the asked outcomes, after the cursor the previous page gave. {@code next} is the
 * cursor of the following page, null when the results decided so far are all read.
 */
public record ResultsPage(byte[] body, String next) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 10_000;

    /**
     * @param outcomes comma-separated outcome names (null or empty: every outcome)
     * @param cursor the cursor the previous page gave (null: from the first result)
     */
    static ResultsPage read(ResultRepository results, String jobId, String outcomes, Integer limit, String cursor,
                            ResultFormat format, ResultDetail detail, RecordProtection protection,
                            Function<MatchResult, ResultReview> reviews) {
        Set<Outcome> wanted = parseOutcomes(outcomes);
        String after = cursor == null || cursor.isEmpty() ? null : cursor;
        if (after != null && ResultRepository.parsePosition(after).isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_RESULTS_QUERY, "cursor must be one a page of these results gave");
        }
        int pageSize = limit == null ? DEFAULT_LIMIT : limit;
        if (pageSize < 1 || pageSize > MAX_LIMIT) {
            throw new ApiException(ErrorCode.INVALID_RESULTS_QUERY, "limit must be between 1 and " + MAX_LIMIT);
        }
        ResultRepository.Page page = results.page(jobId, after, r -> wanted.contains(r.getOutcome()), pageSize);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            format.writeHeader(detail, out);
            boolean first = true;
            for (MatchResult sealed : page.results()) {
                if (!first) {
                    format.writeSeparator(out);
                }
                MatchResult result = protection.open(sealed);
                format.write(result, detail, reviews.apply(result), out);
                first = false;
            }
            format.writeFooter(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ResultsPage(out.toByteArray(), page.next());
    }

    private static Set<Outcome> parseOutcomes(String outcomes) {
        if (outcomes == null || outcomes.isBlank()) {
            return EnumSet.allOf(Outcome.class);
        }
        Set<Outcome> wanted = EnumSet.noneOf(Outcome.class);
        for (String name : outcomes.split(",")) {
            try {
                wanted.add(Outcome.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ApiException(ErrorCode.INVALID_RESULTS_QUERY, "outcome must be one or more of "
                        + Arrays.toString(Outcome.values()) + ", comma-separated");
            }
        }
        return wanted;
    }
}
