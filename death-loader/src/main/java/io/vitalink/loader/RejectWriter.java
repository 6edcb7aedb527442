package io.vitalink.loader;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes refused rows as CSV {@code line,reason_code,message,input}: where the row starts in its input, why it
 * was refused, and which input ({@code file} or {@code delete-file}, see {@link Input}). Never a value of the
 * row, so the file holds no ID and no name.
 */
public final class RejectWriter implements Closeable {

    public static final String[] HEADER = {"line", "reason_code", "message", "input"};

    private final Path path;
    private final CSVPrinter printer;

    /** Creates or overwrites {@code path}, writing the header row at once. */
    public RejectWriter(Path path) {
        this.path = path;
        try {
            Writer writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            this.printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(HEADER).get());
            printer.flush();
        } catch (IOException e) {
            throw new LoadException(LoadFailure.REJECT_FILE_NOT_WRITABLE, path + ": " + e.getMessage(), e);
        }
    }

    public void write(Input input, long line, Rejection reason) {
        try {
            printer.printRecord(line, reason.code(), reason.message(), input.label());
        } catch (IOException e) {
            throw new LoadException(LoadFailure.REJECT_FILE_NOT_WRITABLE, path + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            printer.close(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
