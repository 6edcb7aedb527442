package io.vitalink.loader;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How to run one load.
 *
 * @param batchLabel written as {@code sourceBatch} on every published record; null or blank means
 *     {@code load-<start, UTC, yyyyMMdd'T'HHmmss'Z'>}, e.g. {@code load-20250601T083000Z}
 * @param rejectFile where refused rows go (overwritten); null means {@code <input>.rejects.csv} beside the export
 *     (beside the delete file when there is no export)
 * @param showProgress whether to draw progress bars on stderr (over the export's bytes for files of at least
 *     {@link DeathLoader#PROGRESS_MIN_BYTES} bytes; over records when reading the topic or publishing at least
 *     {@link DeathLoader#PROGRESS_MIN_RECORDS})
 * @param deleteFile deaths to withdraw (see {@link WithdrawalReader}); null for none
 * @param workDir where the temporary work store is created (and deleted at the end); null means the system's
 *     temporary directory ({@code java.io.tmpdir})
 */
public record LoadOptions(String batchLabel, Path rejectFile, boolean showProgress, Path deleteFile, Path workDir) {

    private static final DateTimeFormatter LABEL_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Without delete file and work directory. */
    public LoadOptions(String batchLabel, Path rejectFile, boolean showProgress) {
        this(batchLabel, rejectFile, showProgress, null, null);
    }

    /** Default label, reject file and work directory, no delete file, no progress bar: what programs and tests usually want. */
    public static LoadOptions defaults() {
        return new LoadOptions(null, null, false, null, null);
    }

    public LoadOptions withBatchLabel(String label) {
        return new LoadOptions(label, rejectFile, showProgress, deleteFile, workDir);
    }

    public LoadOptions withRejectFile(Path path) {
        return new LoadOptions(batchLabel, path, showProgress, deleteFile, workDir);
    }

    public LoadOptions withProgress(boolean show) {
        return new LoadOptions(batchLabel, rejectFile, show, deleteFile, workDir);
    }

    public LoadOptions withDeleteFile(Path path) {
        return new LoadOptions(batchLabel, rejectFile, showProgress, path, workDir);
    }

    public LoadOptions withWorkDir(Path path) {
        return new LoadOptions(batchLabel, rejectFile, showProgress, deleteFile, path);
    }

    /** The label to use for a load started at {@code start}. */
    public String batchLabelAt(Instant start) {
        return batchLabel == null || batchLabel.isBlank() ? "load-" + LABEL_TIME.format(start) : batchLabel.strip();
    }

    /** The reject file to use when the main input (the export, else the delete file) is {@code input}. */
    public Path rejectFileFor(Path input) {
        if (rejectFile != null) {
            return rejectFile;
        }
        Path absolute = input.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + ".rejects.csv");
    }
}
