package io.vitalink.match;

import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.match.rules.Blocking;
import io.vitalink.match.rules.ProbableMatcher;
import io.vitalink.match.rules.ProbableMatcher.Prepared;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A change of the block index (keyed block|ID, after {@link StoreBlockEntry} applied it) searches the block again,
 * with the same code as a first search ({@link BlockSearch}), for each watched record of the block that the changed
 * death takes part in the search of ({@link BlockSearch#canChange}; the others' answer cannot change), and sends on
 * each result that changes. Keyed by block, like the records it sends. The watched requests of the blocks it sees
 * are kept opened, up to {@value #OPENED_REQUESTS}, so that a refresh does not open a record once per change of its
 * block.
 */
final class RematchBlock implements Processor<String, BlockChange, String, MatchResult> {

    static final int OPENED_REQUESTS = 50_000;

    /** A watched request opened, with the bytes it was opened from. */
    private record OpenedRequest(byte[] raw, CheckedRequest checked, ProbableMatcher.Request request) {
    }

    private final Rematching rematching;
    private final Map<String, OpenedRequest> opened = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, OpenedRequest> eldest) {
            return size() > OPENED_REQUESTS;
        }
    };
    private ProcessorContext<String, MatchResult> context;
    private WatchRegistry watched;
    private BlockSearch search;

    RematchBlock(Rematching rematching) {
        this.rematching = rematching;
    }

    @Override
    public void init(ProcessorContext<String, MatchResult> context) {
        this.context = context;
        this.watched = rematching.registry(context, MatchTopology.WATCHED_BY_BLOCK_STORE);
        this.search = rematching.search(context);
        context.schedule(rematching.sweepEvery(), PunctuationType.WALL_CLOCK_TIME, at -> watched.sweep());
    }

    @Override
    public void process(Record<String, BlockChange> change) {
        String block = Blocking.blockOf(change.key());
        List<WatchRegistry.Entry> entries = watched.active(block);
        if (entries.isEmpty()) {
            return;
        }
        List<Prepared<String>> versions = search.versions(change.key(), change.value());
        for (WatchRegistry.Entry entry : entries) {
            OpenedRequest watcher = opened(entry);
            if (!search.canChange(watcher.checked(), watcher.request(), versions)) {
                continue;
            }
            watched.changeTo(entry, search.decide(watcher.checked(), block, WatchRegistry.ownDeath(entry), rematching.clock().instant()))
                    .ifPresent(result -> context.forward(new Record<>(block, result, change.timestamp())));
        }
    }

    private OpenedRequest opened(WatchRegistry.Entry entry) {
        byte[] raw = watched.request(entry);
        OpenedRequest known = opened.get(entry.key());
        if (known != null && Arrays.equals(known.raw(), raw)) {
            return known;
        }
        CheckedRequest checked = rematching.check(raw);
        MatchRequest request = checked.normalised();
        OpenedRequest fresh = new OpenedRequest(raw, checked, ProbableMatcher.Request.of(request.getName(), request.getIdNumber()));
        opened.put(entry.key(), fresh);
        return fresh;
    }
}
