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
        int close = 0;
        for (int i = 0; i < 100_000; i++) {
            String a = digits(random, 15 + random.nextInt(4));
            String other = edited(a, random, "0123456789XE:");
            boolean expected = EDITS.apply(a, other) >= 0;
            assertThat(CloseIds.within(a, CloseIds.bag(a), other, CloseIds.bag(other))).as(a + " / " + other).isEqualTo(expected);
            close += expected ? 1 : 0;
        }
        assertThat(close).as("both answers are well represented").isBetween(30_000, 70_000);
    }

    @Test
    void decidesCandidatesOfOneBirthDateExactlyAsTheEditDistanceAloneWould() {
        Random random = new Random(12);
        int close = 0;
        for (int i = 0; i < 200_000; i++) {
            String id = idBornOn("19491231", random);
            String other = edited(random.nextInt(8) == 0 ? idBornOn("19491231", random) : id, random, "0123456789X");
            boolean expected = EDITS.apply(id, other) >= 0;
            assertThat(closeIds(id, other)).as(id + " / " + other).isEqualTo(expected);
            close += expected ? 1 : 0;
        }
        assertThat(close).as("both answers are well represented").isBetween(40_000, 160_000);
        assertThat(closeIds("E1234567", "E1234568")).as("other characters: the edit distance decides").isTrue();
    }

    @Test
    void comparesALegacyIdInItsEighteenCharacterForm() {
        assertThat(closeIds("110105491231003", "11010519491231002X")).isTrue();
        assertThat(closeIds("110105491231003", "11010519491231003X")).isTrue();
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

    private static boolean closeIds(String requestId, String deathId) {
        return CloseIds.Probe.of(requestId).isCloseTo(deathId, CloseIds.bag(deathId));
    }

    /** Up to four random substitutions, insertions, deletions or swaps with the last character. */
    private static String edited(String id, Random random, String alphabet) {
        StringBuilder other = new StringBuilder(id);
        for (int edit = random.nextInt(5); edit > 0 && other.length() > 1; edit--) {
            int at = random.nextInt(other.length());
            char c = alphabet.charAt(random.nextInt(alphabet.length()));
            switch (random.nextInt(4)) {
                case 0 -> other.setCharAt(at, c);
                case 1 -> other.insert(at, c);
                case 2 -> other.deleteCharAt(at);
                default -> {
                    char swapped = other.charAt(at);
                    other.setCharAt(at, other.charAt(other.length() - 1));
                    other.setCharAt(other.length() - 1, swapped);
                }
            }
        }
        return other.toString();
    }

    private static String idBornOn(String yyyyMMdd, Random random) {
        String body = String.format("%06d", random.nextInt(1_000_000)) + yyyyMMdd + String.format("%03d", random.nextInt(1000));
        return body + io.vitalink.id.ResidentIds.checkCharacter(body);
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
