package io.vitalink.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.match.rules.ProbableMatcher.Prepared;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenedBlocksTest {

    private final OpenedBlocks opened = new OpenedBlocks("opened", 3);

    @Test
    void dropsTheLeastRecentlySearchedBlocksBeyondItsBound() {
        opened.put("a", candidates(2));
        opened.put("b", candidates(1));
        opened.get("a");

        opened.put("c", candidates(1));

        assertThat(opened.get("b")).isNull();
        assertThat(opened.get("a")).hasSize(2);
        assertThat(opened.get("c")).hasSize(1);
    }

    @Test
    void neverHoldsABlockLargerThanItsBound() {
        opened.put("big", candidates(4));

        assertThat(opened.get("big")).isNull();
    }

    @Test
    void forgetsADroppedBlockAndCountsItsDeathsFree() {
        opened.put("a", candidates(3));
        opened.drop("a");

        opened.put("b", candidates(3));

        assertThat(opened.get("a")).isNull();
        assertThat(opened.get("b")).hasSize(3);
    }

    private static List<Prepared<String>> candidates(int n) {
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> Prepared.of("k" + i, "王伟", "11010519491231002X")).toList();
    }
}
