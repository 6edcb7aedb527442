package io.vitalink.api.store;

import io.vitalink.avro.JobProgress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is told of what a write changed, and what they are told: the {@link CompletionHook} (webhooks) and the
 * {@link ProgressListener}s (job log, metrics, quotas). Apart from the repositories because it is no data: the
 * writers call it once their write is durable, on their own thread, and a failure of the told is logged, never
 * thrown back into the write.
 */
public final class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    /** One change of a job's progress: before as stored or as the batch left it (null: none); after (null: deleted). */
    record Change(JobProgress before, JobProgress after) {
    }

    private volatile CompletionHook completionHook;
    private final List<ProgressListener> progressListeners = new CopyOnWriteArrayList<>();

    public void setCompletionHook(CompletionHook hook) {
        this.completionHook = hook;
    }

    /**
     * Adds a listener, told of every change written from now on. Listeners are told in the order they were added;
     * changes written concurrently by different threads may reach them in either order.
     */
    public void addProgressListener(ProgressListener listener) {
        progressListeners.add(listener);
    }

    public void removeProgressListener(ProgressListener listener) {
        progressListeners.remove(listener);
    }

    /** The hook as it is now: a batch reads it once, before it writes, and tells that one. */
    CompletionHook completionHook() {
        return completionHook;
    }

    /** Whether a batch told {@code hook} must work out its progress changes (reading each job's stored progress). */
    boolean observed(CompletionHook hook) {
        return hook != null || !progressListeners.isEmpty();
    }

    /** Tells the listeners of one progress change, once it is durable. */
    void progressChanged(JobProgress before, JobProgress after) {
        for (ProgressListener listener : progressListeners) {
            try {
                listener.changed(before, after);
            } catch (RuntimeException e) {
                log.warn("Progress listener failed: {}", e.getClass().getName());
            }
        }
    }

    /**
     * Tells what a durable batch changed: every progress change to the listeners, in order; then to {@code hook},
     * when there is one, every changed delivery, every purged job (once each), every job newly finished and every
     * job whose changes feed grew.
     */
    void batchApplied(CompletionHook hook, List<Change> changes, List<String> purged, Map<String, byte[]> deliveries,
                      Set<String> withNewChanges) {
        for (Change change : changes) {
            progressChanged(change.before(), change.after());
        }
        if (hook != null) {
            deliveries.forEach((jobId, stored) -> tell(() -> hook.deliveryChanged(jobId, stored)));
            new LinkedHashSet<>(purged).forEach(jobId -> tell(() -> hook.purged(jobId)));
            newlyFinished(changes, purged).forEach(job -> tell(() -> hook.finished(job)));
            withNewChanges.stream().filter(jobId -> !purged.contains(jobId)).forEach(jobId -> tell(() -> hook.changed(jobId)));
        }
    }

    /** The jobs a batch's changes finish, with a callback URL; none that the batch ends up purging. */
    static List<JobProgress> newlyFinished(List<Change> changes, List<String> purged) {
        List<JobProgress> finished = new ArrayList<>();
        for (Change change : changes) {
            JobProgress before = change.before();
            JobProgress after = change.after();
            if (after != null && after.getCallbackUrl() != null && CompletionHook.finishes(after)
                    && (before == null || !CompletionHook.finishes(before)) && !purged.contains(after.getJobId())) {
                finished.add(after);
            }
        }
        return finished;
    }

    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("Completion hook failed: {}", e.getClass().getName());
        }
    }
}
