package io.vitalink.api.job;

import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The last day of a watched job, as a submitter names it: an ISO date (2031-12-31), not before today and at most
 * {@value #MAX_YEARS} years ahead (a cohort is followed up for years, not forever: a new submission renews it).
 */
public final class WatchPeriod {

    public static final int MAX_YEARS = 10;

    private WatchPeriod() {
    }

    public static LocalDate parse(String text, LocalDate today) {
        LocalDate until;
        try {
            until = LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.WATCH_INVALID, "watch until must be a date such as 2031-12-31");
        }
        if (until.isBefore(today)) {
            throw new ApiException(ErrorCode.WATCH_INVALID, "watch until must be today or later");
        }
        if (until.isAfter(today.plusYears(MAX_YEARS))) {
            throw new ApiException(ErrorCode.WATCH_INVALID, "watch until must be at most " + MAX_YEARS + " years ahead");
        }
        return until;
    }
}
