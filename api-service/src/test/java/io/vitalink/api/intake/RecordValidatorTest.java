package io.vitalink.api.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import java.time.DateTimeException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-read birth date decides exactly as the strict yyyy-MM-dd formatter it stands in for; recordId rules. */
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

    @ParameterizedTest
    @ValueSource(strings = {"11010519491231002X", "11010519491231002x", "110105 19491231 002X", "110105-19491231-002X",
            "１１０１０５１９４９１２３１００２Ｘ", "110105491231002"})
    void refusesARecordIdThatIsAResidentIdInAnyWrittenFormWithoutQuotingIt(String recordId) {
        RawRecord raw = new RawRecord(7, recordId, null, null, null, null, null);

        assertThatThrownBy(() -> RecordValidator.toRequest("job", raw, true)).isInstanceOf(ApiException.class)
                .satisfies(e -> {
                    assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.INVALID_FIELD);
                    assertThat(e.getMessage()).contains("record_id", "line 7").doesNotContain(recordId);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"r1", "P-000001", "110105194912310021", "2024-000123456789", "CASE 11010519491231"})
    void acceptsRecordIdsThatAreNoValidResidentId(String recordId) {
        RawRecord raw = new RawRecord(1, recordId, null, null, null, null, null);

        assertThat(RecordValidator.toRequest("job", raw, false).getRecordId()).isEqualTo(recordId);
    }
}
