package io.vitalink.match;

import io.vitalink.avro.JobProgress;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.WatchedRecord;
import io.vitalink.serde.RecordCodec;
import io.vitalink.watch.Watches;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;

/**
 * The records of watched jobs on this task, keyed {@code <where>|jobId|recordId}, where {@code <where>} is what a
 * change of the registry names: the sealed ID of the death record ({@link MatchTopology#WATCHED_BY_ID_STORE}) or the
 * block ({@link MatchTopology#WATCHED_BY_BLOCK_STORE}). Requests and results stay sealed in the store.
 */
final class WatchRegistry {

    private static final char SEPARATOR = '|';
    private static final StringSerializer KEYS = new StringSerializer();
    /** A sweep holds this many entries at a time, however large the store. */
    private static final int SWEEP_CHUNK = 10_000;

    /** One registered record. */
    record Entry(String key, WatchedRecord watched) {
    }

    private final KeyValueStore<String, WatchedRecord> store;
    private final RecordCodec<MatchResult> results;
    private final WatchedJobs jobs;
    private final Clock clock;

    WatchRegistry(KeyValueStore<String, WatchedRecord> store, RecordCodec<MatchResult> results, WatchedJobs jobs, Clock clock) {
        this.store = store;
        this.results = results;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** The registry of {@code storeName} as a processor of the flow sees it, with jobs from job-states. */
    static WatchRegistry open(ProcessingContext context, String storeName, RecordCodec<MatchResult> results, Clock clock) {
        KeyValueStore<String, WatchedRecord> store = context.getStateStore(storeName);
        TimestampedKeyValueStore<String, JobProgress> jobs = context.getStateStore(MatchTopology.JOB_STATES_STORE);
        return new WatchRegistry(store, results, new WatchedJobs(jobs), clock);
    }

    static String prefix(String where) {
        return where + SEPARATOR;
    }

    /** The key of a record registered under {@code where}. */
    static String key(String where, String jobId, String recordId) {
        return prefix(where) + jobId + SEPARATOR + recordId;
    }

    /** The record id of an entry registered under {@code where}. */
    static String recordIdOf(String where, Entry entry) {
        return entry.key().substring(prefix(where).length() + entry.watched().getJobId().length() + 1);
    }

    /** Registers the record of {@code result} when its job is watched (or not known here yet). */
    void registerIfWatched(String where, MatchResult result, byte[] request) {
        registerIfWatched(where, result, request, null);
    }

    /**
     * Registers the record, decided by {@code block}'s search when it is not null: then this entry only forwards
     * changes of the death record of its ID there ({@link RematchById}).
     */
    void registerIfWatched(String where, MatchResult result, byte[] request, String block) {
        if (!jobs.registers(result.getJobId(), LocalDate.now(clock))) {
            return;
        }
        store.put(key(where, result.getJobId(), result.getRecordId()),
                new WatchedRecord(result.getJobId(), ByteBuffer.wrap(request), ByteBuffer.wrap(results.encode(result)),
                        clock.instant(), block, null));
    }

    /** The record registered under {@code key} if its watch is active; forgotten if its watch is over. */
    Optional<Entry> active(Entry candidate) {
        return keepActive(List.of(candidate)).stream().findFirst();
    }

    Optional<Entry> get(String key) {
        WatchedRecord watched = store.get(key);
        return watched == null ? Optional.empty() : Optional.of(new Entry(key, watched));
    }

    /** The entry with the death record of the record's own ID as last forwarded (null: none), stored. */
    Entry withOwnDeath(Entry entry, byte[] death) {
        WatchedRecord w = entry.watched();
        WatchedRecord updated = new WatchedRecord(w.getJobId(), w.getRequest(), w.getResult(), w.getRegisteredAt(), w.getBlock(),
                death == null ? null : ByteBuffer.wrap(death));
        store.put(entry.key(), updated);
        return new Entry(entry.key(), updated);
    }

    static byte[] ownDeath(Entry entry) {
        return entry.watched().getOwnDeath() == null ? null : bytes(entry.watched().getOwnDeath());
    }

    /** The records registered under {@code where} whose watch is active; those whose watch is over are forgotten. */
    List<Entry> active(String where) {
        List<Entry> found = new ArrayList<>();
        try (KeyValueIterator<String, WatchedRecord> entries = store.prefixScan(prefix(where), KEYS)) {
            entries.forEachRemaining(entry -> found.add(new Entry(entry.key, entry.value)));
        }
        return keepActive(found);
    }

    /**
     * The entries whose watch is active; those whose watch is over are forgotten, those of a job not known yet kept
     * for later. A block holds many records of one cohort: its job is read once.
     */
    private List<Entry> keepActive(List<Entry> entries) {
        Map<String, JobProgress> jobsRead = new HashMap<>();
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock);
        List<Entry> active = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            JobProgress job = jobsRead.computeIfAbsent(entry.watched().getJobId(), jobs::job);
            switch (Watches.status(job, entry.watched().getRegisteredAt(), now, today)) {
                case ACTIVE -> active.add(entry);
                case ENDED -> store.delete(entry.key());
                case PENDING -> { }
            }
        }
        return active;
    }

    byte[] request(Entry entry) {
        return bytes(entry.watched().getRequest());
    }

    /**
     * Remembers {@code next} as the record's result when it changes what the record's latest result said, and
     * returns the change to send.
     */
    Optional<MatchResult> changeTo(Entry entry, MatchResult next) {
        MatchResult latest = results.decode(bytes(entry.watched().getResult()));
        Optional<MatchResult> change = io.vitalink.watch.ResultChanges.change(latest, next);
        change.ifPresent(changed -> {
            WatchedRecord updated = new WatchedRecord(entry.watched().getJobId(), entry.watched().getRequest(),
                    ByteBuffer.wrap(results.encode(changed)), entry.watched().getRegisteredAt(), entry.watched().getBlock(),
                    entry.watched().getOwnDeath());
            store.put(entry.key(), updated);
        });
        return change;
    }

    /** Forgets every record whose watch is over; run on a wall-clock schedule. */
    void sweep() {
        List<Entry> chunk = new ArrayList<>(SWEEP_CHUNK);
        try (KeyValueIterator<String, WatchedRecord> entries = store.all()) {
            while (entries.hasNext()) {
                KeyValue<String, WatchedRecord> entry = entries.next();
                chunk.add(new Entry(entry.key, entry.value));
                if (chunk.size() == SWEEP_CHUNK) {
                    keepActive(chunk);
                    chunk.clear();
                }
            }
        }
        keepActive(chunk);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
