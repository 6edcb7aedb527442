package io.vitalink.id;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.name.Names;
import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any string, however hostile, gives a valid ID or a coded refusal, and a name's normal form or null. */
class IdAndNameFuzzTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

    @Property(tries = 1000)
    void anyStringGivesAValidIdOrACodedRefusal(@ForAll("hostile") String raw, @ForAll("idTypes") String idType) {
        IdCheck check = ResidentIds.check(raw, idType, TODAY);
        if (check instanceof IdCheck.Invalid invalid) {
            assertThat(invalid.reason().code()).matches("VL-\\d{4}");
        } else {
            String id = ((IdCheck.Valid) check).id();
            assertThat(id).isNotBlank().doesNotContain("\u0000", "\r", "\n", " ");
        }
    }

    @Property(tries = 1000)
    void anyResidentIdCheckIsValidWithTheCheckDigitOrCoded(@ForAll("hostile") String raw) {
        IdCheck check = ResidentIds.check(raw, TODAY);
        if (check instanceof IdCheck.Valid valid) {
            assertThat(valid.id()).hasSize(ResidentIds.LENGTH);
            assertThat(ResidentIds.checkCharacter(valid.id())).isEqualTo(valid.id().charAt(ResidentIds.LENGTH - 1));
        } else {
            assertThat(((IdCheck.Invalid) check).reason().code()).matches("VL-20\\d{2}");
        }
    }

    @Property(tries = 1000)
    void anyNameNormalisesToAStableFormWithoutWhitespaceOrNull(@ForAll("hostile") String raw) {
        String normal = Names.normalise(raw);
        if (normal != null) {
            assertThat(normal).isNotEmpty().doesNotContain(" ", "\r", "\n", "\t");
            assertThat(Names.normalise(normal)).isEqualTo(normal);
        }
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(40);
        Arbitrary<String> controls = Arbitraries.strings()
                .withChars('\u0000', '\r', '\n', '\t', '\uFEFF', '\u200B', '\u3000', '-', 'x', 'X')
                .withCharRange('0', '9').ofMaxLength(30);
        Arbitrary<String> lonelySurrogates = Arbitraries.strings()
                .withCharRange('\uD800', '\uDFFF').withCharRange('0', '9').ofMaxLength(20);
        Arbitrary<String> huge = Arbitraries.strings().withCharRange('0', '9').ofMinLength(10_000).ofMaxLength(70_000);
        Arbitrary<String> bom = any.map(s -> "\uFEFF" + s);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, any), net.jqwik.api.Tuple.of(4, controls),
                net.jqwik.api.Tuple.of(2, lonelySurrogates), net.jqwik.api.Tuple.of(1, huge),
                net.jqwik.api.Tuple.of(2, bom), net.jqwik.api.Tuple.of(1, Arbitraries.just(null)));
    }

    @Provide
    Arbitrary<String> idTypes() {
        return Arbitraries.oneOf(Arbitraries.of("RESIDENT_ID", "PASSPORT", "HK_MACAO_PERMIT", "TAIWAN_PERMIT",
                "FOREIGNER_PERMANENT_RESIDENT", "居民身份证", ""), Arbitraries.strings().all().ofMaxLength(20),
                Arbitraries.just(null));
    }
}
