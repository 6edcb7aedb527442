package io.vitalink.loader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Where each known column sits in a header row. Unknown columns are ignored; order is free. */
public final class HeaderMapping {

    private final Map<Column, Integer> positions;
    private final int width;

    private HeaderMapping(Map<Column, Integer> positions, int width) {
        this.positions = Collections.unmodifiableMap(positions);
        this.width = width;
    }

    /**
     * @throws LoadException ({@link LoadFailure#BAD_HEADER}) when a required column is missing or a
     *     column is named twice (for example both {@code death_date} and {@code 死亡日期})
     */
    public static HeaderMapping of(List<String> header) {
        return of(header, EnumSet.copyOf(Arrays.stream(Column.values()).filter(Column::required).toList()));
    }

    /**
     * A mapping that requires the columns {@code required} (instead of those marked {@link Column#required()}).
     *
     * @throws LoadException ({@link LoadFailure#BAD_HEADER}) when a required column is missing or a column is
     *     named twice
     */
    public static HeaderMapping of(List<String> header, Set<Column> required) {
        Map<Column, Integer> positions = new EnumMap<>(Column.class);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            Optional<Column> column = Column.forHeader(header.get(i));
            if (column.isPresent()) {
                Integer before = positions.putIfAbsent(column.get(), i);
                if (before != null) {
                    problems.add("column " + column.get().english() + " appears twice (columns "
                            + (before + 1) + " and " + (i + 1) + ")");
                }
            }
        }
        for (Column column : Column.values()) {
            if (required.contains(column) && !positions.containsKey(column)) {
                problems.add("missing column " + column.english() + " (or " + column.chinese() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new LoadException(LoadFailure.BAD_HEADER, String.join("; ", problems));
        }
        return new HeaderMapping(positions, header.size());
    }

    /** The number of columns of the header. */
    public int width() {
        return width;
    }

    public Optional<Integer> position(Column column) {
        return Optional.ofNullable(positions.get(column));
    }

    /** The raw values of a row by column; the row must be as wide as the header. */
    public Map<Column, String> values(List<String> row) {
        if (row.size() != width) {
            throw new IllegalArgumentException("row has " + row.size() + " values, header " + width);
        }
        Map<Column, String> values = new EnumMap<>(Column.class);
        positions.forEach((column, index) -> values.put(column, row.get(index)));
        return values;
    }
}
