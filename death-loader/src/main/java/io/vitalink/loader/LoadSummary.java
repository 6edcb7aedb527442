package io.vitalink.loader;

import java.nio.file.Path;

/**
 * What one load did.
 *
 * @param read data rows read (the header not counted)
 * @param loaded rows acknowledged by Kafka
 * @param rejected rows written to the reject file
 */
public record LoadSummary(long read, long loaded, long rejected, Path rejectFile) {

    /** {@code read 10000, loaded 9998, rejected 2 (reject file: path)} */
    public String summaryLine() {
        return "read " + read + ", loaded " + loaded + ", rejected " + rejected + " (reject file: " + rejectFile + ")";
    }
}
