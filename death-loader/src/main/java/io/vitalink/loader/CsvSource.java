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
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The records of a UTF-8 CSV input with the physical line each starts on: a leading BOM is skipped, bytes that
 * are not UTF-8 and broken quoting fail with {@link LoadFailure#MALFORMED_INPUT}, blank lines are skipped.
 * Shared by the death export and the delete file.
 */
final class CsvSource implements Closeable {

    static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setIgnoreEmptyLines(true)
            .setTrim(false)
            .get();

    /** One record: the line of the file it starts on (the first line is 1) and its raw values. */
    record Line(long line, List<String> values) {
    }

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;

    CsvSource(InputStream in) {
        Reader reader = skipBom(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 64 * 1024));
        try {
            this.parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
        } catch (IOException e) {
            throw malformed(e, 1);
        }
        this.records = parser.iterator();
    }

    /**
     * The next record; empty at the end of the input.
     *
     * @throws LoadException ({@link LoadFailure#MALFORMED_INPUT}) on bytes that are not UTF-8 or broken quoting
     */
    Optional<Line> next() {
        CSVRecord record;
        try {
            if (!records.hasNext()) {
                return Optional.empty();
            }
            record = records.next();
        } catch (UncheckedIOException e) {
            throw malformed(e.getCause(), parser.getCurrentLineNumber() + 1);
        }
        return Optional.of(new Line(startLine(record), record.toList()));
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
        if (isCause(cause, CharacterCodingException.class)) {
            return new LoadException(LoadFailure.MALFORMED_INPUT, "bytes that are not UTF-8 near line " + nearLine
                    + " (convert the export, for example: iconv -f GB18030 -t UTF-8)", cause);
        }
        if (isCause(cause, CSVException.class)) {
            return new LoadException(LoadFailure.MALFORMED_INPUT, "broken CSV near line " + nearLine
                    + " (an unbalanced double quote?)", cause);
        }
        return new LoadException(LoadFailure.INPUT_NOT_READABLE, "read error near line " + nearLine + ": "
                + (cause == null ? "unknown" : cause.getClass().getSimpleName()), cause);
    }

    private static boolean isCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
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
