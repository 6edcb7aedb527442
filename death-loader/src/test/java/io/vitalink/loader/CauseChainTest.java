package io.vitalink.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CauseChainTest {

    private static List<String> codes(String... codes) {
        return Arrays.asList(codes);
    }

    @Test
    void agreesWhenTheUnderlyingCategoryIsThatOfAPartOneLine() {
        assertThat(CauseChain.agrees("C34.9", codes("J96.9", "C34.1"), List.of())).isTrue();
    }

    @Test
    void agreesWhenTheUnderlyingCategoryIsThatOfAPartTwoCondition() {
        assertThat(CauseChain.agrees("E11.9", codes("I21.9"), codes("E11.5"))).isTrue();
    }

    @Test
    void skipsUncodedLines() {
        assertThat(CauseChain.agrees("I63.9", codes(null, "I63.9", null), List.of())).isTrue();
        assertThat(CauseChain.agrees("I63.9", codes(null, null), List.of())).isFalse();
    }

    @Test
    void disagreesWhenTheCategoryIsNowhere() {
        assertThat(CauseChain.agrees("C16.9", codes("J96.9", "C34.9"), codes("I10"))).isFalse();
    }

    @Test
    void acceptsAnExternalCauseOnlyWithAnInjuryInPartOne() {
        assertThat(CauseChain.agrees("W19", codes("S72.0"), List.of())).isTrue();
        assertThat(CauseChain.agrees("X70", codes("T71"), List.of())).isTrue();
        assertThat(CauseChain.agrees("W19", codes("J18.9"), codes("S72.0"))).as("injury in Part II only").isFalse();
        assertThat(CauseChain.agrees("J18.9", codes("S72.0"), List.of())).as("not an external cause").isFalse();
    }
}
