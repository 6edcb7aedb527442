package io.vitalink.loader;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a death-registry export: UTF-8 (a leading BOM is skipped, anything that is not UTF-8 fails
 * the load), CSV as Commons CSV's default format, a header row, then one death per record. Each data
 * record is cleaned by a {@link RowCleaner}. Plain Java, no Kafka.
 */
public final class DeathCsvReader implements Closeable {

    static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setIgnoreEmptyLines(true)
            .setTrim(false)
            .get();

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
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
        Reader reader = skipBom(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 64 * 1024));
        try {
            this.parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
        } catch (IOException e) {
            throw malformed(e, 1);
        }
        this.records = parser.iterator();
        CSVRecord first = nextRecord().orElseThrow(
                () -> new LoadException(LoadFailure.BAD_HEADER, "the file is empty, expected a header row"));
        this.header = HeaderMapping.of(first.toList());
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
        Optional<CSVRecord> next = nextRecord();
        if (next.isEmpty()) {
            return Optional.empty();
        }
        CSVRecord record = next.get();
        long line = startLine(record);
        if (record.size() != header.width()) {
            return Optional.of(new ParsedRow(line, new RowOutcome.Rejected(Rejection.of(RowRejection.WRONG_COLUMN_COUNT))));
        }
        Map<Column, String> values = header.values(record.toList());
        return Optional.of(new ParsedRow(line, cleaner.clean(values)));
    }

    private Optional<CSVRecord> nextRecord() {
        try {
            return records.hasNext() ? Optional.of(records.next()) : Optional.empty();
        } catch (UncheckedIOException e) {
            throw malformed(e.getCause(), parser.getCurrentLineNumber() + 1);
        }
    }

    /**
     * The physical line a record starts on. The parser reports the line it has read up to (the record's
     * last line); quoted values spanning lines carry their line breaks, so subtract those.
     */
    private long startLine(CSVRecord record) {
        long end = parser.getCurrentLineNumber();
        long breaks = 0;
        for (String value : record) {
            breaks += lineBreaks(value);
        }
        return end - breaks;
    }

    static long lineBreaks(String value) {
        long count = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r') {
                count++;
                if (i + 1 < value.length() && value.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\n') {
                count++;
            }
        }
        return count;
    }

    private static LoadException malformed(Throwable cause, long nearLine) {
        if (isCodingError(cause)) {
            return new LoadException(LoadFailure.MALFORMED_INPUT, "bytes that are not UTF-8 near line " + nearLine
                    + " (convert the export, for example: iconv -f GB18030 -t UTF-8)", cause);
        }
        if (isCsvError(cause)) {
            return new LoadException(LoadFailure.MALFORMED_INPUT, "broken CSV near line " + nearLine
                    + " (an unbalanced double quote?)", cause);
        }
        return new LoadException(LoadFailure.INPUT_NOT_READABLE, "read error near line " + nearLine + ": "
                + (cause == null ? "unknown" : cause.getClass().getSimpleName()), cause);
    }

    private static boolean isCodingError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CharacterCodingException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isCsvError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CSVException) {
                return true;
            }
        }
        return false;
    }

    private static Reader skipBom(BufferedReader reader) {
        try {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            return reader;
        } catch (CharacterCodingException e) {
            throw malformed(e, 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
