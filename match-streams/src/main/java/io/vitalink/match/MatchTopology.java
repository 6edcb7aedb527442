package io.vitalink.match;

import io.vitalink.avro.DeathRecord;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import io.vitalink.avro.ProbableSearch;
import io.vitalink.id.IdCheck;
import io.vitalink.id.ResidentIds;
import io.vitalink.job.JobProgressMath;
import io.vitalink.job.JobRetention;
import io.vitalink.serde.Codecs;
import io.vitalink.topic.JobStates;
import io.vitalink.topic.Topic;
import io.vitalink.topic.TopicSerdes;
import io.vitalink.topic.Topics;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Properties;
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
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The whole matching flow, top to bottom:
 * <pre>
 * match-requests ─decode─┬─ undecodable ─► match-requests-dlq, audit, progress
 *                        └─ job state ─┬─ job stopped (job-states) ─► skipped ─► progress
 *                                      └─ check ID ─┬─ invalid ────────┐
 *                                     └─ re-key by ID ─► left join ─┬─ linked ─┼──────────► match-results, audit, progress
 *                                           death-records (table)   └─ not found ┤                 ▲
 *                                                  │                             └─ re-key by block ─► probable search
 *                                                  └─ index by block (birth date + sex) ──────────────────┘
 * job-control ───────────────────────────────────────────────────────────────► progress
 * progress = sum of deltas per job ─► job-progress ─► job-states (global table)
 * every retention check (wall clock): stalled jobs ─► FAILED; jobs older than the retention ─► tombstone ─► job-progress
 * </pre>
 * Decisions, dead letters and skipped requests are also told to a {@link MatchMetrics} by {@code observe-*} peeks.
 */
public final class MatchTopology {

    public static final String DEATH_RECORDS_STORE = "death-records-store";
    public static final String JOB_PROGRESS_STORE = "job-progress-store";
    public static final String JOB_STATES_STORE = "job-states-store";
    public static final String REQUESTS_BY_ID = "requests-by-id";
    public static final String PROGRESS_BY_JOB = "progress-by-job";
    public static final String DEATH_BLOCKS_BY_ID_STORE = "death-blocks-by-id-store";
    public static final String DEATH_BLOCK_INDEX_STORE = "death-block-index-store";
    public static final String DEATHS_BY_BLOCK = "deaths-by-block";
    public static final String REQUESTS_BY_BLOCK = "requests-by-block";

    private static final Serde<String> KEYS = Serdes.String();

    private MatchTopology() {
    }

    /**
     * Every serde comes from {@code serdes}: identifiers, names and causes of death are sealed in every topic,
     * repartition, changelog and store, and clear only in this process's memory.
     *
     * @param clock gives decision times and "today" for birth-date checks
     * @param matcher decides probable links for requests without a usable ID
     * @param config the Streams configuration, so that optimisations are applied as they will run
     * @param serdes seal and open with the deployment's keysets
     */
    public static Topology build(Clock clock, ProbableMatcher matcher, Properties config, TopicSerdes serdes) {
        return build(clock, matcher, config, serdes, JobRetention.defaults());
    }

    /**
     * As {@link #build(Clock, ProbableMatcher, Properties, TopicSerdes)}, failing stalled jobs and purging jobs
     * older than {@code retention}: their progress leaves job-progress-store and a tombstone goes to job-progress.
     */
    public static Topology build(Clock clock, ProbableMatcher matcher, Properties config, TopicSerdes serdes,
            JobRetention retention) {
        return build(clock, matcher, config, serdes, retention, MatchMetrics.NONE);
    }

    /**
     * As {@link #build(Clock, ProbableMatcher, Properties, TopicSerdes, JobRetention)}, telling {@code metrics} of
     * every decision, dead letter and skipped request as it is processed.
     */
    public static Topology build(Clock clock, ProbableMatcher matcher, Properties config, TopicSerdes serdes,
            JobRetention retention, MatchMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        Serde<String> ids = serdes.ids();
        Serde<String> indexKeys = Blocking.indexKeySerde(serdes.cipher());
        Serde<MatchRequest> requests = serdes.serde(MatchRequest.class);
        // deaths stay sealed in the table and the block index: the join opens one only when it links by ID, and
        // a probable search opens only what it scores (see FindProbable)
        Serde<DeathRecord> sealedDeaths = Codecs.serde(DeathRecord.class);
        Serde<JobProgress> progress = serdes.serde(JobProgress.class);
        Serde<ProbableSearch> searches = serdes.serde(ProbableSearch.class);

        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(DEATH_BLOCKS_BY_ID_STORE), ids, KEYS));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(DEATH_BLOCK_INDEX_STORE), indexKeys, sealedDeaths));

        KTable<String, DeathRecord> deaths = builder.table(Topics.DEATH_RECORDS.name(),
                Consumed.with(serdes.key(Topics.DEATH_RECORDS), sealedDeaths).withName("read-death-records"),
                Materialized.<String, DeathRecord, KeyValueStore<Bytes, byte[]>>as(DEATH_RECORDS_STORE)
                        .withKeySerde(ids).withValueSerde(sealedDeaths));

        Map<String, KStream<String, DecodedRequest>> decoded = builder
                .stream(Topics.MATCH_REQUESTS.name(), Consumed.with(KEYS, Serdes.ByteArray()).withName("read-match-requests"))
                .processValues(() -> new DecodeRequest(serdes.codec(MatchRequest.class)), Named.as("decode-request"))
                .split(Named.as("request-"))
                .branch((key, request) -> request.isDecoded(), Branched.as("decoded"))
                .defaultBranch(Branched.as("undecodable"));

        // Dead letters keep their bytes and headers, and still count for their job.
        KStream<String, DecodedRequest> undecodable = decoded.get("request-undecodable")
                .peek((key, request) -> metrics.deadLettered(request.errorCode()), Named.as("observe-dead-letter"));
        undecodable.mapValues(DecodedRequest::raw, Named.as("dead-letter-bytes"))
                .to(Topics.MATCH_REQUESTS_DLQ.name(), produced(serdes, Topics.MATCH_REQUESTS_DLQ, "write-dead-letters"));
        KStream<String, DecodedRequest> attributable = undecodable
                .filter((key, request) -> request.jobId() != null, Named.as("dead-letters-with-job"))
                .selectKey((key, request) -> request.jobId(), Named.as("key-dead-letter-by-job"));
        attributable.mapValues(request -> Decisions.deadLetter(request.jobId(), request.errorCode(),
                        request.errorMessage(), clock.instant()), Named.as("audit-dead-letter"))
                .to(Topics.AUDIT.name(), produced(serdes, Topics.AUDIT, "write-dead-letter-audit"));
        KStream<String, JobProgress> deadLetterCounts = attributable.mapValues(
                request -> JobProgressMath.ofDeadLetter(request.jobId(), clock.instant()), Named.as("count-dead-letter"));

        // Every instance sees every job's state: a request's partition says nothing about its job.
        GlobalKTable<String, JobProgress> jobStates = builder.globalTable(Topics.JOB_PROGRESS.name(),
                Consumed.with(serdes.key(Topics.JOB_PROGRESS), progress).withName("read-job-states"),
                Materialized.<String, JobProgress, KeyValueStore<Bytes, byte[]>>as(JOB_STATES_STORE)
                        .withKeySerde(KEYS).withValueSerde(progress));
        Map<String, KStream<String, DecodedRequest>> gated = decoded.get("request-decoded")
                .leftJoin(jobStates, (key, request) -> request.jobId(),
                        (request, job) -> job != null && JobStates.isStopped(job.getState()) ? request.skipped() : request,
                        Named.as("look-up-job-state"))
                .split(Named.as("job-"))
                .branch((key, request) -> request.isSkipped(), Branched.as("stopped"))
                .defaultBranch(Branched.as("active"));
        KStream<String, JobProgress> skippedCounts = gated.get("job-stopped")
                .peek((key, request) -> metrics.skipped(), Named.as("observe-skipped"))
                .map((key, request) -> KeyValue.pair(request.jobId(), JobProgressMath.ofSkipped(request.jobId(), clock.instant())),
                        Named.as("count-skipped"));

        Map<String, KStream<String, CheckedRequest>> checked = gated.get("job-active")
                .mapValues(request -> CheckedRequest.of(request.request(), ResidentIds.check(
                        request.request().getIdNumber(), request.request().getIdType(), LocalDate.now(clock))), Named.as("check-id"))
                .split(Named.as("id-"))
                .branch((key, request) -> request.check() instanceof IdCheck.Valid, Branched.as("valid"))
                .defaultBranch(Branched.as("invalid"));

        KStream<String, Decided> invalid = checked.get("id-invalid")
                .mapValues(request -> Decided.of(request.request(),
                        Decisions.invalid(request.request(), request.rejectionCode(), clock.instant()), false),
                        Named.as("decide-invalid"));

        Map<String, KStream<String, Decided>> byId = checked.get("id-valid")
                .selectKey((key, request) -> request.normalisedId(), Named.as("key-request-by-id"))
                .mapValues(CheckedRequest::withNormalisedId, Named.as("normalise-request"))
                .repartition(Repartitioned.<String, MatchRequest>as(REQUESTS_BY_ID).withKeySerde(ids).withValueSerde(requests))
                .leftJoin(deaths, (request, death) -> Decided.of(request,
                                Decisions.byId(request, SealedDeaths.openOrAbsent(serdes.protection(), death), clock.instant()), true),
                        Joined.<String, MatchRequest, DeathRecord>as("join-death-records")
                                .withKeySerde(ids).withValueSerde(requests).withOtherValueSerde(sealedDeaths))
                .split(Named.as("by-id-"))
                .branch((id, decided) -> decided.result().getOutcome() != Outcome.NOT_FOUND, Branched.as("linked"))
                .defaultBranch(Branched.as("not-found"));

        // Without a usable ID: search deaths of the same birth date and sex by name.
        Map<String, KStream<String, Decided>> unlinked = byId.get("by-id-not-found")
                .merge(invalid, Named.as("unlinked"))
                .split(Named.as("unlinked-"))
                .branch((key, decided) -> decided.block() != null, Branched.as("searchable"))
                .defaultBranch(Branched.as("final"));

        deaths.toStream(Named.as("death-changes"))
                .process(IndexDeath::new, Named.as("index-death"), DEATH_BLOCKS_BY_ID_STORE)
                .repartition(Repartitioned.<String, DeathRecord>as(DEATHS_BY_BLOCK)
                        .withKeySerde(indexKeys).withValueSerde(sealedDeaths).withStreamPartitioner(new BlockPartitioner<>()))
                .process(StoreBlockEntry::new, Named.as("store-block-entry"), DEATH_BLOCK_INDEX_STORE);

        KStream<String, MatchResult> probable = unlinked.get("unlinked-searchable")
                .map((key, decided) -> KeyValue.pair(decided.block(), new ProbableSearch(decided.request(), decided.result().getReasonCode())),
                        Named.as("key-search-by-block"))
                .repartition(Repartitioned.<String, ProbableSearch>as(REQUESTS_BY_BLOCK)
                        .withKeySerde(KEYS).withValueSerde(searches).withStreamPartitioner(new BlockPartitioner<>()))
                .processValues(() -> new FindProbable(matcher, clock, serdes.protection()), Named.as("find-probable"), DEATH_BLOCK_INDEX_STORE);

        KStream<String, MatchResult> results = byId.get("by-id-linked")
                .mapValues(Decided::result, Named.as("linked-by-id"))
                .merge(unlinked.get("unlinked-final").mapValues(Decided::result, Named.as("not-searchable")),
                        Named.as("merge-not-searchable"))
                .merge(probable, Named.as("all-decisions"))
                .selectKey((key, result) -> result.getJobId(), Named.as("key-result-by-job"))
                .peek((jobId, result) -> metrics.decided(result.getOutcome()), Named.as("observe-decision"));
        results.to(Topics.MATCH_RESULTS.name(), produced(serdes, Topics.MATCH_RESULTS, "write-match-results"));
        results.mapValues(Decisions::audit, Named.as("audit-decision"))
                .to(Topics.AUDIT.name(), produced(serdes, Topics.AUDIT, "write-decision-audit"));

        KStream<String, JobProgress> controlDeltas = builder
                .stream(Topics.JOB_CONTROL.name(), Consumed.with(serdes.key(Topics.JOB_CONTROL), serdes.value(Topics.JOB_CONTROL)).withName("read-job-control"))
                .filter((jobId, control) -> control != null, Named.as("drop-empty-control"))
                .mapValues(JobProgressMath::ofControl, Named.as("control-to-progress"));

        results.mapValues(JobProgressMath::ofResult, Named.as("count-decision"))
                .merge(deadLetterCounts, Named.as("merge-dead-letter-counts"))
                .merge(skippedCounts, Named.as("merge-skipped-counts"))
                .merge(controlDeltas, Named.as("merge-control"))
                .groupByKey(Grouped.with(PROGRESS_BY_JOB, KEYS, progress))
                .aggregate(() -> null,
                        (jobId, delta, total) -> JobProgressMath.merge(total == null ? JobProgressMath.empty(jobId) : total, delta),
                        Named.as("sum-progress"),
                        Materialized.<String, JobProgress, KeyValueStore<Bytes, byte[]>>as(JOB_PROGRESS_STORE)
                                .withKeySerde(KEYS).withValueSerde(progress))
                .toStream(Named.as("progress-changes"))
                // the aggregate keeps its cache (one record per job per commit); expiry shares its store
                .process(() -> new ExpireJobs(retention), Named.as("expire-jobs"), JOB_PROGRESS_STORE)
                .to(Topics.JOB_PROGRESS.name(), produced(serdes, Topics.JOB_PROGRESS, "write-job-progress"));

        return builder.build(config);
    }

    private static <K, V> Produced<K, V> produced(TopicSerdes serdes, Topic<K, V> topic, String name) {
        return Produced.with(serdes.key(topic), serdes.value(topic)).withName(name);
    }

}
