package io.vitalink.match;

import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.crypto.RecordProtection;
import io.vitalink.match.rules.Blocking;
import io.vitalink.match.rules.ProbableMatcher;
import io.vitalink.serde.RecordCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A change of the block index (keyed block|ID, after {@link StoreBlockEntry} applied it) searches the block again,
 * with the same code as a first search ({@link BlockSearch}), for every watched record registered under the block,
 * and sends on each result that changes. Keyed by block, like the records it sends.
 */
final class RematchBlock implements Processor<String, byte[], String, MatchResult> {

    private final ProbableMatcher matcher;
    private final Clock clock;
    private final RecordProtection protection;
    private final RecordCodec<MatchRequest> requests;
    private final RecordCodec<MatchResult> results;
    private final Duration sweepEvery;
    private ProcessorContext<String, MatchResult> context;
    private WatchRegistry watched;
    private BlockSearch search;

    RematchBlock(ProbableMatcher matcher, Clock clock, RecordProtection protection, RecordCodec<MatchRequest> requests,
                 RecordCodec<MatchResult> results, Duration sweepEvery) {
        this.matcher = matcher;
        this.clock = clock;
        this.protection = protection;
        this.requests = requests;
        this.results = results;
        this.sweepEvery = sweepEvery;
    }

    @Override
    public void init(ProcessorContext<String, MatchResult> context) {
        this.context = context;
        this.watched = WatchRegistry.open(context, MatchTopology.WATCHED_BY_BLOCK_STORE, results, clock);
        this.search = BlockSearch.open(context, matcher, protection);
        context.schedule(sweepEvery, PunctuationType.WALL_CLOCK_TIME, at -> watched.sweep());
    }

    @Override
    public void process(Record<String, byte[]> change) {
        String block = Blocking.blockOf(change.key());
        List<WatchRegistry.Entry> entries = watched.active(block);
        for (WatchRegistry.Entry entry : entries) {
            byte[] raw = watched.request(entry);
            CheckedRequest checked = CheckedRequest.ofSealed(requests, raw, LocalDate.now(clock));
            watched.changeTo(entry, search.decide(checked, block, WatchRegistry.ownDeath(entry), clock.instant()))
                    .ifPresent(result -> context.forward(new Record<>(block, result, change.timestamp())));
        }
    }
}
