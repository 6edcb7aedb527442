package io.vitalink.name;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @Test
    void trimsAndRemovesInnerWhitespace() {
        assertThat(Names.normalise("  张 三\t")).isEqualTo("张三");
        assertThat(Names.normalise("王\u3000小明")).isEqualTo("王小明");
    }

    @ParameterizedTest
    @ValueSource(strings = {"阿依古丽·买买提", "阿依古丽•买买提", "阿依古丽‧买买提", "阿依古丽・买买提", "阿依古丽･买买提",
            "阿依古丽∙买买提", "阿依古丽 · 买买提", "阿依古丽··买买提"})
    void unifiesMiddleDotVariants(String name) {
        assertThat(Names.normalise(name)).isEqualTo("阿依古丽\u00B7买买提");
    }

    @Test
    void dropsDotsAtEitherEnd() {
        assertThat(Names.normalise("·买买提·")).isEqualTo("买买提");
    }

    @Test
    void foldsFullWidthLettersAndUpperCasesLatin() {
        assertThat(Names.normalise("ｊｏｈｎ　Ｓｍｉｔｈ")).isEqualTo("JOHNSMITH");
        assertThat(Names.normalise("John Smith")).isEqualTo("JOHNSMITH");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\u3000", "·", " • "})
    void reportsNothingForEmptyNames(String name) {
        assertThat(Names.normalise(name)).isNull();
    }

    @Test
    void reportsNothingForNull() {
        assertThat(Names.normalise(null)).isNull();
    }

    @Property
    void isIdempotent(@ForAll String name) {
        String once = Names.normalise(name);
        assertThat(Names.normalise(once)).isEqualTo(once);
    }

    @Property
    void neverKeepsWhitespaceOrOtherDots(@ForAll String name) {
        String normal = Names.normalise(name);
        if (normal != null) {
            assertThat(normal.codePoints()).noneMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                    || (Names.isMiddleDot(cp) && cp != Names.MIDDLE_DOT));
            assertThat(normal).doesNotStartWith("·").doesNotEndWith("·");
        }
    }

    @Property
    void ignoresSpacesInsertedAnywhere(@ForAll("chineseNames") String name, @ForAll int position) {
        int at = Math.floorMod(position, name.length() + 1);
        assertThat(Names.normalise(name.substring(0, at) + " " + name.substring(at))).isEqualTo(Names.normalise(name));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> chineseNames() {
        return net.jqwik.api.Arbitraries.strings().withCharRange('\u4E00', '\u9FA5').ofMinLength(1).ofMaxLength(6);
    }
}
