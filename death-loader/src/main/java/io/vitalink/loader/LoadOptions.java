package io.vitalink.loader;

import java.nio.file.Path;

/**
 * How to run one load.
 *
 * @param batchLabel written as {@code sourceBatch} on every record; null means the input's file name
 * @param rejectFile where refused rows go (overwritten); null means {@code <input>.rejects.csv} beside the input
 * @param showProgress whether to draw a progress bar on stderr (only drawn for files of at least
 *     {@link DeathLoader#PROGRESS_MIN_BYTES} bytes)
 */
public record LoadOptions(String batchLabel, Path rejectFile, boolean showProgress) {

    /** Default label and reject file, no progress bar: what programs and tests usually want. */
    public static LoadOptions defaults() {
        return new LoadOptions(null, null, false);
    }

    public LoadOptions withBatchLabel(String label) {
        return new LoadOptions(label, rejectFile, showProgress);
    }

    public LoadOptions withRejectFile(Path path) {
        return new LoadOptions(batchLabel, path, showProgress);
    }

    public LoadOptions withProgress(boolean show) {
        return new LoadOptions(batchLabel, rejectFile, show);
    }

    /** The label to use for {@code csv}. */
    public String batchLabelFor(Path csv) {
        return batchLabel == null || batchLabel.isBlank() ? csv.getFileName().toString() : batchLabel;
    }

    /** The reject file to use for {@code csv}. */
    public Path rejectFileFor(Path csv) {
        if (rejectFile != null) {
            return rejectFile;
        }
        Path absolute = csv.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + ".rejects.csv");
    }
}
