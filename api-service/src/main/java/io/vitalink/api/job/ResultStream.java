package io.vitalink.api.job;

import io.vitalink.api.store.ResultCursor;
import io.vitalink.avro.MatchResult;
import io.vitalink.crypto.RecordProtection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;

/**
 * Renders a job's results lazily while the server reads: about 64 KiB of lines at a time, never the
 * whole answer. Closing it closes the store cursor.
 */
final class ResultStream extends InputStream {

    private static final int CHUNK = 64 * 1024;

    private final ResultCursor cursor;
    private final ResultFormat format;
    private final ResultDetail detail;
    private final RecordProtection protection;
    private final Function<MatchResult, ResultReview> reviews;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(CHUNK + 1024);
    private byte[] buffer = new byte[0];
    private int position;
    private boolean headerWritten;
    private boolean anyWritten;
    private boolean exhausted;

    /**
     * @param protection opens each result's sealed fields, for the authorised reader only
     * @param reviews the reviewer's decision shown with a result, or null
     */
    ResultStream(ResultCursor cursor, ResultFormat format, ResultDetail detail, RecordProtection protection,
                 Function<MatchResult, ResultReview> reviews) {
        this.cursor = cursor;
        this.format = format;
        this.detail = detail;
        this.protection = protection;
        this.reviews = reviews;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, buffer.length - position);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
    }

    private boolean fill() throws IOException {
        if (position < buffer.length) {
            return true;
        }
        if (exhausted) {
            return false;
        }
        pending.reset();
        if (!headerWritten) {
            format.writeHeader(detail, pending);
            headerWritten = true;
        }
        while (pending.size() < CHUNK) {
            MatchResult result = cursor.next();
            if (result == null) {
                exhausted = true;
                cursor.close();
                format.writeFooter(pending);
                break;
            }
            if (anyWritten) {
                format.writeSeparator(pending);
            }
            MatchResult opened = protection.open(result);
            format.write(opened, detail, reviews.apply(opened), pending);
            anyWritten = true;
        }
        buffer = pending.toByteArray();
        position = 0;
        return buffer.length > 0;
    }

    @Override
    public void close() {
        cursor.close();
    }
}
