package io.vitalink.match;

import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.crypto.RecordProtection;
import io.vitalink.match.rules.Blocking;
import io.vitalink.match.rules.ProbableMatcher;
import io.vitalink.serde.RecordCodec;
import java.time.Clock;
import java.time.LocalDate;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The death record of a watched record's own ID, forwarded by {@link RematchById} to the block where the record is
 * decided (keyed by the record's key there): kept with the record, which is decided again by ID with it, as at
 * submission, even when the death's birth date or sex put it in another block (a link with discrepancies).
 */
final class RelinkById implements Processor<String, byte[], String, MatchResult> {

    private final ProbableMatcher matcher;
    private final Clock clock;
    private final RecordProtection protection;
    private final RecordCodec<MatchRequest> requests;
    private final RecordCodec<MatchResult> results;
    private ProcessorContext<String, MatchResult> context;
    private WatchRegistry watched;
    private BlockSearch search;

    RelinkById(ProbableMatcher matcher, Clock clock, RecordProtection protection, RecordCodec<MatchRequest> requests,
               RecordCodec<MatchResult> results) {
        this.matcher = matcher;
        this.clock = clock;
        this.protection = protection;
        this.requests = requests;
        this.results = results;
    }

    @Override
    public void init(ProcessorContext<String, MatchResult> context) {
        this.context = context;
        this.watched = WatchRegistry.open(context, MatchTopology.WATCHED_BY_BLOCK_STORE, results, clock);
        this.search = BlockSearch.open(context, matcher, protection);
    }

    @Override
    public void process(Record<String, byte[]> forwarded) {
        watched.get(forwarded.key()).flatMap(watched::active).ifPresent(found -> {
            WatchRegistry.Entry entry = watched.withOwnDeath(found, forwarded.value());
            byte[] raw = watched.request(entry);
            CheckedRequest checked = CheckedRequest.ofSealed(requests, raw, LocalDate.now(clock));
            String block = Blocking.blockOf(forwarded.key());
            watched.changeTo(entry, search.decide(checked, block, forwarded.value(), clock.instant()))
                    .ifPresent(result -> context.forward(new Record<>(block, result, forwarded.timestamp())));
        });
    }
}
