package io.vitalink.match;

import io.vitalink.avro.MatchResult;
import io.vitalink.match.rules.Blocking;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The death record of a watched record's own ID, forwarded by {@link RematchById} to the block where the record is
 * decided (keyed by the record's key there): kept with the record, which is decided again by ID with it, as at
 * submission, even when the death's birth date or sex put it in another block (a link with discrepancies).
 */
final class RelinkById implements Processor<String, byte[], String, MatchResult> {

    private final Rematching rematching;
    private ProcessorContext<String, MatchResult> context;
    private WatchRegistry watched;
    private BlockSearch search;

    RelinkById(Rematching rematching) {
        this.rematching = rematching;
    }

    @Override
    public void init(ProcessorContext<String, MatchResult> context) {
        this.context = context;
        this.watched = rematching.registry(context, MatchTopology.WATCHED_BY_BLOCK_STORE);
        this.search = rematching.search(context);
    }

    @Override
    public void process(Record<String, byte[]> forwarded) {
        watched.get(forwarded.key()).flatMap(watched::active).ifPresent(found -> {
            WatchRegistry.Entry entry = watched.withOwnDeath(found, forwarded.value());
            CheckedRequest checked = rematching.check(watched.request(entry));
            String block = Blocking.blockOf(forwarded.key());
            watched.changeTo(entry, search.decide(checked, block, forwarded.value(), rematching.clock().instant()))
                    .ifPresent(result -> context.forward(new Record<>(block, result, forwarded.timestamp())));
        });
    }
}
