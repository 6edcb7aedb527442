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
import io.vitalink.settings.LiveSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The decision for a request its ID did not link, from the deaths of its block: the one code that decides a
 * request's first search ({@link FindProbable}) and a watched record's later ones ({@link RematchBlock}). A death of
 * the request's own valid ID found in the block (it arrived after the ID was looked up) links by ID; otherwise one
 * name close enough links as probable. The index holds deaths still sealed, as the bytes of death-records: only the
 * leading fields of each candidate are decoded and its name and ID opened, once per change of its block
 * ({@link OpenedBlocks}), and the whole record only for the one that links.
 */
final class BlockSearch {

    private static final StringSerializer KEYS = new StringSerializer();
    private static final String NAME = DeathRecord.SCHEMA$.getField("name").name();

    private final Supplier<ProbableMatcher> matcher;
    private final RecordProtection protection;
    private final KeyValueStore<String, byte[]> index;
    private final OpenedBlocks opened;

    /**
     * The search over the block index and its opened blocks, as a processor of the flow sees them, with the
     * threshold and margin in force ({@link LiveMatcher}; {@code deployed} until an administrator changes them).
     */
    static BlockSearch open(ProcessingContext context, ProbableMatcher deployed, RecordProtection protection) {
        return new BlockSearch(new LiveMatcher(deployed, LiveSettings.of(context)), protection,
                context.getStateStore(MatchTopology.DEATH_BLOCK_INDEX_STORE), context.getStateStore(MatchTopology.OPENED_BLOCKS_STORE));
    }

    BlockSearch(Supplier<ProbableMatcher> matcher, RecordProtection protection, KeyValueStore<String, byte[]> index, OpenedBlocks opened) {
        this.matcher = matcher;
        this.protection = protection;
        this.index = index;
        this.opened = opened;
    }

    /**
     * A watched record's decision: by ID when the death record of its own valid ID was forwarded ({@code ownDeath},
     * sealed; it may sit in another block when its birth date or sex disagree), else as {@link #decide}.
     */
    MatchResult decide(CheckedRequest checked, String block, byte[] ownDeath, Instant at) {
        DeathRecord own = checked.isValid() ? SealedDeaths.openOrAbsent(protection, ownDeath) : null;
        return own != null ? Decisions.byId(checked.normalised(), own, at) : decide(checked, block, at);
    }

    MatchResult decide(CheckedRequest checked, String block, Instant at) {
        MatchRequest request = checked.normalised();
        String reasonCode = checked.isValid() ? null : checked.rejectionCode();
        List<Prepared<String>> candidates = request.getName() == null ? List.of() : candidates(block);
        if (checked.isValid()) {
            for (Prepared<String> candidate : candidates) {
                DeathRecord own = checked.normalisedId().equals(candidate.id()) ? open(candidate.death()) : null;
                if (own != null) {
                    return Decisions.byId(request, own, at);
                }
            }
        }
        Optional<ProbableMatcher.Candidate<String>> best = matcher.get().bestOf(request.getName(), request.getIdNumber(), candidates);
        DeathRecord linked = best.map(candidate -> open(candidate.death())).orElse(null);
        return linked == null
                ? Decisions.unlinked(request, reasonCode, at)
                : Decisions.probable(request, reasonCode, linked, best.get().score(), at);
    }

    private DeathRecord open(String indexKey) {
        return SealedDeaths.openOrAbsent(protection, index.get(indexKey));
    }

    /**
     * Whether a change of one death of the block (its versions before and after, keyed block|ID) can change what a
     * search decides for {@code checked}: only a death that takes part in its search ({@link ProbableMatcher#counts})
     * or has its own valid ID can. Exact, not a guess: the others are skipped by the search itself.
     */
    boolean canChange(CheckedRequest checked, ProbableMatcher.Request request, List<Prepared<String>> changed) {
        ProbableMatcher now = matcher.get();
        for (Prepared<String> death : changed) {
            if (now.counts(request, death) || checked.isValid() && checked.normalisedId().equals(death.id())) {
                return true;
            }
        }
        return false;
    }

    /** The versions of a changed death, before and after, opened for {@link #canChange}: none, one or two. */
    List<Prepared<String>> versions(String indexKey, BlockChange change) {
        List<Prepared<String>> versions = new ArrayList<>(2);
        for (byte[] version : new byte[][] {change.before(), change.after()}) {
            Prepared<String> death = version == null ? null : prepared(indexKey, version);
            if (death != null) {
                versions.add(death);
            }
        }
        return versions;
    }

    /** The block's deaths with name (normalised) and ID open: from memory, or read and opened once (prefix scan). */
    private List<Prepared<String>> candidates(String block) {
        List<Prepared<String>> held = opened.get(block);
        if (held != null) {
            return held;
        }
        List<Prepared<String>> read = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> entries = index.prefixScan(Blocking.prefix(block), KEYS)) {
            entries.forEachRemaining(entry -> {
                Prepared<String> death = prepared(entry.key, entry.value);
                if (death != null) {
                    read.add(death);
                }
            });
        }
        opened.put(block, read);
        return read;
    }

    /** One death of the index with its name (normalised) and ID open; null when it cannot be read or opened. */
    private Prepared<String> prepared(String indexKey, byte[] sealed) {
        DeathRecord scored = SealedDeaths.decodeOrAbsent(Codecs.DEATH_FOR_BLOCKING, sealed);
        if (scored == null) {
            return null;
        }
        FieldCipher cipher = protection.cipher();
        try {
            return Prepared.of(indexKey, Names.normalise(cipher.open(scored.getName(), NAME)), cipher.openId(scored.getIdNumber()));
        } catch (UnopenableException e) {
            SealedDeaths.warn(e);
            return null;
        }
    }
}
