package io.vitalink.api.intake;

import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.apache.commons.io.input.BOMInputStream;

/**
 * Streams records out of RFC 4180 CSV with a header row {@code record_id,id_number,name,sex,birth_date[,id_type]}
 * in any order (only record_id is required), UTF-8 with or without a byte-order mark.
 */
final class CsvRecordParser {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
            .setAllowMissingColumnNames(false)
            .get();

    private CsvRecordParser() {
    }

    static void parse(InputStream body, RecordSink sink) throws IOException {
        Reader reader = new TrailingNewlineReader(new BoundedRecordReader(new InputStreamReader(
                BOMInputStream.builder().setInputStream(body).get(), StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT))));
        CSVParser parser;
        try {
            parser = FORMAT.parse(reader);
        } catch (IllegalArgumentException e) {
            // duplicate or empty column names; commons-csv's message only quotes the header
            throw new ApiException(ErrorCode.MALFORMED_BODY, "Invalid CSV header: duplicate or empty column name", 1L, null, e);
        } catch (UncheckedIOException e) {
            throw malformed(e.getCause(), 1);
        } catch (CharacterCodingException | BoundedRecordReader.RecordTooLongException | CSVException e) {
            // CSVException: broken quoting in the header line, which is read here
            throw malformed(e, 1);
        }
        try (parser) {
            Map<String, Integer> header = parser.getHeaderMap();
            if (header == null || header.isEmpty()) {
                return; // empty body: an empty job
            }
            Map<RecordFields, Integer> columns = columns(header);
            Iterator<CSVRecord> rows = parser.iterator();
            while (true) {
                CSVRecord row;
                try {
                    if (!rows.hasNext()) {
                        break;
                    }
                    row = rows.next();
                } catch (UncheckedIOException e) {
                    throw malformed(e.getCause(), parser.getCurrentLineNumber());
                } catch (IllegalStateException e) {
                    throw malformed(e, parser.getCurrentLineNumber());
                }
                // every row ends with a line break (see TrailingNewlineReader): the parser's line count is the
                // row's last line; quoted line breaks inside it lead back to its first line
                long line = parser.getCurrentLineNumber() - lineBreaksIn(row);
                if (row.size() != header.size()) {
                    throw new ApiException(ErrorCode.MALFORMED_BODY, "Line " + line + " has " + row.size()
                            + " values but the header has " + header.size() + " columns", line, null);
                }
                sink.accept(new RawRecord(line,
                        value(row, columns, RecordFields.RECORD_ID),
                        value(row, columns, RecordFields.ID_NUMBER),
                        value(row, columns, RecordFields.NAME),
                        value(row, columns, RecordFields.SEX),
                        value(row, columns, RecordFields.BIRTH_DATE),
                        value(row, columns, RecordFields.ID_TYPE)));
            }
        }
    }

    private static long lineBreaksIn(CSVRecord row) {
        long breaks = 0;
        for (String value : row) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 == value.length() || value.charAt(i + 1) != '\n'))) {
                    breaks++;
                }
            }
        }
        return breaks;
    }

    /** Ends a body that lacks a final line break with one, so the last row's line is counted like the others. */
    static final class TrailingNewlineReader extends ArrayReader {
        private int last = '\n';
        private boolean added;

        TrailingNewlineReader(Reader in) {
            super(in);
        }

        @Override
        public int read(char[] buffer, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int n = added ? -1 : in.read(buffer, off, len);
            if (n > 0) {
                last = buffer[off + n - 1];
                return n;
            }
            if (n == -1 && !added && last != '\n' && last != '\r') {
                added = true;
                buffer[off] = '\n';
                return 1;
            }
            added = added || n == -1;
            return -1;
        }
    }

    private static Map<RecordFields, Integer> columns(Map<String, Integer> header) {
        Map<RecordFields, Integer> columns = new EnumMap<>(RecordFields.class);
        header.forEach((name, index) -> {
            // never the name itself: without a header line it is the first record's value
            RecordFields field = RecordFields.byCsv(name).orElseThrow(() -> new ApiException(ErrorCode.MALFORMED_BODY,
                    "Unknown CSV column " + (index + 1) + " of the first line; the first line must be a header of "
                            + RecordFields.csvNames(), 1L, "column " + (index + 1)));
            if (columns.put(field, index) != null) {
                throw new ApiException(ErrorCode.MALFORMED_BODY, "Column " + field.csv() + " appears twice", 1L, field.csv());
            }
        });
        if (!columns.containsKey(RecordFields.RECORD_ID)) {
            throw new ApiException(ErrorCode.MALFORMED_BODY, "The CSV header has no record_id column", 1L,
                    RecordFields.RECORD_ID.csv());
        }
        return columns;
    }

    private static String value(CSVRecord row, Map<RecordFields, Integer> columns, RecordFields field) {
        Integer index = columns.get(field);
        return index == null ? null : row.get(index);
    }

    private static boolean tooLong(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof BoundedRecordReader.RecordTooLongException) {
                return true;
            }
        }
        return false;
    }

    private static ApiException malformed(Throwable cause, long line) {
        long at = Math.max(1, line);
        if (tooLong(cause)) {
            return new ApiException(ErrorCode.MALFORMED_BODY, "The record near line " + at + " is longer than "
                    + BoundedRecordReader.MAX_RECORD_CHARS + " characters", at, null, cause);
        }
        String what = cause instanceof CharacterCodingException ? "The body is not valid UTF-8" : "Invalid CSV";
        return new ApiException(ErrorCode.MALFORMED_BODY, what + " near line " + at, at, null, cause);
    }
}
