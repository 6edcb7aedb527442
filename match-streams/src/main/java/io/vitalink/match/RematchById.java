package io.vitalink.match;

import io.vitalink.avro.DeathRecord;
import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.crypto.RecordProtection;
import io.vitalink.match.rules.Decisions;
import io.vitalink.serde.RecordCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
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

    private final Clock clock;
    private final RecordProtection protection;
    private final RecordCodec<MatchRequest> requests;
    private final RecordCodec<MatchResult> results;
    private final Duration sweepEvery;
    private FixedKeyProcessorContext<String, Rematched> context;
    private WatchRegistry watched;

    RematchById(Clock clock, RecordProtection protection, RecordCodec<MatchRequest> requests, RecordCodec<MatchResult> results,
                Duration sweepEvery) {
        this.clock = clock;
        this.protection = protection;
        this.requests = requests;
        this.results = results;
        this.sweepEvery = sweepEvery;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Rematched> context) {
        this.context = context;
        this.watched = WatchRegistry.open(context, MatchTopology.WATCHED_BY_ID_STORE, results, clock);
        context.schedule(sweepEvery, PunctuationType.WALL_CLOCK_TIME, at -> watched.sweep());
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
                death = SealedDeaths.openOrAbsent(protection, change.value());
                opened = true;
            }
            byte[] raw = watched.request(entry);
            MatchRequest request = CheckedRequest.ofSealed(requests, raw, LocalDate.now(clock))
                    .normalised();
            watched.changeTo(entry, Decisions.byId(request, death, clock.instant()))
                    .ifPresent(result -> context.forward(change.withValue(Rematched.change(result))));
        }
    }
}
