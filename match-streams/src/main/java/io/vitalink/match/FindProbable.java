package io.vitalink.match;

import io.vitalink.avro.DeathRecord;
import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.ProbableSearch;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** Scores a request against the deaths of its block (prefix scan) and links it when one name is close enough. */
final class FindProbable implements FixedKeyProcessor<String, ProbableSearch, MatchResult> {

    private static final StringSerializer KEYS = new StringSerializer();

    private final ProbableMatcher matcher;
    private final Clock clock;
    private FixedKeyProcessorContext<String, MatchResult> context;
    private KeyValueStore<String, DeathRecord> index;

    FindProbable(ProbableMatcher matcher, Clock clock) {
        this.matcher = matcher;
        this.clock = clock;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, MatchResult> context) {
        this.context = context;
        this.index = context.getStateStore(MatchTopology.DEATH_BLOCK_INDEX_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, ProbableSearch> search) {
        List<DeathRecord> block = new ArrayList<>();
        try (KeyValueIterator<String, DeathRecord> entries = index.prefixScan(Blocking.prefix(search.key()), KEYS)) {
            entries.forEachRemaining(entry -> block.add(entry.value));
        }
        Optional<ProbableMatcher.Candidate> best = matcher.best(search.value().getRequest().getName(),
                search.value().getRequest().getIdNumber(), block);
        MatchRequest request = search.value().getRequest();
        String reasonCode = search.value().getReasonCode();
        MatchResult result = best
                .map(candidate -> Decisions.probable(request, reasonCode, candidate.death(), candidate.score(), clock.instant()))
                .orElseGet(() -> Decisions.unlinked(request, reasonCode, clock.instant()));
        context.forward(search.withValue(result));
    }
}
