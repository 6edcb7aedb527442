package io.vitalink.loader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --metrics-file}: the last run in the Prometheus text format, for node-exporter's textfile collector
 * (point {@code --collector.textfile.directory} at the file's directory and name the file {@code *.prom}). The
 * file is written whole beside itself and then renamed, so the collector never reads half of it. Gauges of the last
 * run: row counts by result and rejected rows by reason code, duration, success and end time. No identifier and no
 * name: the labels are results, reason codes and the batch label.
 */
final class LoadMetricsFile {

    private LoadMetricsFile() {
    }

    /** Writes a successful run's numbers. */
    static void write(Path file, LoadSummary summary, Duration took, Instant endedAt) {
        write(file, summary, took, endedAt, true);
    }

    /** Writes a failed run: no row counts (the load stopped part-way), success 0. */
    static void writeFailed(Path file, String batch, Duration took, Instant endedAt) {
        write(file, new LoadSummary(batch == null ? "" : batch, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), null), took, endedAt, false);
    }

    private static void write(Path file, LoadSummary s, Duration took, Instant endedAt, boolean success) {
        StringBuilder text = new StringBuilder();
        if (success) {
            header(text, "vitalink_loader_last_run_rows", "Rows of the export and lines of the delete file of the last run, by result.");
            Map<String, Long> rows = new java.util.LinkedHashMap<>();
            rows.put("read", s.read());
            rows.put("withdrawals_read", s.withdrawalsRead());
            rows.put("loaded", s.loaded());
            rows.put("updated", s.updated());
            rows.put("unchanged", s.unchanged());
            rows.put("withdrawn", s.withdrawn());
            rows.put("rejected", s.rejected());
            rows.put("duplicates", s.duplicates());
            rows.forEach((result, n) -> text.append("vitalink_loader_last_run_rows{result=\"").append(result).append("\"} ")
                    .append(n).append('\n'));
            header(text, "vitalink_loader_last_run_rejected_rows", "Rows refused by the last run, by reason code (docs/ERRORS.md).");
            s.rejectedByCode().forEach((code, n) -> text.append("vitalink_loader_last_run_rejected_rows{code=\"")
                    .append(escape(code)).append("\"} ").append(n).append('\n'));
            header(text, "vitalink_loader_last_run_info", "The batch label of the last run.");
            text.append("vitalink_loader_last_run_info{batch=\"").append(escape(s.batch())).append("\"} 1\n");
        }
        header(text, "vitalink_loader_last_run_success", "1 when the last run completed, 0 when it failed.");
        text.append("vitalink_loader_last_run_success ").append(success ? 1 : 0).append('\n');
        header(text, "vitalink_loader_last_run_duration_seconds", "How long the last run took.");
        text.append("vitalink_loader_last_run_duration_seconds ")
                .append(String.format(Locale.ROOT, "%.3f", took.toNanos() / 1e9)).append('\n');
        header(text, "vitalink_loader_last_run_end_timestamp_seconds", "When the last run ended (Unix time).");
        text.append("vitalink_loader_last_run_end_timestamp_seconds ")
                .append(String.format(Locale.ROOT, "%.3f", endedAt.toEpochMilli() / 1e3)).append('\n');
        try {
            Path target = file.toAbsolutePath();
            Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the metrics file " + file, e);
        }
    }

    private static void header(StringBuilder text, String name, String help) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(name).append(" gauge\n");
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
