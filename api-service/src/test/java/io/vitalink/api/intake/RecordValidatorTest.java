package io.vitalink.api.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-read birth date decides exactly as the strict yyyy-MM-dd formatter it stands in for. */
class RecordValidatorTest {

    @Test
    void readsDatesOfTheUsualShape() {
        assertThat(RecordValidator.parseDate("1949-12-31")).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(RecordValidator.parseDate("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(RecordValidator.parseDate("0001-01-01")).isEqualTo(LocalDate.of(1, 1, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29", "1949-13-31", "1949-00-10", "1949-04-31", "1949-12-00", "1949-1-31",
            "49-12-31", "1949/12/31", "1949-12-3a", "１９４９-12-31", "+1949-12-31", "1949-12-311", ""})
    void refusesWhatTheStrictFormatterRefuses(String text) {
        assertThatThrownBy(() -> RecordValidator.parseDate(text)).isInstanceOf(DateTimeException.class);
    }
}
