package io.vitalink.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ResidentIdPropertiesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @Provide
    Arbitrary<String> validIds() {
        Arbitrary<String> province = Arbitraries.of(List.copyOf(ResidentIds.PROVINCE_CODES));
        Arbitrary<String> district = Arbitraries.strings().numeric().ofLength(4);
        Arbitrary<LocalDate> birth = Arbitraries.longs().between(LocalDate.of(1880, 1, 1).toEpochDay(), TODAY.toEpochDay())
                .map(LocalDate::ofEpochDay);
        Arbitrary<String> sequence = Arbitraries.strings().numeric().ofLength(3);
        return Combinators.combine(province, district, birth, sequence).as((p, d, b, s) -> {
            String body = p + d + String.format("%04d%02d%02d", b.getYear(), b.getMonthValue(), b.getDayOfMonth()) + s;
            return body + ResidentIds.checkCharacter(body);
        });
    }

    @Property
    void acceptsEveryWellFormedId(@ForAll("validIds") String id) {
        assertThat(ResidentIds.check(id, TODAY)).isEqualTo(new IdCheck.Valid(id));
    }

    @Property
    void detectsEverySingleDigitError(@ForAll("validIds") String id, @ForAll int position, @ForAll int shift) {
        int at = Math.floorMod(position, 17);
        int digit = id.charAt(at) - '0';
        int changed = (digit + 1 + Math.floorMod(shift, 9)) % 10;
        String typo = id.substring(0, at) + changed + id.substring(at + 1);
        assertThat(ResidentIds.check(typo, TODAY)).isInstanceOf(IdCheck.Invalid.class);
    }

    @Property
    void detectsEverySwapOfAdjacentDifferentDigits(@ForAll("validIds") String id, @ForAll int position) {
        int at = Math.floorMod(position, 16);
        if (id.charAt(at) == id.charAt(at + 1)) {
            return;
        }
        String swapped = id.substring(0, at) + id.charAt(at + 1) + id.charAt(at) + id.substring(at + 2);
        assertThat(ResidentIds.check(swapped, TODAY)).isInstanceOf(IdCheck.Invalid.class);
    }

    @Property
    void fullWidthFormIsTheSameId(@ForAll("validIds") String id) {
        StringBuilder fullWidth = new StringBuilder();
        id.chars().forEach(c -> fullWidth.append((char) (c == 'X' ? 0xFF58 : 0xFF10 + (c - '0'))));
        assertThat(ResidentIds.check(fullWidth.toString(), TODAY)).isEqualTo(new IdCheck.Valid(id));
    }

    @Property
    void legacyFormOfATwentiethCenturyIdIsTheSameId(@ForAll("validIds") String id) {
        if (!id.startsWith("19", 6)) {
            return;
        }
        String legacy = id.substring(0, 6) + id.substring(8, 17);
        assertThat(ResidentIds.check(legacy, TODAY)).isEqualTo(new IdCheck.Valid(id));
    }

    @Property
    void normaliseIsIdempotent(@ForAll String raw) {
        String once = ResidentIds.normalise(raw);
        assertThat(ResidentIds.normalise(once)).isEqualTo(once);
    }

    @Property
    void neverThrowsOnAnyInput(@ForAll String raw) {
        assertThat(ResidentIds.check(raw, TODAY)).isNotNull();
    }
}
