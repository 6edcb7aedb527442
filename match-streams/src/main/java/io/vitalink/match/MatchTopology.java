package io.vitalink.match;

import io.vitalink.avro.Application;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import io.vitalink.avro.SystemConfig;
import io.vitalink.avro.WatchedRecord;
import io.vitalink.serde.Codecs;
import io.vitalink.job.ExpireJobs;
import io.vitalink.job.JobOwnership;
import io.vitalink.job.JobProgressMath;
import io.vitalink.job.JobRetention;
import io.vitalink.job.JobStates;
import io.vitalink.match.CountPerTask.Count;
import io.vitalink.match.DecodedRequest.Admission;
import io.vitalink.match.rules.Decisions;
import io.vitalink.match.rules.ProbableMatcher;
import io.vitalink.serde.RecordCodec;
import io.vitalink.settings.LiveSettings;
import io.vitalink.topic.CentreTopics;
import io.vitalink.topic.Topic;
import io.vitalink.topic.TopicSerdes;
import io.vitalink.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The whole matching flow; {@link #build} calls one method per stage, in this order:
 * <pre>
 * death-records ─► registry (table) ─► index by block (birth date + sex) ─► deaths-by-block ─► block index
 * match-requests ─decode─┬─ undecodable ─► match-requests-dlq, audit ─────────────────────────────┐
 * (and centre.*.)        └─ gate by job state ─┬─ not the centre's job ─► its dead letters (VL-4006)│
 *                                              ├─ job stopped ─► skipped ──────────────────────────┤
 *                                              └─ check ID ─┬─ invalid ──────────────┐             │
 *                                                           └─ link by ID ─┬─ linked ─┼──► write ───┤
 *           (a request keyed otherwise moves first: requests-by-id)        └ not found┤  match-results
 *                                                                                     └─ probable search (searches-by-block)
 * count per task ─► progress-by-job ◄─ job-control (and centre.*.); sum ─► job-progress ─► job-states (global table)
 * a centre's results, dead letters and jobs' progress also go to its own centre.<org>.* topics
 * applications (global table) ─► a job opened on a centre's topics runs under its organisation's approved application,
 *   else FAILED (VL-4010..VL-4016); every result keeps only the field groups of its job's application before write
 *   (keep-approved-fields), and a watched job's later results stop once that application has expired or been revoked
 * every retention check (wall clock): stalled jobs ─► FAILED; jobs older than the retention ─► tombstone
 * system-config ─► settings (global table): threshold, margin and retention in force, read where they are used
 * </pre>
 * A request keyed by its sealed normalised ID (as the API and the Kafka contract key it) sits on the partition of
 * its death record and is linked with no repartition: one sealed Kafka hop, from match-requests to match-results.
 * Only a request the ID cannot link travels once more, to the partition of its block. Counters are summed per task
 * and sent per job on a wall-clock schedule, not per request.
 */
public final class MatchTopology {

    public static final String DEATH_RECORDS_STORE = "death-records-store";
    public static final String JOB_PROGRESS_STORE = "job-progress-store";
    public static final String JOB_STATES_STORE = "job-states-store";
    public static final String APPLICATIONS_STORE = "applications-store";
    public static final String JOB_TALLIES_STORE = "job-tallies-store";
    public static final String DEATH_BLOCKS_BY_ID_STORE = "death-blocks-by-id-store";
    public static final String DEATH_BLOCK_INDEX_STORE = "death-block-index-store";
    public static final String OPENED_BLOCKS_STORE = "opened-blocks";
    public static final String WATCHED_BY_ID_STORE = "watched-by-id-store";
    public static final String WATCHED_BY_BLOCK_STORE = "watched-by-block-store";
    public static final String REQUESTS_BY_ID = "requests-by-id";
    public static final String DEATHS_BY_BLOCK = "deaths-by-block";
    public static final String SEARCHES_BY_BLOCK = "searches-by-block";
    public static final String PROGRESS_BY_JOB = "progress-by-job";
    public static final String WATCHED_DEATHS_BY_BLOCK = "watched-deaths-by-block";

    private static final Serde<String> KEYS = Serdes.String();

    /**
     * How the flow decides and counts.
     *
     * @param partitions the partition count of match-requests and death-records (equal, as the services create them)
     * @param countEvery how often each task sends its per-job counts on
     * @param openedDeaths how many deaths, per task, a probable search keeps opened in memory ({@link OpenedBlocks})
     * @param centres the organisations given their own topics
     */
    public record Options(ProbableMatcher matcher, JobRetention retention, MatchMetrics metrics, int partitions,
                          Duration countEvery, int openedDeaths, Set<String> centres) {

        public static final Duration COUNT_EVERY = Duration.ofMillis(200);
        public static final int OPENED_DEATHS = 200_000;

        public static Options of(ProbableMatcher matcher, int partitions) {
            return new Options(matcher, JobRetention.defaults(), MatchMetrics.NONE, partitions, COUNT_EVERY, OPENED_DEATHS, Set.of());
        }

        public Options withOpenedDeaths(int openedDeaths) {
            return new Options(matcher, retention, metrics, partitions, countEvery, openedDeaths, centres);
        }

        public Options withRetention(JobRetention retention) {
            return new Options(matcher, retention, metrics, partitions, countEvery, openedDeaths, centres);
        }

        public Options withMetrics(MatchMetrics metrics) {
            return new Options(matcher, retention, metrics, partitions, countEvery, openedDeaths, centres);
        }

        public Options withCountEvery(Duration countEvery) {
            return new Options(matcher, retention, metrics, partitions, countEvery, openedDeaths, centres);
        }

        /** The organisations whose jobs' progress also goes to their own progress topic ({@link CentreTopics}). */
        public Options withCentres(Set<String> centres) {
            centres.forEach(CentreTopics::requireOrganisation);
            return new Options(matcher, retention, metrics, partitions, countEvery, openedDeaths, Set.copyOf(centres));
        }
    }

    private final StreamsBuilder builder = new StreamsBuilder();
    private final Clock clock;
    private final Options options;
    private final TopicSerdes serdes;
    private final RecordCodec<MatchRequest> requests;
    // deaths stay the bytes of death-records in the table, the block index and between them: decoded only where
    // read, and opened only when one links by ID or a probable search scores it (see FindProbable)
    private final Serde<byte[]> sealedDeaths = Serdes.ByteArray();
    private final Serde<JobProgress> progress;
    private final Rematching rematching;

    private MatchTopology(Clock clock, Options options, TopicSerdes serdes) {
        this.clock = clock;
        this.options = options;
        this.serdes = serdes;
        this.requests = serdes.codec(MatchRequest.class);
        this.progress = serdes.serde(JobProgress.class);
        this.rematching = new Rematching(options.matcher(), clock, serdes.protection(), requests, serdes.codec(MatchResult.class),
                options.retention().checkEvery());
    }

    /**
     * Every serde comes from {@code serdes}: identifiers, names and causes of death are sealed in every topic,
     * repartition, changelog and store, and clear only in this process's memory.
     *
     * @param clock gives decision times and "today" for birth-date checks
     * @param config the Streams configuration, so that optimisations are applied as they will run
     */
    public static Topology build(Clock clock, Options options, Properties config, TopicSerdes serdes) {
        MatchTopology flow = new MatchTopology(clock, options, serdes);
        KStream<String, byte[]> deathChanges = flow.registry();
        KStream<String, BlockChange> blockChanges = flow.indexByBlock(deathChanges);
        GlobalKTable<String, JobProgress> jobStates = flow.jobStates();
        Map<String, KStream<String, DecodedRequest>> decoded = flow.decode();
        Map<String, KStream<String, DecodedRequest>> gated = flow.gateByJobState(decoded.get("request-decoded"), jobStates);
        KStream<String, Count> deadLetters = flow.deadLetter(decoded.get("request-undecodable"), gated.get("job-not-owned"), jobStates);
        KStream<String, Count> skipped = flow.skip(gated.get("job-stopped"));
        Map<String, KStream<String, CheckedRequest>> checked = flow.checkId(gated.get("job-active"));
        Map<String, KStream<String, Decided>> byId = flow.linkById(checked.get("id-valid"));
        Map<String, KStream<String, Decided>> unlinked = flow.unlinked(byId.get("by-id-not-found"), checked.get("id-invalid"));
        KStream<String, MatchResult> probable = flow.searchProbable(unlinked.get("unlinked-searchable"));
        KStream<String, MatchResult> changes = flow.rematchWatched(deathChanges, blockChanges);
        KStream<String, MatchResult> results = flow.write(byId.get("by-id-linked"), unlinked.get("unlinked-final"), probable, changes);
        flow.count(results, deadLetters, skipped);
        // last: the sub-topologies before them keep their numbers, and so their tasks and state
        flow.settings();
        flow.applications();
        return flow.builder.build(config);
    }

    /**
     * The settings an administrator changes at run time (threshold and margin, retention), on every instance: read
     * where they are used ({@link LiveSettings}), so a change applies without a restart.
     */
    private void settings() {
        builder.globalTable(Topics.SYSTEM_CONFIG.name(),
                Consumed.with(KEYS, Codecs.serde(SystemConfig.class)).withName("read-system-config"),
                Materialized.<String, SystemConfig, KeyValueStore<Bytes, byte[]>>as(LiveSettings.STORE)
                        .withKeySerde(KEYS).withValueSerde(Codecs.serde(SystemConfig.class)));
    }

    /**
     * The death registry, keyed by sealed ID; its table's changelog is death-records itself. Watched records that
     * their ID decided are kept beside it, on the partition of their ID.
     */
    private KStream<String, byte[]> registry() {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(WATCHED_BY_ID_STORE), KEYS, Codecs.serde(WatchedRecord.class)).withCachingEnabled());
        return builder.table(Topics.DEATH_RECORDS.name(),
                        Consumed.with(KEYS, sealedDeaths).withName("read-death-records"),
                        Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(DEATH_RECORDS_STORE)
                                .withKeySerde(KEYS).withValueSerde(sealedDeaths).withCachingDisabled())
                .toStream(Named.as("death-changes"));
    }

    /**
     * Every change of the registry becomes a change of the block index, on the partition of its block, where
     * watched records that their block's search decided are kept.
     */
    private KStream<String, BlockChange> indexByBlock(KStream<String, byte[]> deathChanges) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(DEATH_BLOCKS_BY_ID_STORE), KEYS, KEYS));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(DEATH_BLOCK_INDEX_STORE), KEYS, sealedDeaths));
        builder.addStateStore(OpenedBlocks.builder(OPENED_BLOCKS_STORE, options.openedDeaths()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(WATCHED_BY_BLOCK_STORE), KEYS, Codecs.serde(WatchedRecord.class)).withCachingEnabled());
        return deathChanges
                .process(() -> new IndexDeath(serdes.cipher()), Named.as("index-death"), DEATH_BLOCKS_BY_ID_STORE)
                .repartition(Repartitioned.<String, byte[]>as(DEATHS_BY_BLOCK)
                        .withKeySerde(KEYS).withValueSerde(sealedDeaths).withStreamPartitioner(new BlockPartitioner<>()))
                .process(StoreBlockEntry::new, Named.as("store-block-entry"), DEATH_BLOCK_INDEX_STORE, OPENED_BLOCKS_STORE);
    }

    /**
     * Decoded here rather than by a deserializer, so that bad bytes become a dead letter that counts for its job. Read
     * from the shared topic and every centre's own: the topic is the request's origin.
     */
    private Map<String, KStream<String, DecodedRequest>> decode() {
        return builder
                .stream(CentreTopics.sharedOrAnyCentre(Topics.MATCH_REQUESTS),
                        Consumed.with(KEYS, Serdes.ByteArray()).withName("read-match-requests"))
                .processValues(() -> new DecodeRequest(requests), Named.as("decode-request"))
                .split(Named.as("request-"))
                .branch((key, request) -> request.isDecoded(), Branched.as("decoded"))
                .defaultBranch(Branched.as("undecodable"));
    }

    /**
     * Dead letters keep their bytes and headers, go to the dead-letter topic of where they came from, and still count
     * for their job, unless they came from a centre that does not own it.
     */
    private KStream<String, Count> deadLetter(KStream<String, DecodedRequest> undecodable, KStream<String, DecodedRequest> notOwned,
                                              GlobalKTable<String, JobProgress> jobStates) {
        KStream<String, DecodedRequest> observed = undecodable
                .merge(notOwned.processValues(RefuseNotOwned::new, Named.as("refuse-not-owned")), Named.as("merge-refused"))
                .peek((key, request) -> options.metrics().deadLettered(request.errorCode()), Named.as("observe-dead-letter"));
        observed.mapValues(DecodedRequest::raw, Named.as("dead-letter-bytes"))
                .to(new FromCentre.TopicOf<>(Topics.MATCH_REQUESTS_DLQ), produced(Topics.MATCH_REQUESTS_DLQ, "write-dead-letters"));
        KStream<String, DecodedRequest> attributable = observed
                .filter((key, request) -> request.jobId() != null, Named.as("dead-letters-with-job"));
        attributable.selectKey((key, request) -> request.jobId(), Named.as("key-dead-letter-by-job"))
                .mapValues(request -> Decisions.deadLetter(request.jobId(), request.errorCode(), request.errorMessage(),
                        clock.instant()), Named.as("audit-dead-letter"))
                .to(Topics.AUDIT.name(), produced(Topics.AUDIT, "write-dead-letter-audit"));
        return attributable
                .filter((key, request) -> request.admission() != Admission.NOT_OWNED, Named.as("dead-letters-not-refused"))
                .leftJoin(jobStates, (key, request) -> request.jobId(),
                        (request, job) -> JobOwnership.takesRequest(request.origin(), job) ? request : request.admitted(Admission.NOT_OWNED),
                        Named.as("look-up-dead-letter-job"))
                .filter((key, request) -> request.admission() != Admission.NOT_OWNED, Named.as("dead-letters-of-own-jobs"))
                .mapValues(request -> new Count(request.jobId(), tally -> tally.withDeadLetter(clock.instant())),
                        Named.as("count-dead-letter"));
    }

    /** Every instance sees every job's state: a request's partition says nothing about its job. */
    private GlobalKTable<String, JobProgress> jobStates() {
        return builder.globalTable(Topics.JOB_PROGRESS.name(),
                Consumed.with(serdes.key(Topics.JOB_PROGRESS), progress).withName("read-job-states"),
                Materialized.<String, JobProgress, KeyValueStore<Bytes, byte[]>>as(JOB_STATES_STORE)
                        .withKeySerde(KEYS).withValueSerde(progress));
    }

    /**
     * Every instance sees every data-use application: a job opened on a centre's own topics is checked against them,
     * and a watched job's later results stop once its application has ended.
     */
    private void applications() {
        builder.globalTable(Topics.APPLICATIONS.name(),
                Consumed.with(serdes.key(Topics.APPLICATIONS), serdes.value(Topics.APPLICATIONS)).withName("read-applications"),
                Materialized.<String, Application, KeyValueStore<Bytes, byte[]>>as(APPLICATIONS_STORE)
                        .withKeySerde(KEYS).withValueSerde(serdes.value(Topics.APPLICATIONS)));
    }

    /** A request of a stopped job is skipped; one from a centre for a job that is not the centre's is refused. */
    private Map<String, KStream<String, DecodedRequest>> gateByJobState(KStream<String, DecodedRequest> decoded,
                                                                         GlobalKTable<String, JobProgress> jobStates) {
        return decoded
                .leftJoin(jobStates, (key, request) -> request.jobId(),
                        (request, job) -> request.admitted(admission(request, job)), Named.as("look-up-job-state"))
                .split(Named.as("job-"))
                .branch((key, request) -> request.admission() == Admission.NOT_OWNED, Branched.as("not-owned"))
                .branch((key, request) -> request.admission() == Admission.STOPPED, Branched.as("stopped"))
                .defaultBranch(Branched.as("active"));
    }

    private static Admission admission(DecodedRequest request, JobProgress job) {
        if (!JobOwnership.takesRequest(request.origin(), job)) {
            return Admission.NOT_OWNED;
        }
        return job != null && JobStates.isStopped(job.getState()) ? Admission.STOPPED : Admission.ACTIVE;
    }

    private KStream<String, Count> skip(KStream<String, DecodedRequest> stopped) {
        return stopped
                .peek((key, request) -> options.metrics().skipped(), Named.as("observe-skipped"))
                .mapValues(request -> new Count(request.jobId(), tally -> tally.withSkipped(clock.instant())),
                        Named.as("count-skipped"));
    }

    private Map<String, KStream<String, CheckedRequest>> checkId(KStream<String, DecodedRequest> active) {
        return active
                .mapValues(request -> CheckedRequest.of(request, LocalDate.now(clock)), Named.as("check-id"))
                .split(Named.as("id-"))
                .branch((key, request) -> request.isValid(), Branched.as("valid"))
                .defaultBranch(Branched.as("invalid"));
    }

    /**
     * Links where the request is when it is keyed by its sealed ID; a request keyed otherwise moves to the
     * partition of its ID once, still sealed as its producer sealed it, and is linked there.
     */
    private Map<String, KStream<String, Decided>> linkById(KStream<String, CheckedRequest> valid) {
        Map<String, KStream<String, Linked>> here = valid
                .processValues(() -> new LinkById(clock, serdes.protection(), options.partitions(), false),
                        Named.as("link-by-id"), DEATH_RECORDS_STORE)
                .split(Named.as("link-"))
                .branch((key, linked) -> linked.isDecided(), Branched.as("decided"))
                .defaultBranch(Branched.as("elsewhere"));
        KStream<String, Decided> moved = here.get("link-elsewhere")
                .map((key, linked) -> KeyValue.pair(linked.sealedId(), linked.raw()), Named.as("key-request-by-id"))
                .repartition(Repartitioned.<String, byte[]>as(REQUESTS_BY_ID)
                        .withKeySerde(KEYS).withValueSerde(Serdes.ByteArray()).withNumberOfPartitions(options.partitions()))
                .mapValues(raw -> CheckedRequest.ofSealed(requests, raw, LocalDate.now(clock)),
                        Named.as("reopen-moved-request"))
                .processValues(() -> new LinkById(clock, serdes.protection(), options.partitions(), true),
                        Named.as("link-moved-by-id"), DEATH_RECORDS_STORE)
                .mapValues(Linked::decided, Named.as("moved-decided"));
        return here.get("link-decided")
                .mapValues(Linked::decided, Named.as("decided-here"))
                .merge(moved, Named.as("linked-by-id"))
                .processValues(() -> new RegisterWatched(rematching, WATCHED_BY_ID_STORE), Named.as("register-watched-by-id"),
                        WATCHED_BY_ID_STORE)
                .split(Named.as("by-id-"))
                .branch((key, decided) -> decided.result().getOutcome() != Outcome.NOT_FOUND, Branched.as("linked"))
                .defaultBranch(Branched.as("not-found"));
    }

    /** Requests without a usable ID: those with a name and a block are searched, the others are decided. */
    private Map<String, KStream<String, Decided>> unlinked(KStream<String, Decided> notFound,
                                                           KStream<String, CheckedRequest> invalid) {
        return notFound
                .merge(invalid.mapValues(request -> Decided.of(request.request(),
                                Decisions.invalid(request.request(), request.rejectionCode(), clock.instant()), false, request.raw()),
                        Named.as("decide-invalid")), Named.as("unlinked"))
                .split(Named.as("unlinked-"))
                .branch((key, decided) -> decided.block() != null, Branched.as("searchable"))
                .defaultBranch(Branched.as("final"));
    }

    /** Deaths of the same birth date and sex, scored by name on the partition of their block. */
    private KStream<String, MatchResult> searchProbable(KStream<String, Decided> searchable) {
        return searchable
                .map((key, decided) -> KeyValue.pair(decided.block(), decided.raw()), Named.as("key-search-by-block"))
                .repartition(Repartitioned.<String, byte[]>as(SEARCHES_BY_BLOCK)
                        .withKeySerde(KEYS).withValueSerde(Serdes.ByteArray()).withStreamPartitioner(new BlockPartitioner<>()))
                .processValues(() -> new FindProbable(options.matcher(), clock, serdes.protection(), requests),
                        Named.as("find-probable"), DEATH_BLOCK_INDEX_STORE, OPENED_BLOCKS_STORE)
                .processValues(() -> new RegisterWatched(rematching, WATCHED_BY_BLOCK_STORE),
                        Named.as("register-watched-by-block"), WATCHED_BY_BLOCK_STORE)
                .mapValues(Decided::result, Named.as("searched-result"));
    }

    /**
     * A change of the registry decides the watched records it touches again, where they are kept: by ID beside the
     * registry, by block beside the block index. Only results that change go on, marked with their trigger.
     */
    private KStream<String, MatchResult> rematchWatched(KStream<String, byte[]> deathChanges,
                                                        KStream<String, BlockChange> blockChanges) {
        Map<String, KStream<String, Rematched>> rematched = deathChanges
                .processValues(() -> new RematchById(rematching),
                        Named.as("rematch-watched-by-id"), WATCHED_BY_ID_STORE)
                .split(Named.as("rematched-"))
                .branch((key, r) -> r.isChange(), Branched.as("change"))
                .defaultBranch(Branched.as("forward"));
        KStream<String, MatchResult> byId = rematched.get("rematched-change").mapValues(Rematched::change, Named.as("rematched-by-id"));
        // the death record of a record's own ID goes to the block where the record is decided, whatever its own block
        KStream<String, MatchResult> relinked = rematched.get("rematched-forward")
                .map((key, r) -> KeyValue.pair(r.blockKey(), r.death()), Named.as("key-own-death-by-record"))
                .repartition(Repartitioned.<String, byte[]>as(WATCHED_DEATHS_BY_BLOCK)
                        .withKeySerde(KEYS).withValueSerde(sealedDeaths).withStreamPartitioner(new BlockPartitioner<>()))
                .process(() -> new RelinkById(rematching),
                        Named.as("relink-watched-by-id"), WATCHED_BY_BLOCK_STORE, DEATH_BLOCK_INDEX_STORE, OPENED_BLOCKS_STORE);
        KStream<String, MatchResult> byBlock = blockChanges
                .process(() -> new RematchBlock(rematching),
                        Named.as("rematch-watched-by-block"), WATCHED_BY_BLOCK_STORE, DEATH_BLOCK_INDEX_STORE, OPENED_BLOCKS_STORE);
        return byId.merge(relinked, Named.as("merge-relinked")).merge(byBlock, Named.as("watched-changes"));
    }

    /** The result is the decision's record: job, record, outcome, rule and reason; no second copy goes to audit. */
    private KStream<String, MatchResult> write(KStream<String, Decided> linked, KStream<String, Decided> decided,
                                               KStream<String, MatchResult> probable, KStream<String, MatchResult> changes) {
        KStream<String, MatchResult> results = linked
                .mapValues(Decided::result, Named.as("linked-by-id-result"))
                .merge(decided.mapValues(Decided::result, Named.as("not-searchable")), Named.as("merge-not-searchable"))
                .merge(probable, Named.as("merge-searched"))
                .merge(changes, Named.as("all-decisions"))
                .processValues(() -> new KeepApprovedFields(clock, options.metrics()), Named.as("keep-approved-fields"))
                .selectKey((key, result) -> result.getJobId(), Named.as("key-result-by-job"))
                .peek((jobId, result) -> observe(result), Named.as("observe-decision"));
        results.to(Topics.MATCH_RESULTS.name(), produced(Topics.MATCH_RESULTS, "write-match-results"));
        // the API reads the shared topic; a centre reads its own copy, without the review's comparison
        results.processValues(FromCentre<MatchResult>::new, Named.as("keep-centre-results"))
                .mapValues(FromCentre::withoutComparison, Named.as("strip-review-comparison"))
                .to(new FromCentre.TopicOf<>(Topics.MATCH_RESULTS), produced(Topics.MATCH_RESULTS, "write-centre-results"));
        return results;
    }

    /**
     * Each task sums its counts per job and sends them on every {@link Options#countEvery}; job-control adds the
     * job's opening, end marker and stop. Progress is a sum, so the order of deltas does not matter.
     */
    private void count(KStream<String, MatchResult> results, KStream<String, Count> deadLetters, KStream<String, Count> skipped) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(JOB_TALLIES_STORE), KEYS, new TallySerde()).withCachingEnabled());
        KStream<String, JobProgress> perTask = results
                .mapValues(result -> new Count(result.getJobId(), tally -> tally.withResult(result)), Named.as("count-decision"))
                .merge(deadLetters, Named.as("merge-dead-letter-counts"))
                .merge(skipped, Named.as("merge-skipped-counts"))
                .process(() -> new CountPerTask(options.countEvery()), Named.as("count-per-task"), JOB_TALLIES_STORE);
        KStream<String, JobProgress> control = builder
                .stream(CentreTopics.sharedOrAnyCentre(Topics.JOB_CONTROL),
                        Consumed.with(serdes.key(Topics.JOB_CONTROL), serdes.value(Topics.JOB_CONTROL)).withName("read-job-control"))
                .filter((jobId, event) -> event != null, Named.as("drop-empty-control"))
                .processValues(() -> new ControlToProgress(clock), Named.as("control-to-progress"));
        KStream<String, JobProgress> published = perTask.merge(control, Named.as("merge-control"))
                .groupByKey(Grouped.with(PROGRESS_BY_JOB, KEYS, progress))
                .aggregate(() -> null, this::sum, Named.as("sum-progress"),
                        Materialized.<String, JobProgress, KeyValueStore<Bytes, byte[]>>as(JOB_PROGRESS_STORE)
                                .withKeySerde(KEYS).withValueSerde(progress))
                .toStream(Named.as("progress-changes"))
                // without its owner the API would hide the job (null: the echo of a purge)
                .filter((jobId, total) -> total == null || JobProgressMath.publishable(total), Named.as("hold-until-opened"))
                // the aggregate keeps its cache (one record per job per commit); expiry shares its store
                .process(() -> new ExpireJobs(options.retention(), JOB_PROGRESS_STORE), Named.as("expire-jobs"), JOB_PROGRESS_STORE);
        published.to(Topics.JOB_PROGRESS.name(), produced(Topics.JOB_PROGRESS, "write-job-progress"));
        published.filter((jobId, total) -> total != null && total.getOrganisation() != null
                                && options.centres().contains(total.getOrganisation()),
                        Named.as("keep-centre-progress"))
                .to(new FromCentre.OwnerProgress(),
                        produced(Topics.JOB_PROGRESS, "write-centre-progress"));
    }

    private void observe(MatchResult result) {
        if (result.getTrigger() == null) {
            options.metrics().decided(result.getOutcome());
        } else {
            options.metrics().changed(result.getTrigger());
        }
    }

    /** A centre's control record of another organisation's job changes nothing. */
    private JobProgress sum(String jobId, JobProgress delta, JobProgress total) {
        JobProgress job = total == null ? JobProgressMath.empty(jobId) : total;
        if (!JobOwnership.takesControl(job, delta)) {
            options.metrics().controlRefused();
            return job;
        }
        return JobProgressMath.merge(job, delta);
    }

    private <K, V> Produced<K, V> produced(Topic<K, V> topic, String name) {
        return Produced.with(serdes.key(topic), serdes.value(topic)).withName(name);
    }
}
