package io.vitalink.api.intake;

import java.io.IOException;
import java.io.Reader;

/**
 * Refuses a CSV record longer than {@link #MAX_RECORD_CHARS} while it is read, before the CSV parser has collected
 * it: no field of a record may exceed {@link RecordValidator#MAX_RECORD_ID} characters anyway, so a longer record is
 * junk or an attempt to fill the memory with one field. A record ends at a line break outside quotes (RFC 4180:
 * every {@code "} toggles, {@code ""} toggles twice).
 */
final class BoundedRecordReader extends ArrayReader {

    /** Six fields of at most 128 characters, quoted and escaped, with room to spare. */
    static final int MAX_RECORD_CHARS = 8 * 1024;

    /** The record being read is longer than {@link #MAX_RECORD_CHARS}. */
    static final class RecordTooLongException extends IOException {
        RecordTooLongException() {
            super("a CSV record is longer than " + MAX_RECORD_CHARS + " characters");
        }
    }

    private boolean quoted;
    private int length;

    BoundedRecordReader(Reader in) {
        super(in);
    }

    @Override
    public int read(char[] buffer, int off, int len) throws IOException {
        int n = in.read(buffer, off, len);
        for (int i = off; i < off + n; i++) {
            char c = buffer[i];
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                length = 0;
                continue;
            }
            if (++length > MAX_RECORD_CHARS) {
                throw new RecordTooLongException();
            }
        }
        return n;
    }
}
