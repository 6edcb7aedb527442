package io.vitalink.match;

import io.vitalink.avro.DeathRecord;
import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.crypto.FieldCipher;
import io.vitalink.crypto.RecordProtection;
import io.vitalink.crypto.UnopenableException;
import io.vitalink.match.rules.Blocking;
import io.vitalink.match.rules.Decisions;
import io.vitalink.match.rules.ProbableMatcher;
import io.vitalink.match.rules.ProbableMatcher.Prepared;
import io.vitalink.name.Names;
import io.vitalink.serde.Codecs;
import io.vitalink.serde.RecordCodec;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Scores a request against the deaths of its block (prefix scan) and links it when one name is close enough.
 * The index holds deaths still sealed, as the bytes of death-records: only the leading fields of each candidate are
 * decoded and its name and ID opened to score it, once per change of its block ({@link OpenedBlocks}), and the whole
 * record only for the one that links. The request
 * arrives as it was sealed by its producer (nothing was sealed again on the way) and is opened here once.
 */
final class FindProbable implements FixedKeyProcessor<String, byte[], MatchResult> {

    private static final StringSerializer KEYS = new StringSerializer();
    private static final String NAME = DeathRecord.SCHEMA$.getField("name").name();

    private final ProbableMatcher matcher;
    private final Clock clock;
    private final RecordProtection protection;
    private final RecordCodec<MatchRequest> requests;
    private FixedKeyProcessorContext<String, MatchResult> context;
    private KeyValueStore<String, byte[]> index;
    private OpenedBlocks opened;

    FindProbable(ProbableMatcher matcher, Clock clock, RecordProtection protection, RecordCodec<MatchRequest> requests) {
        this.matcher = matcher;
        this.clock = clock;
        this.protection = protection;
        this.requests = requests;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, MatchResult> context) {
        this.context = context;
        this.index = context.getStateStore(MatchTopology.DEATH_BLOCK_INDEX_STORE);
        this.opened = context.getStateStore(MatchTopology.OPENED_BLOCKS_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> search) {
        CheckedRequest checked = CheckedRequest.of(DecodedRequest.decoded(requests.decode(search.value()), search.value(), null),
                LocalDate.now(clock));
        MatchRequest request = checked.normalised();
        String reasonCode = checked.isValid() ? null : checked.rejectionCode();
        List<Prepared<String>> candidates = request.getName() == null ? List.of() : candidates(search.key());
        Optional<ProbableMatcher.Candidate<String>> best = matcher.bestOf(request.getName(), request.getIdNumber(), candidates);
        DeathRecord linked = best.map(candidate -> SealedDeaths.openOrAbsent(protection, index.get(candidate.death())))
                .orElse(null);
        MatchResult result = linked == null
                ? Decisions.unlinked(request, reasonCode, clock.instant())
                : Decisions.probable(request, reasonCode, linked, best.get().score(), clock.instant());
        context.forward(search.withValue(result));
    }

    /** The block's deaths with name (normalised) and ID open: from memory, or read and opened once (prefix scan). */
    private List<Prepared<String>> candidates(String block) {
        List<Prepared<String>> held = opened.get(block);
        if (held != null) {
            return held;
        }
        FieldCipher cipher = protection.cipher();
        List<Prepared<String>> read = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> entries = index.prefixScan(Blocking.prefix(block), KEYS)) {
            entries.forEachRemaining(entry -> {
                DeathRecord scored = SealedDeaths.decodeOrAbsent(Codecs.DEATH_FOR_BLOCKING, entry.value);
                if (scored == null) {
                    return;
                }
                try {
                    read.add(Prepared.of(entry.key, Names.normalise(cipher.open(scored.getName(), NAME)),
                            cipher.openId(scored.getIdNumber())));
                } catch (UnopenableException e) {
                    SealedDeaths.warn(e);
                }
            });
        }
        opened.put(block, read);
        return read;
    }
}
