package io.vitalink.match;

import io.vitalink.match.rules.ProbableMatcher.Prepared;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The opened name and ID of each death of the blocks a task searched lately, prepared for scoring and named by the
 * index key of the death's sealed record ({@link Prepared}), so that a probable search decrypts a
 * candidate once per change of its block rather than once per request: crowded blocks (one birth date and sex)
 * are searched by many requests. Held in this process's memory only (never logged, never on disk), bounded by a
 * number of deaths, least recently searched blocks dropped first; {@link StoreBlockEntry} drops a block whenever
 * one of its deaths changes, so a search sees exactly what the block index holds.
 */
final class OpenedBlocks implements StateStore {

    private final String name;
    private final int maxDeaths;
    private final LinkedHashMap<String, List<Prepared<String>>> blocks = new LinkedHashMap<>(1024, 0.75f, true);
    private int deaths;
    private boolean open;

    OpenedBlocks(String name, int maxDeaths) {
        this.name = name;
        this.maxDeaths = maxDeaths;
    }

    /** The block's candidates in index order, or null when they are not held. */
    List<Prepared<String>> get(String block) {
        return blocks.get(block);
    }

    void put(String block, List<Prepared<String>> candidates) {
        if (candidates.size() > maxDeaths) {
            return;
        }
        drop(block);
        blocks.put(block, Collections.unmodifiableList(candidates));
        deaths += candidates.size();
        var eldest = blocks.entrySet().iterator();
        while (deaths > maxDeaths && eldest.hasNext()) {
            Map.Entry<String, List<Prepared<String>>> entry = eldest.next();
            deaths -= entry.getValue().size();
            eldest.remove();
        }
    }

    void drop(String block) {
        List<Prepared<String>> dropped = blocks.remove(block);
        if (dropped != null) {
            deaths -= dropped.size();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        // nothing to restore: the block index is the truth, and blocks are read again on first search
        context.register(root, (key, value) -> {
        });
        open = true;
    }

    @Override
    public void close() {
        blocks.clear();
        deaths = 0;
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Builds one per task; there is nothing to log or cache. */
    static StoreBuilder<OpenedBlocks> builder(String name, int maxDeaths) {
        return new StoreBuilder<>() {
            @Override
            public StoreBuilder<OpenedBlocks> withCachingEnabled() {
                return this;
            }

            @Override
            public StoreBuilder<OpenedBlocks> withCachingDisabled() {
                return this;
            }

            @Override
            public StoreBuilder<OpenedBlocks> withLoggingEnabled(Map<String, String> config) {
                return this;
            }

            @Override
            public StoreBuilder<OpenedBlocks> withLoggingDisabled() {
                return this;
            }

            @Override
            public OpenedBlocks build() {
                return new OpenedBlocks(name, maxDeaths);
            }

            @Override
            public Map<String, String> logConfig() {
                return Map.of();
            }

            @Override
            public boolean loggingEnabled() {
                return false;
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
