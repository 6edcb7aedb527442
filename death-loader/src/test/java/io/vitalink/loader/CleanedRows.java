package io.vitalink.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/** Rows for the cleaner's tests: a woman born 1949-12-31 (TestIds.WOMAN_1949) who died 2024-01-05, cleaned on {@link #TODAY}. */
final class CleanedRows {

    static final LocalDate TODAY = LocalDate.of(2025, 6, 1);
    private static final RowCleaner CLEANER = new RowCleaner(TODAY);

    private CleanedRows() {
    }

    /** The woman's row plus the given columns and values, alternating. */
    static Map<Column, String> row(Object... columnsAndValues) {
        Map<Column, String> row = new EnumMap<>(Column.class);
        row.put(Column.ID_NUMBER, TestIds.WOMAN_1949);
        row.put(Column.DEATH_DATE, "2024-01-05");
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            row.put((Column) columnsAndValues[i], (String) columnsAndValues[i + 1]);
        }
        return row;
    }

    static DeathRow accepted(Map<Column, String> row) {
        RowOutcome outcome = CLEANER.clean(row);
        assertThat(outcome).isInstanceOf(RowOutcome.Accepted.class);
        return ((RowOutcome.Accepted) outcome).row();
    }

    static String rejectionCode(Map<Column, String> row) {
        RowOutcome outcome = CLEANER.clean(row);
        assertThat(outcome).isInstanceOf(RowOutcome.Rejected.class);
        return ((RowOutcome.Rejected) outcome).reason().code();
    }
}
