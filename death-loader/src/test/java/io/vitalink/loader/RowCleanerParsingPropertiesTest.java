package io.vitalink.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Dates and ages read by position give exactly what the written forms (pattern, then strict formatter) define. */
class RowCleanerParsingPropertiesTest {

    private static final Pattern DASHED = Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}");
    private static final Pattern SLASHED = Pattern.compile("\\d{4}/\\d{1,2}/\\d{1,2}");
    private static final Pattern COMPACT = Pattern.compile("\\d{8}");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,9}");

    @Property(tries = 10_000)
    void readsADateAsTheThreeWrittenFormsDefineIt(@ForAll("dateLike") String raw) {
        assertThat(RowCleaner.parseDate(raw)).as(raw).isEqualTo(byPattern(raw));
    }

    @Property(tries = 5_000)
    void readsEveryRealDayInEachForm(@ForAll("days") LocalDate day) {
        for (String written : new String[] {day.toString(), day.getYear() + "-" + day.getMonthValue() + "-" + day.getDayOfMonth(),
                day.getYear() + "/" + day.getMonthValue() + "/" + day.getDayOfMonth(), day.toString().replace("-", "")}) {
            assertThat(RowCleaner.parseDate(written)).as(written).contains(day);
        }
    }

    @Property(tries = 5_000)
    void readsAnAgeAsTheWholeNumberFormDefinesIt(@ForAll("ageLike") String raw) {
        String s = raw.strip();
        Optional<Integer> expected = WHOLE_NUMBER.matcher(s).matches() && Integer.parseInt(s) <= RowCleaner.MAX_AGE
                ? Optional.of(Integer.parseInt(s)) : Optional.empty();
        assertThat(RowCleaner.parseAge(raw)).as(raw).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> dateLike() {
        return Arbitraries.strings().withChars("0123456789-/ ０x").ofMinLength(0).ofMaxLength(12)
                .injectDuplicates(0.05).edgeCases(edges -> edges.add("2024-02-29", "2023-02-29", "20240230", "2024/1/31"));
    }

    @Provide
    Arbitrary<LocalDate> days() {
        // four-digit years: the written forms have no other
        LocalDate first = LocalDate.of(1000, 1, 1);
        return Arbitraries.longs().between(0, first.until(LocalDate.of(9999, 12, 31), java.time.temporal.ChronoUnit.DAYS))
                .map(first::plusDays);
    }

    @Provide
    Arbitrary<String> ageLike() {
        return Arbitraries.strings().withChars("0123456789 +-.").ofMinLength(0).ofMaxLength(11);
    }

    private static Optional<LocalDate> byPattern(String raw) {
        String s = raw.strip();
        for (var form : new Object[][] {{DASHED, "uuuu-M-d"}, {SLASHED, "uuuu/M/d"}, {COMPACT, "uuuuMMdd"}}) {
            if (((Pattern) form[0]).matcher(s).matches()) {
                try {
                    return Optional.of(LocalDate.parse(s, DateTimeFormatter.ofPattern((String) form[1], Locale.ROOT)
                            .withResolverStyle(ResolverStyle.STRICT)));
                } catch (DateTimeException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
