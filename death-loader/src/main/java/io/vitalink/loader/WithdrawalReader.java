package io.vitalink.loader;

import io.vitalink.id.IdCheck;
import io.vitalink.id.ResidentIds;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a delete file (a list of deaths to withdraw), UTF-8 like the export, in one of two forms told apart by
 * its first non-blank line:
 * <ul>
 *   <li>a plain list: one resident ID per line, nothing else;</li>
 *   <li>a CSV whose header names {@code id_number} (or {@code 身份证件号码}) and optionally {@code id_type} (or
 *       {@code 证件类型}); other columns are ignored, so an export of the deaths to withdraw works as is.</li>
 * </ul>
 * Blank lines are skipped. Every ID is checked and normalised exactly as in the export
 * ({@link ResidentIds#check(String, String, LocalDate)}). Plain Java, no Kafka.
 */
public final class WithdrawalReader implements Closeable {

    private final CsvSource source;
    private final LocalDate today;
    private final HeaderMapping header;
    private CsvSource.Line pending;

    /** One ID line: where it starts and the checked ID, or why the line cannot be read. */
    public record ParsedWithdrawal(long line, IdCheck id, Rejection unreadable) {

        public ParsedWithdrawal {
            if ((id == null) == (unreadable == null)) {
                throw new IllegalArgumentException("exactly one of id and unreadable");
            }
        }

        /** Hides the ID, so that a line can never be logged in clear. */
        @Override
        public String toString() {
            return "ParsedWithdrawal[line=" + line + ", id=" + (id instanceof IdCheck.Valid ? "***" : id)
                    + ", unreadable=" + unreadable + "]";
        }
    }

    /**
     * Reads the first line at once, to tell the two forms apart.
     *
     * @throws LoadException when a header names a column twice, or the start is not UTF-8 CSV
     */
    public WithdrawalReader(InputStream in, LocalDate today) {
        this.source = new CsvSource(in);
        this.today = Objects.requireNonNull(today, "today");
        Optional<CsvSource.Line> first = source.next();
        if (first.isPresent() && isHeader(first.get().values())) {
            this.header = HeaderMapping.of(first.get().values(), EnumSet.of(Column.ID_NUMBER));
        } else {
            this.header = null;
            this.pending = first.orElse(null);
        }
    }

    /** Whether the file has a header row (the CSV form). */
    public boolean hasHeader() {
        return header != null;
    }

    /** The next ID line; empty at the end of the file. */
    public Optional<ParsedWithdrawal> next() {
        CsvSource.Line line = pending;
        pending = null;
        if (line == null) {
            Optional<CsvSource.Line> next = source.next();
            if (next.isEmpty()) {
                return Optional.empty();
            }
            line = next.get();
        }
        if (header == null) {
            if (line.values().size() != 1) {
                return Optional.of(new ParsedWithdrawal(line.line(), null,
                        Rejection.of(RowRejection.WRONG_COLUMN_COUNT, "a delete file without a header has one ID per line")));
            }
            return Optional.of(new ParsedWithdrawal(line.line(), ResidentIds.check(line.values().get(0), today), null));
        }
        if (line.values().size() != header.width()) {
            return Optional.of(new ParsedWithdrawal(line.line(), null, Rejection.of(RowRejection.WRONG_COLUMN_COUNT)));
        }
        Map<Column, String> values = header.values(line.values());
        return Optional.of(new ParsedWithdrawal(line.line(),
                ResidentIds.check(values.get(Column.ID_NUMBER), values.get(Column.ID_TYPE), today), null));
    }

    private static boolean isHeader(List<String> values) {
        return values.stream().anyMatch(v -> Column.forHeader(v).filter(c -> c == Column.ID_NUMBER).isPresent());
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
