package io.vitalink.loader;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a death-registry export: UTF-8 (a leading BOM is skipped, anything that is not UTF-8 fails
 * the load), CSV as Commons CSV's default format, a header row, then one death per record. Each data
 * record is cleaned by a {@link RowCleaner}. Plain Java, no Kafka.
 */
public final class DeathCsvReader implements Closeable {

    private final CsvSource source;
    private final HeaderMapping header;
    private final RowCleaner cleaner;

    /** One data record: the line of the file it starts on (the header is line 1) and its outcome. */
    public record ParsedRow(long line, RowOutcome outcome) {
    }

    /**
     * Reads the header at once.
     *
     * @throws LoadException when the header is missing or lacks a required column, or the start is not UTF-8 CSV
     */
    public DeathCsvReader(InputStream in, RowCleaner cleaner) {
        this.cleaner = cleaner;
        this.source = new CsvSource(in);
        CsvSource.Line first = source.next().orElseThrow(
                () -> new LoadException(LoadFailure.BAD_HEADER, "the file is empty, expected a header row"));
        this.header = HeaderMapping.of(first.values());
    }

    public HeaderMapping header() {
        return header;
    }

    /**
     * The next data record, cleaned; empty at the end of the file.
     *
     * @throws LoadException ({@link LoadFailure#MALFORMED_INPUT}) on bytes that are not UTF-8 or broken quoting
     */
    public Optional<ParsedRow> next() {
        Optional<CsvSource.Line> next = source.next();
        if (next.isEmpty()) {
            return Optional.empty();
        }
        CsvSource.Line record = next.get();
        if (record.values().size() != header.width()) {
            return Optional.of(new ParsedRow(record.line(),
                    new RowOutcome.Rejected(Rejection.of(RowRejection.WRONG_COLUMN_COUNT))));
        }
        Map<Column, String> values = header.values(record.values());
        return Optional.of(new ParsedRow(record.line(), cleaner.clean(values)));
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
