package io.vitalink.match;

import io.vitalink.avro.DeathRecord;
import io.vitalink.avro.MatchRequest;
import io.vitalink.match.rules.Decisions;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * A change of the death-records table (keyed by sealed ID) decides again, by ID and with the same rule as at
 * submission ({@link Decisions#byId}), every watched record registered under that ID that its ID decided, and sends
 * on each result that changes: a new link, an update, or a retraction. A record its block's search decides gets the
 * death record forwarded to its block instead ({@link RelinkById}), wherever the death's own birth date and sex put
 * it. Each change is sent once: the store holds the latest result sent, and store, offsets and results commit
 * together under exactly-once.
 */
final class RematchById implements FixedKeyProcessor<String, byte[], Rematched> {

    private final Rematching rematching;
    private FixedKeyProcessorContext<String, Rematched> context;
    private WatchRegistry watched;

    RematchById(Rematching rematching) {
        this.rematching = rematching;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Rematched> context) {
        this.context = context;
        this.watched = rematching.registry(context, MatchTopology.WATCHED_BY_ID_STORE);
        context.schedule(rematching.sweepEvery(), PunctuationType.WALL_CLOCK_TIME, at -> watched.sweep());
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> change) {
        List<WatchRegistry.Entry> entries = watched.active(change.key());
        if (entries.isEmpty()) {
            return;
        }
        DeathRecord death = null;
        boolean opened = false;
        for (WatchRegistry.Entry entry : entries) {
            String block = entry.watched().getBlock();
            if (block != null) {
                String recordKey = WatchRegistry.key(block, entry.watched().getJobId(), WatchRegistry.recordIdOf(change.key(), entry));
                context.forward(change.withValue(Rematched.forward(recordKey, change.value())));
                continue;
            }
            if (!opened) {
                death = SealedDeaths.openOrAbsent(rematching.protection(), change.value());
                opened = true;
            }
            MatchRequest request = rematching.check(watched.request(entry)).normalised();
            watched.changeTo(entry, Decisions.byId(request, death, rematching.clock().instant()))
                    .ifPresent(result -> context.forward(change.withValue(Rematched.change(result))));
        }
    }
}
