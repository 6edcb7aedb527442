package io.vitalink.match;

import io.vitalink.avro.DeathRecord;
import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.ProbableSearch;
import io.vitalink.crypto.FieldCipher;
import io.vitalink.crypto.RecordProtection;
import io.vitalink.crypto.UnopenableException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Scores a request against the deaths of its block (prefix scan) and links it when one name is close enough.
 * The index holds deaths still sealed: only the name and the ID of each candidate are opened to score it, and
 * the whole record only for the one that links, which saves four of six decryptions per candidate.
 */
final class FindProbable implements FixedKeyProcessor<String, ProbableSearch, MatchResult> {

    private static final StringSerializer KEYS = new StringSerializer();
    private static final String NAME = DeathRecord.SCHEMA$.getField("name").name();

    private final ProbableMatcher matcher;
    private final Clock clock;
    private final RecordProtection protection;
    private FixedKeyProcessorContext<String, MatchResult> context;
    private KeyValueStore<String, DeathRecord> index;

    FindProbable(ProbableMatcher matcher, Clock clock, RecordProtection protection) {
        this.matcher = matcher;
        this.clock = clock;
        this.protection = protection;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, MatchResult> context) {
        this.context = context;
        this.index = context.getStateStore(MatchTopology.DEATH_BLOCK_INDEX_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, ProbableSearch> search) {
        MatchRequest request = search.value().getRequest();
        FieldCipher cipher = protection.cipher();
        Map<DeathRecord, DeathRecord> sealedOf = new IdentityHashMap<>();
        List<DeathRecord> block = new ArrayList<>();
        if (request.getName() != null) {
            boolean needsIds = request.getIdNumber() != null && !request.getIdNumber().isBlank();
            try (KeyValueIterator<String, DeathRecord> entries = index.prefixScan(Blocking.prefix(search.key()), KEYS)) {
                entries.forEachRemaining(entry -> {
                    DeathRecord sealed = entry.value;
                    DeathRecord scored = new DeathRecord();
                    try {
                        scored.setName(cipher.open(sealed.getName(), NAME));
                        scored.setIdNumber(needsIds ? cipher.openId(sealed.getIdNumber()) : null);
                    } catch (UnopenableException e) {
                        SealedDeaths.warn(e);
                        return;
                    }
                    sealedOf.put(scored, sealed);
                    block.add(scored);
                });
            }
        }
        Optional<ProbableMatcher.Candidate> best = matcher.best(request.getName(), request.getIdNumber(), block);
        String reasonCode = search.value().getReasonCode();
        MatchResult result = best
                .map(candidate -> Decisions.probable(request, reasonCode, protection.open(sealedOf.get(candidate.death())),
                        candidate.score(), clock.instant()))
                .orElseGet(() -> Decisions.unlinked(request, reasonCode, clock.instant()));
        context.forward(search.withValue(result));
    }
}
