package io.vitalink.loader;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What one load did. Every data row of the export and every ID line of the delete file ends up in exactly one
 * of loaded, updated, unchanged, withdrawn or rejected:
 * {@code read + withdrawalsRead == loaded + updated + unchanged + withdrawn + rejected}.
 *
 * @param batch the label written as {@code sourceBatch} on every record this load published
 * @param read data rows of the export (the header not counted; 0 without {@code --file})
 * @param withdrawalsRead ID lines of the delete file (a header and blank lines not counted; 0 without one)
 * @param loaded deaths published whose ID was not in death-records
 * @param updated deaths published whose ID was in death-records with a different content
 * @param unchanged deaths whose ID was in death-records with the same content, not published again
 * @param withdrawn tombstones published for IDs of the delete file that were in death-records
 * @param rejected lines of the reject file, all reasons (duplicates included)
 * @param duplicates of {@code rejected}: rows and delete-file lines dropped because another with the same ID was
 *     kept (VL-3013)
 * @param rejectedByCode {@code rejected} by reason code, in code order
 * @param rejectFile where the refused rows were written
 */
public record LoadSummary(String batch, long read, long withdrawalsRead, long loaded, long updated, long unchanged,
                          long withdrawn, long rejected, long duplicates, SortedMap<String, Long> rejectedByCode,
                          Path rejectFile) {

    public LoadSummary {
        Objects.requireNonNull(batch, "batch");
        rejectedByCode = Collections.unmodifiableSortedMap(new TreeMap<>(rejectedByCode));
    }

    public LoadSummary(String batch, long read, long withdrawalsRead, long loaded, long updated, long unchanged,
                       long withdrawn, long rejected, long duplicates, Map<String, Long> rejectedByCode, Path rejectFile) {
        this(batch, read, withdrawalsRead, loaded, updated, unchanged, withdrawn, rejected, duplicates,
                new TreeMap<>(rejectedByCode), rejectFile);
    }

    /** Records written to death-records by this load: upserts and tombstones. */
    public long published() {
        return loaded + updated + withdrawn;
    }

    /**
     * One line, e.g. {@code read 10000, loaded 9990, updated 5, unchanged 2, rejected 3 (VL-2005: 1, VL-3013: 2),
     * duplicates 2, withdrawals read 0, withdrawn 0; batch 2024Q1; reject file: /data/deaths.csv.rejects.csv}
     */
    public String summaryLine() {
        String codes = rejectedByCode.isEmpty() ? "" : rejectedByCode.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
        return "read " + read + ", loaded " + loaded + ", updated " + updated + ", unchanged " + unchanged
                + ", rejected " + rejected + codes + ", duplicates " + duplicates
                + ", withdrawals read " + withdrawalsRead + ", withdrawn " + withdrawn
                + "; batch " + batch + "; reject file: " + rejectFile;
    }
}
