package io.vitalink.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A setting operators change at run time through the API's configuration (docs/OPERATIONS.md#system-configuration).
 * Each has a key, a kind that says how its value is written, and its bounds; {@link #canonical} checks a value and
 * gives the one text it is stored as, so that equal values are equal text. Secrets are never settings.
 */
public enum Setting {

    PROBABLE_THRESHOLD("matching.probableThreshold", Kind.DECIMAL, "Least name similarity (0..1] of a PROBABLE link; used by match-streams for new decisions."),
    PROBABLE_MARGIN("matching.probableMargin", Kind.DECIMAL, "How far [0..0.5] the best candidate must lead the runner-up; less than the threshold."),
    ALLOWED_IPS("security.allowedIps", Kind.LIST, "Addresses and CIDR blocks that may reach the API; never empty."),
    RECORDS_PER_JOB("quotas.recordsPerJob", Kind.COUNT, "Most records of one job, per organisation."),
    RECORDS_PER_DAY("quotas.recordsPerDay", Kind.COUNT, "Most records an organisation's jobs of one UTC day may hold."),
    CONCURRENT_JOBS("quotas.concurrentJobs", Kind.COUNT, "Most jobs an organisation may have not ended at once."),
    WEBHOOK_ALLOWED_HOSTS("webhooks.allowedHosts", Kind.LIST, "Host names or *.suffix patterns job callbacks may go to; empty: any public host."),
    WEBHOOK_ALLOWED_NETWORKS("webhooks.allowedNetworks", Kind.LIST, "CIDR blocks a callback may reach although not public; empty: none."),
    JOB_RETENTION("jobs.retention", Kind.DURATION, "How long a job's data is kept after it ended (at least 1 day); match-streams purges older jobs.");

    /** How a value is written. */
    public enum Kind {
        /** A decimal number, e.g. 0.92. */
        DECIMAL,
        /** A whole number at least 1. */
        COUNT,
        /** Comma-separated entries, none empty; may be empty as a whole. */
        LIST,
        /** A number of days, hours or minutes: 30d, 12h, 90m; or ISO-8601 such as P30D. */
        DURATION
    }

    private static final Duration LEAST_RETENTION = Duration.ofDays(1);

    private final String key;
    private final Kind kind;
    private final String description;

    Setting(String key, Kind kind, String description) {
        this.key = key;
        this.kind = kind;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    public String description() {
        return description;
    }

    public static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    /**
     * The stored text of {@code value}.
     *
     * @throws IllegalArgumentException saying what is wrong, without quoting more than the value
     */
    public String canonical(String value) {
        if (value == null) {
            throw new IllegalArgumentException(key + " needs a value");
        }
        String text = value.trim();
        return switch (kind) {
            case DECIMAL -> decimal(text).toPlainString();
            case COUNT -> Long.toString(count(text));
            case LIST -> String.join(",", list(text));
            case DURATION -> duration(text).toString();
        };
    }

    public double decimalOf(String canonical) {
        return Double.parseDouble(canonical);
    }

    public long countOf(String canonical) {
        return Long.parseLong(canonical);
    }

    public static List<String> listOf(String canonical) {
        return canonical.isEmpty() ? List.of() : List.of(canonical.split(","));
    }

    public static Duration durationOf(String canonical) {
        return Duration.parse(canonical);
    }

    private BigDecimal decimal(String text) {
        BigDecimal d;
        try {
            d = new BigDecimal(text).stripTrailingZeros();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a decimal number");
        }
        boolean inRange = this == PROBABLE_THRESHOLD
                ? d.signum() > 0 && d.compareTo(BigDecimal.ONE) <= 0
                : d.signum() >= 0 && d.compareTo(new BigDecimal("0.5")) <= 0;
        if (!inRange) {
            throw new IllegalArgumentException(key + (this == PROBABLE_THRESHOLD ? " must be in (0, 1]" : " must be in [0, 0.5]"));
        }
        return d.scale() < 1 ? d.setScale(1) : d;
    }

    private long count(String text) {
        long n;
        try {
            n = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number");
        }
        if (n < 1) {
            throw new IllegalArgumentException(key + " must be at least 1");
        }
        return n;
    }

    private List<String> list(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> entries = Arrays.stream(text.split(",")).map(String::trim).toList();
        if (entries.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException(key + " has an empty entry");
        }
        return entries.stream().distinct().toList();
    }

    private Duration duration(String text) {
        Duration d;
        try {
            if (text.toUpperCase(Locale.ROOT).startsWith("P")) {
                d = Duration.parse(text);
            } else {
                long amount = Long.parseLong(text.substring(0, text.length() - 1));
                d = switch (Character.toLowerCase(text.charAt(text.length() - 1))) {
                    case 'd' -> Duration.ofDays(amount);
                    case 'h' -> Duration.ofHours(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    default -> throw new IllegalArgumentException("unit");
                };
            }
        } catch (DateTimeParseException | IndexOutOfBoundsException | IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException(key + " must be a duration such as 30d, 12h or P30D");
        }
        if (d.compareTo(LEAST_RETENTION) < 0) {
            throw new IllegalArgumentException(key + " must be at least 1 day");
        }
        return d;
    }
}
