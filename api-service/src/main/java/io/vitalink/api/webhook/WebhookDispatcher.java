package io.vitalink.api.webhook;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.vitalink.api.metrics.ApiMetricNames;
import io.vitalink.api.metrics.ApiMetrics;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.store.CompletionHook;
import io.vitalink.api.store.JobStore;
import io.vitalink.api.store.StoreException;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.WebhookChange;
import io.vitalink.topic.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the webhooks of the jobs this instance owns (docs/WEBHOOKS.md). Ownership comes from the consumer group of
 * webhook-deliveries ({@link WebhookGroup}, {@link WebhookOwnership}): of all instances with delivery enabled, only
 * the member given a job's partition creates, attempts and redelivers that job's delivery, and it writes every change
 * to the topic ({@link WebhookDeliveries}) before it schedules the next attempt. A new owner first reads the topic and
 * job-progress up to where they ended when it was given the partition, then resumes every pending delivery from the
 * shared record and creates those its predecessor had not. A partition is handed over only once the attempt in
 * flight has finished and its record is acknowledged. At least once: a receiver dedupes by
 * {@code Vitalink-Delivery-Id}. One thread does all the work, so attempts never overlap.
 */
@Context
@Requires(property = "vitalink.webhooks.enabled", notEquals = "false")
public class WebhookDispatcher implements CompletionHook, WebhookGroup.Listener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    public static final String DELIVERY_ID_HEADER = "Vitalink-Delivery-Id";
    public static final String EVENT_HEADER = "Vitalink-Event";
    public static final String ATTEMPT_HEADER = "Vitalink-Attempt";
    /** How soon a change that could not be written to Kafka is tried again. */
    static final Duration WRITE_RETRY = Duration.ofSeconds(5);
    private static final Duration READY_CHECK = Duration.ofMillis(200);

    private final JobStore store;
    private final WebhookDeliveries deliveries;
    private final WebhookSettings settings;
    private final CallbackUrlPolicy policy;
    private final WebhookGroup group;
    private final Backoff backoff;
    private final Clock clock;
    private final Duration writeRetry;
    private final CallbackSender sender;
    private final ScheduledExecutorService scheduler;
    private final WebhookOwnership ownership = new WebhookOwnership();
    /** Held by the dispatcher thread while it works on a delivery; a revocation waits for it. */
    private final ReentrantLock working = new ReentrantLock();
    /** Attempts made whose result Kafka has not acknowledged yet, by job: written again, not made again. */
    private final Map<String, WebhookDelivery> unrecorded = new java.util.HashMap<>();
    /** However busy a feed stays, its job is told at least this often. */
    static final Duration CHANGES_MAX_WAIT = Duration.ofMinutes(1);
    private final ChangeBursts changeBursts;

    private final ApiMetrics metrics;

    @Inject
    public WebhookDispatcher(JobStore store, WebhookDeliveries deliveries, WebhookSettings settings,
                             CallbackUrlPolicy policy, WebhookGroup group, ApiMetrics metrics) {
        this(store, deliveries, settings, policy, group, metrics, Clock.systemUTC(), WRITE_RETRY);
    }

    WebhookDispatcher(JobStore store, WebhookDeliveries deliveries, WebhookSettings settings, CallbackUrlPolicy policy,
                      WebhookGroup group, ApiMetrics metrics, Clock clock, Duration writeRetry) {
        this.store = store;
        this.metrics = metrics;
        this.deliveries = deliveries;
        this.settings = settings;
        this.policy = policy;
        this.group = group;
        this.clock = clock;
        this.writeRetry = writeRetry;
        this.backoff = new Backoff(settings.initialDelay(), settings.maxDelay());
        this.sender = new CallbackSender(settings);
        this.changeBursts = new ChangeBursts(settings.changesQuietPeriod(), CHANGES_MAX_WAIT, clock, this::execute,
                this::createChanges);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "webhook-dispatcher");
            t.setDaemon(true);
            return t;
        });
        store.notifications().setCompletionHook(this);
        group.join(this);
    }

    /** The same for every attempt, every redelivery and every API instance: receivers dedupe by it. */
    public static String deliveryId(String jobId) {
        return WebhookDeliveries.deliveryId(jobId);
    }

    /** Whether this instance delivers the job's webhook now. */
    public boolean owns(String jobId) {
        return ownership.owns(jobId);
    }

    // --- the read model tells of completions, purges and delivery records (its thread: only schedule here)

    @Override
    public void finished(JobProgress finished) {
        if (ownership.owns(finished.getJobId())) {
            execute(() -> create(finished));
        }
    }

    @Override
    public void purged(String jobId) {
        for (String key : List.of(jobId, WebhookKeys.changes(jobId))) {
            if (ownership.owns(key)) {
                execute(() -> forget(key));
            }
        }
    }

    /** Tells the job once its feed has been still for the quiet period: one event a burst of changes. */
    @Override
    public void changed(String jobId) {
        if (ownership.owns(WebhookKeys.changes(jobId))) {
            changeBursts.grew(jobId);
        }
    }

    @Override
    public void deliveryChanged(String jobId, byte[] stored) {
        if (stored == null || !ownership.owns(jobId)) {
            return;
        }
        // a redelivery asked for on any instance, or a record this instance did not write (a handover)
        deliveries.decodeStored(stored).filter(WebhookDelivery::needsWork)
                .ifPresent(d -> schedule(jobId, d.dueMillis() - clock.millis()));
    }

    // --- the group tells of partitions given and taken (its thread)

    @Override
    public void assigned(int partitions, Set<Integer> given, Map<TopicPartition, Long> mustHaveRead) {
        ownership.assigned(partitions, given, mustHaveRead);
        execute(this::takeOverReadyPartitions);
    }

    @Override
    public void revoked(Set<Integer> taken) {
        ownership.revoked(taken);
        // from now on no task starts on them; wait for the one in flight, whose record is then acknowledged
        working.lock();
        try {
            // a result not written by now is the next owner's to redo: its attempt is made again
            unrecorded.keySet().removeIf(jobId -> !ownership.owns(jobId));
        } finally {
            working.unlock();
        }
    }

    /** Takes over every assigned partition the store has caught up on; looks again soon while some are behind. */
    private void takeOverReadyPartitions() {
        Set<Integer> ready;
        try {
            ready = ownership.promote(tp -> store.offsets().next(tp.topic(), tp.partition()).orElse(0));
        } catch (StoreException e) {
            return; // closing
        }
        if (!ready.isEmpty()) {
            takeOver(ready);
        }
        if (ownership.isWaiting() && !scheduler.isShutdown()) {
            scheduler.schedule(this::takeOverReadyPartitions, READY_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * A new owner's catch-up: publish what an older version kept only here, resume every pending delivery and
     * redelivery, and create the deliveries of finished jobs that have none (the previous owner stopped before).
     */
    private void takeOver(Set<Integer> partitions) {
        List<WebhookDelivery> legacy = new ArrayList<>();
        List<WebhookDelivery> pending = new ArrayList<>();
        Set<String> withDelivery = new java.util.HashSet<>();
        List<JobProgress> withoutDelivery = new ArrayList<>();
        List<String> watched = new ArrayList<>();
        try {
            store.webhooks().forEach((jobId, stored) -> {
                if (!partitions.contains(ownership.partitionOf(jobId))) {
                    return;
                }
                withDelivery.add(jobId);
                deliveries.decodeStored(stored).ifPresent(d -> {
                    if (WebhookDeliveries.isLegacy(stored)) {
                        legacy.add(d);
                    } else if (d.needsWork()) {
                        pending.add(d);
                    }
                });
            });
            store.progress().forEach(p -> {
                if (p.getCallbackUrl() != null && CompletionHook.finishes(p) && !withDelivery.contains(p.getJobId())
                        && partitions.contains(ownership.partitionOf(p.getJobId()))) {
                    withoutDelivery.add(p);
                }
                if (p.getCallbackUrl() != null && p.getWatchUntil() != null
                        && partitions.contains(ownership.partitionOf(WebhookKeys.changes(p.getJobId())))) {
                    watched.add(p.getJobId());
                }
                return true;
            });
        } catch (StoreException e) {
            return; // closing
        }
        log.info("Taking over webhook deliveries of partitions {}: {} to resume, {} kept by an older version, "
                + "{} finished jobs without one", partitions, pending.size(), legacy.size(), withoutDelivery.size());
        legacy.forEach(this::publishLegacy);
        long now = clock.millis();
        for (WebhookDelivery d : pending) {
            schedule(d.jobId(), d.dueMillis() - now);
        }
        withoutDelivery.forEach(this::create);
        // a job told of changes the previous owner had not told yet (its quiet period was running) is told now
        watched.forEach(this::createChanges);
    }

    // --- the work, on the dispatcher thread only, each step under the lock and for owned jobs only

    /** Creates the delivery of a finished job unless it has one (or finished longer ago than the retry window). */
    private void create(JobProgress finished) {
        String jobId = finished.getJobId();
        inOwnedPartition(jobId, () -> {
            if (store.webhooks().get(jobId).isPresent()) {
                return;
            }
            long now = clock.millis();
            Instant completed = finished.getCompletedAt() != null ? finished.getCompletedAt() : finished.getUpdatedAt();
            if (completed != null && completed.toEpochMilli() + settings.maxElapsed().toMillis() < now) {
                // replaying old progress (a new, empty read model): too late to call back; POST .../callback still can
                return;
            }
            if (publish(deliveries.create(finished, now), WebhookChange.CREATED, "created")) {
                schedule(jobId, 0);
            } else {
                execute(writeRetry, () -> create(finished));
            }
        });
    }

    /**
     * Creates the job's "changes" delivery for its feed's latest cursor, replacing the one before, unless that one
     * already told this cursor.
     */
    private void createChanges(String jobId) {
        String key = WebhookKeys.changes(jobId);
        inOwnedPartition(key, () -> {
            Optional<JobProgress> job = store.progress().get(jobId).filter(p -> p.getCallbackUrl() != null);
            Optional<String> cursor = store.changes().latest(jobId);
            if (job.isEmpty() || cursor.isEmpty()) {
                return;
            }
            boolean told = deliveries.delivery(key).map(deliveries::cursorOf).filter(cursor.get()::equals).isPresent();
            if (told) {
                return;
            }
            if (publish(deliveries.createChanges(job.get(), cursor.get(), clock.millis()), WebhookChange.CREATED, "changes event")) {
                schedule(key, 0);
            } else {
                execute(writeRetry, () -> createChanges(jobId));
            }
        });
    }

    /** Deletes the delivery of a purged job from the topic (this store has already dropped it). */
    private void forget(String jobId) {
        inOwnedPartition(jobId, () -> {
            try {
                deliveries.delete(jobId);
            } catch (ApiException e) {
                log.warn("Webhook of purged job {} not deleted from {}: {}", jobId, Topics.WEBHOOK_DELIVERIES, e.getMessage());
            }
        });
    }

    /** Publishes a delivery an older version kept in this store only; its next attempt follows from the topic. */
    private void publishLegacy(WebhookDelivery kept) {
        inOwnedPartition(kept.jobId(), () -> {
            boolean stillLegacy = store.webhooks().get(kept.jobId()).map(WebhookDeliveries::isLegacy).orElse(false);
            if (stillLegacy && !publish(kept, WebhookChange.CREATED, "delivery kept by an older version")) {
                execute(writeRetry, () -> publishLegacy(kept));
            }
        });
    }

    private void attempt(String jobId) {
        inOwnedPartition(jobId, () -> {
            WebhookDelivery notWritten = unrecorded.get(jobId);
            if (notWritten != null) {
                recordAndGoOn(notWritten);
                return;
            }
            Optional<WebhookDelivery> stored = store.webhooks().get(jobId).filter(v -> !WebhookDeliveries.isLegacy(v))
                    .flatMap(deliveries::decodeStored);
            if (stored.isEmpty()) {
                return;
            }
            WebhookDelivery d = stored.get();
            long now = clock.millis();
            if (d.redeliveryPending()) {
                d = d.restart(now);
                if (!publish(d, WebhookChange.REDELIVERY_STARTED, "redelivery started")) {
                    schedule(jobId, writeRetry.toMillis());
                    return;
                }
            }
            if (!WebhookDelivery.PENDING.equals(d.status())) {
                return;
            }
            if (d.nextAttemptAtMillis() != null && now < d.nextAttemptAtMillis()) {
                return; // a stale task: another is scheduled for the due time
            }
            int number = d.nextAttemptNumber();
            Result result = send(d, number);
            if (result == null) {
                return; // shutting down
            }
            String at = Instant.ofEpochMilli(now).toString();
            WebhookDelivery next;
            if (result.delivered()) {
                next = d.after(new WebhookDelivery.Attempt(number, at, result.status(), null, null),
                        WebhookDelivery.DELIVERED, d.failuresInWindow(), null);
                metrics.webhookAttempt(ApiMetricNames.DELIVERED);
                log.info("Webhook of job {} delivered on attempt {}", jobId, number);
            } else {
                int failures = d.failuresInWindow() + 1;
                long due = clock.millis() + backoff.delay(failures, ThreadLocalRandom.current()::nextDouble).toMillis();
                boolean giveUp = result.permanent() || due > d.windowStartMillis() + settings.maxElapsed().toMillis();
                next = d.after(new WebhookDelivery.Attempt(number, at, result.status(), result.error(),
                                giveUp ? null : Instant.ofEpochMilli(due).toString()),
                        giveUp ? WebhookDelivery.FAILED : WebhookDelivery.PENDING, failures, giveUp ? null : due);
                metrics.webhookAttempt(giveUp ? ApiMetricNames.FAILED : ApiMetricNames.RETRY);
                log.warn("Webhook of job {} attempt {} failed ({}){}", jobId, number, result.error(),
                        giveUp ? ": giving up" : ", next in " + Duration.ofMillis(Math.max(0, due - clock.millis())));
            }
            unrecorded.put(jobId, next);
            recordAndGoOn(next);
        });
    }

    /** Writes an attempt's result, then schedules the next attempt; writes it again later when Kafka did not take it. */
    private void recordAndGoOn(WebhookDelivery result) {
        String jobId = result.jobId();
        if (store.progress().get(WebhookKeys.jobOf(jobId)).isEmpty()) {
            // purged while the attempt was in flight: writing its result would bring the delivery back
            unrecorded.remove(jobId);
            log.info("Webhook of job {} dropped: the job was purged", jobId);
            return;
        }
        if (!publish(result, WebhookChange.ATTEMPTED, "result of attempt " + (result.nextAttemptNumber() - 1))) {
            schedule(jobId, writeRetry.toMillis());
            return;
        }
        unrecorded.remove(jobId);
        if (WebhookDelivery.PENDING.equals(result.status())) {
            schedule(jobId, result.nextAttemptAtMillis() - clock.millis());
        }
    }

    /** Runs {@code work} under the lock if this instance owns the job; never throws. */
    private void inOwnedPartition(String jobId, Runnable work) {
        working.lock();
        try {
            if (ownership.owns(jobId)) {
                work.run();
            }
        } catch (StoreException e) {
            log.warn("Webhook of job {} not handled: {}", jobId, e.getMessage()); // the store is closing
        } catch (RuntimeException e) {
            log.error("Webhook of job {} failed unexpectedly", jobId, e);
        } finally {
            working.unlock();
        }
    }

    /** Writes a change to the topic; false (logged) when Kafka did not acknowledge it. */
    private boolean publish(WebhookDelivery d, WebhookChange change, String what) {
        try {
            deliveries.write(d, change);
            return true;
        } catch (ApiException e) {
            log.warn("Webhook of job {}: {} not written to {}, trying again in {}: {}", d.jobId(), what,
                    Topics.WEBHOOK_DELIVERIES, writeRetry, e.getCause() == null ? e.getMessage() : e.getCause().toString());
            return false;
        }
    }

    private void schedule(String jobId, long delayMillis) {
        execute(Duration.ofMillis(Math.max(0, delayMillis)), () -> attempt(jobId));
    }

    private void execute(Runnable task) {
        execute(Duration.ZERO, task);
    }

    private void execute(Duration delay, Runnable task) {
        try {
            scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down
        }
    }

    private record Result(boolean delivered, boolean permanent, Integer status, String error) {
    }

    private Result send(WebhookDelivery d, int number) {
        URI uri;
        List<InetAddress> checked;
        try {
            uri = policy.parse(d.url());
            // resolved again now, and the connection goes to what was checked: the host may point elsewhere by now
            checked = policy.addresses(uri);
        } catch (ApiException e) {
            return new Result(false, true, null, e.code().code() + " " + e.getMessage());
        }
        Optional<String> secret = settings.secret(d.organisation());
        if (secret.isEmpty()) {
            return new Result(false, true, null, "no webhook secret is configured for the organisation");
        }
        byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", "Vitalink-Webhooks/1");
        headers.put(DELIVERY_ID_HEADER, d.deliveryId());
        headers.put(EVENT_HEADER, WebhookKeys.event(d.jobId()));
        headers.put(ATTEMPT_HEADER, Integer.toString(number));
        headers.put(WebhookSigner.HEADER, WebhookSigner.header(secret.get(), clock.instant().getEpochSecond(), body));
        try {
            CallbackSender.Answer answer = sender.post(uri, checked.get(0), headers, body);
            if (answer.status() == null) {
                return new Result(false, false, null, answer.failure());
            }
            int status = answer.status();
            return status >= 200 && status < 300
                    ? new Result(true, false, status, null)
                    : new Result(false, false, status, "HTTP " + status);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    @PreDestroy
    public void close() {
        group.close(); // hands this instance's partitions over, after the attempt in flight
        store.notifications().setCompletionHook(null);
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.close();
    }
}
