package io.vitalink.match.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.junit.jupiter.api.Test;

class CloseIdsTest {

    private static final LevenshteinDistance EDITS = new LevenshteinDistance(CloseIds.MAX_EDITS);

    @Test
    void countsDigitsAndXAndNothingElse() {
        assertThat(CloseIds.bag("")).isZero();
        assertThat(CloseIds.bag("10X")).isEqualTo(1L << 5 | 1L | 1L << 50);
        assertThat(CloseIds.bag("E1234567")).isEqualTo(CloseIds.UNCOUNTED);
        assertThat(CloseIds.bag("1x")).isEqualTo(CloseIds.UNCOUNTED);
        assertThat(CloseIds.bag(null)).isEqualTo(CloseIds.UNCOUNTED);
    }

    @Test
    void refusesToCountAnIdWithMoreOfOneCharacterThanFiveBitsHold() {
        assertThat(CloseIds.bag("1".repeat(31))).isNotEqualTo(CloseIds.UNCOUNTED);
        assertThat(CloseIds.bag("1".repeat(32))).isEqualTo(CloseIds.UNCOUNTED);
    }

    @Test
    void bagDistanceIsTheLargerSideOfTheCountsThatDiffer() {
        Random random = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            String a = digits(random, 12 + random.nextInt(8));
            String b = digits(random, 12 + random.nextInt(8));
            assertThat(CloseIds.bagDistance(CloseIds.bag(a), CloseIds.bag(b))).as(a + " / " + b).isEqualTo(countedDistance(a, b));
        }
    }

    @Test
    void agreesWithTheEditDistanceOnIdsOfAnyCharacters() {
        Random random = new Random(11);
        String alphabet = "0123456789XE:";
        int close = 0;
        for (int i = 0; i < 100_000; i++) {
            String a = digits(random, 15 + random.nextInt(4));
            StringBuilder b = new StringBuilder(a);
            for (int edit = random.nextInt(5); edit > 0 && b.length() > 1; edit--) {
                int at = random.nextInt(b.length());
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(4)) {
                    case 0 -> b.setCharAt(at, c);
                    case 1 -> b.insert(at, c);
                    case 2 -> b.deleteCharAt(at);
                    default -> {
                        char swapped = b.charAt(at);
                        b.setCharAt(at, b.charAt(b.length() - 1));
                        b.setCharAt(b.length() - 1, swapped);
                    }
                }
            }
            String other = b.toString();
            boolean expected = EDITS.apply(a, other) >= 0;
            assertThat(CloseIds.within(a, CloseIds.bag(a), other, CloseIds.bag(other))).as(a + " / " + other).isEqualTo(expected);
            close += expected ? 1 : 0;
        }
        assertThat(close).as("both answers are well represented").isBetween(30_000, 70_000);
    }

    @Test
    void boundedEditSearchAgreesWithTheEditDistanceTable() {
        Random random = new Random(5);
        for (int i = 0; i < 200_000; i++) {
            String a = digits(random, random.nextInt(7));
            String b = random.nextBoolean() ? digits(random, random.nextInt(7)) : a.substring(random.nextInt(a.length() + 1));
            for (int edits = 0; edits <= 3; edits++) {
                assertThat(CloseIds.withinEdits(a, 0, b, 0, edits)).as(a + " / " + b + " within " + edits)
                        .isEqualTo(new LevenshteinDistance(edits).apply(a, b) >= 0);
            }
        }
    }

    @Test
    void aDeathWithoutIdIsAlwaysClose() {
        assertThat(CloseIds.Probe.of("11010519491231002X").isCloseTo(null, CloseIds.UNCOUNTED)).isTrue();
    }

    private static String digits(Random random, int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(random.nextInt(12) == 0 ? 'X' : (char) ('0' + random.nextInt(10)));
        }
        return id.toString();
    }

    private static int countedDistance(String a, String b) {
        int[] counts = new int[128];
        a.chars().forEach(c -> counts[c]++);
        b.chars().forEach(c -> counts[c]--);
        int onlyInA = 0;
        int onlyInB = 0;
        for (int count : counts) {
            onlyInA += Math.max(count, 0);
            onlyInB += Math.max(-count, 0);
        }
        return Math.max(onlyInA, onlyInB);
    }
}
