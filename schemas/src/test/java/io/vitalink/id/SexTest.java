package io.vitalink.id;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SexTest {

    @ParameterizedTest
    @ValueSource(strings = {"M", "m", " 男 ", "1", "Male", "MALE"})
    void readsMale(String raw) {
        assertThat(Sex.normalise(raw)).isEqualTo("M");
    }

    @ParameterizedTest
    @ValueSource(strings = {"F", "f", "女", "2", "female"})
    void readsFemale(String raw) {
        assertThat(Sex.normalise(raw)).isEqualTo("F");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "U", "9", "未知", "x"})
    void leavesEverythingElseUnknown(String raw) {
        assertThat(Sex.normalise(raw)).isNull();
        assertThat(Sex.normalise(null)).isNull();
    }
}
