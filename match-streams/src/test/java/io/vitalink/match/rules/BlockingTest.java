package io.vitalink.match.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlockingTest {

    private static final String ID = "11010519491231002X";
    @Test
    void takesTheBlockOfAnIndexKey() {
        assertThat(Blocking.blockOf(Blocking.indexKey("19491231|F", "PASSPORT:E1234567"))).isEqualTo("19491231|F");
    }
}
