package io.vitalink.api.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The API's read model on disk: one RocksDB ({@link StoreCore}) with a repository per kind of data, each in its own
 * column family with its own key layout ({@link ProgressRepository}, {@link ResultRepository},
 * {@link AuditRepository}, {@link WebhookRepository}, {@link OffsetRepository}, {@link ChangeRepository},
 * {@link CauseChapterRepository}, {@link ReviewRepository}), and the {@link Notifications} of what a write changed. Readers go to a repository ({@code store.progress().get(jobId)}); the read model's consumer
 * writes through {@link #apply}, the one place that puts the repositories' parts of a poll into one
 * {@link WriteBatch}.
 */
public final class JobStore implements AutoCloseable {

    /** Every column family but the default one, in the order a store has always been opened with. */
    private static final List<String> FAMILIES = List.of(ProgressRepository.FAMILY, ResultRepository.FAMILY,
            OffsetRepository.FAMILY, AuditRepository.FAMILY, WebhookRepository.FAMILY, ResultRepository.IDS_FAMILY,
            ChangeRepository.FAMILY, CauseChapterRepository.FAMILY, ReviewRepository.FAMILY, ReviewRepository.REFUSED_FAMILY);

    private final StoreCore core;
    private final boolean temporary;
    private final Notifications notifications = new Notifications();
    private final ProgressRepository progress;
    private final ResultRepository results;
    private final AuditRepository audit;
    private final WebhookRepository webhooks;
    private final OffsetRepository offsets;
    private final ChangeRepository changes;
    private final CauseChapterRepository causeChapters;
    private final ReviewRepository reviews;

    private JobStore(Path dir, boolean temporary) throws IOException {
        this.core = new StoreCore(dir, FAMILIES);
        this.temporary = temporary;
        this.progress = new ProgressRepository(core, notifications);
        this.results = new ResultRepository(core);
        this.audit = new AuditRepository(core);
        this.webhooks = new WebhookRepository(core);
        this.offsets = new OffsetRepository(core);
        this.changes = new ChangeRepository(core);
        this.causeChapters = new CauseChapterRepository(core);
        this.reviews = new ReviewRepository(core);
    }

    /** Opens (or creates) the store in {@code dir}; the data survives close. */
    public static JobStore open(Path dir) throws IOException {
        return new JobStore(dir, false);
    }

    /** A store in a new temporary directory that is deleted on close. */
    public static JobStore openTemporary() throws IOException {
        return new JobStore(Files.createTempDirectory("vitalink-api-store-"), true);
    }

    public Path directory() {
        return core.directory();
    }

    public ProgressRepository progress() {
        return progress;
    }

    public ResultRepository results() {
        return results;
    }

    public AuditRepository audit() {
        return audit;
    }

    public WebhookRepository webhooks() {
        return webhooks;
    }

    public OffsetRepository offsets() {
        return offsets;
    }

    public ChangeRepository changes() {
        return changes;
    }

    public CauseChapterRepository causeChapters() {
        return causeChapters;
    }

    public ReviewRepository reviews() {
        return reviews;
    }

    public Notifications notifications() {
        return notifications;
    }

    /**
     * Applies records and offsets atomically: one {@link WriteBatch}, so after a crash the consumer resumes exactly
     * where the last batch ended. A job-progress tombstone (match-streams purging a job past its retention) deletes
     * the job's progress, all its results and its webhook delivery; audit events stay. Once the batch is durable,
     * the {@link Notifications} are told what it changed.
     */
    public void apply(IngestBatch batch) {
        core.read(() -> {
            CompletionHook hook = notifications.completionHook();
            boolean observed = notifications.observed(hook);
            List<Notifications.Change> changes = List.of();
            List<String> purged;
            Map<String, byte[]> deliveries;
            try (WriteBatch write = new WriteBatch()) {
                purged = progress.addTo(batch, write);
                CauseChapterRepository.Moves chapters = new CauseChapterRepository.Moves();
                results.addTo(batch, purged, write, chapters);
                causeChapters.addTo(chapters, purged, write);
                this.changes.addTo(batch, purged, write);
                webhooks.deletePurged(purged, write);
                audit.addTo(batch, write);
                offsets.addTo(batch, write);
                synchronized (core.writeMonitor()) {
                    // read once, under the same monitor as the other progress writes, so that "before" is exact
                    if (observed) {
                        changes = progress.changes(batch);
                    }
                    deliveries = webhooks.fold(batch, purged, write);
                    reviews.addTo(batch, write);
                    core.write(write);
                }
            } catch (RocksDBException e) {
                throw new StoreException("cannot apply batch", e);
            }
            notifications.batchApplied(hook, changes, purged, deliveries, batch.jobsWithChanges());
            return null;
        });
    }

    @Override
    public void close() {
        core.close();
        if (temporary) {
            deleteRecursively(core.directory());
        }
    }

    private static void deleteRecursively(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
