package io.vitalink.match.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vitalink.avro.DeathRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbableMatcherTest {

    private final ProbableMatcher matcher = new ProbableMatcher(0.92, 0.02);

    @Test
    void linksTheOnlyDeathWithTheSameNormalisedName() {
        DeathRecord death = death("11010519491231002X", "阿依古丽·买买提");

        assertThat(matcher.best("阿依古丽 • 买买提", null, List.of(death(null, "王伟"), death)))
                .hasValueSatisfying(candidate -> {
                    assertThat(candidate.death()).isSameAs(death);
                    assertThat(candidate.score()).isEqualTo(1.0);
                });
    }

    @Test
    void scoresDeathsPreparedBeforehandExactlyAsRawOnes() {
        List<DeathRecord> raw = List.of(death("11010519491231002X", "阿依古丽·买买提"), death("110105194912310037", "ｗａｎｇ　ｗｅｉ"),
                death("110105194912310045", "王 伟"), death(null, "王伟"), death("11010549123100", "王伟"));
        List<ProbableMatcher.Prepared<Integer>> prepared = java.util.stream.IntStream.range(0, raw.size())
                .mapToObj(i -> ProbableMatcher.Prepared.of(i, io.vitalink.name.Names.normalise(raw.get(i).getName()),
                        raw.get(i).getIdNumber()))
                .toList();

        for (String name : List.of("阿依古丽 • 买买提", "WANG WEI", "王伟", "王卫")) {
            for (String id : java.util.Arrays.asList(null, "110105194912310029", "11010519491231002X", "110105491231002")) {
                var fromRaw = matcher.best(name, id, raw);
                assertThat(matcher.bestOf(name, id, prepared).map(candidate -> raw.get(candidate.death())))
                        .as(name + " / " + id).isEqualTo(fromRaw.map(ProbableMatcher.Candidate::death));
                assertThat(matcher.bestOf(name, id, prepared).map(ProbableMatcher.Candidate::score))
                        .as(name + " / " + id).isEqualTo(fromRaw.map(ProbableMatcher.Candidate::score));
            }
        }
    }

    @Test
    void toleratesATypoInALongName() {
        assertThat(matcher.best("ALEXANDRA JOHNSTONE", null, List.of(death(null, "ALEXANDRA JOHNSTON")))).isPresent();
    }

    @Test
    void refusesANameBelowTheThreshold() {
        assertThat(matcher.best("王伟", null, List.of(death(null, "王芳")))).isEmpty();
    }

    @Test
    void refusesWhenTheRunnerUpIsWithinTheMargin() {
        assertThat(matcher.best("王伟", null, List.of(death("11010519491231002X", "王伟"), death(null, "王伟")))).isEmpty();
    }

    @Test
    void linksWhenTheRunnerUpIsFarBehind() {
        assertThat(matcher.best("王伟", null, List.of(death(null, "王伟"), death(null, "李四")))).isPresent();
    }

    @Test
    void ignoresDeathsWithoutName() {
        assertThat(matcher.best("王伟", null, List.of(death(null, null)))).isEmpty();
    }

    @Test
    void needsARequestName() {
        assertThat(matcher.best(" ", null, List.of(death(null, "王伟")))).isEmpty();
    }

    @Test
    void skipsDeathsWhoseIdIsFarFromTheSubmittedOne() {
        DeathRecord namesake = death("32010619491231005X", "王伟");
        assertThat(matcher.best("王伟", "11010519491231002X", List.of(namesake))).isEmpty();
    }

    @Test
    void acceptsDeathsWhoseIdIsWithinTwoEditsOfTheSubmittedOne() {
        DeathRecord death = death("11010519491231002X", "王伟");
        assertThat(matcher.best("王伟", "110105194912310027", List.of(death))).isPresent(); // bad check digit
        assertThat(matcher.best("王伟", "1101051949123100X", List.of(death))).isPresent(); // a digit lost
        assertThat(matcher.best("王伟", "11010519491213002X", List.of(death))).isPresent(); // digits swapped
    }

    @Test
    void neverBoundsASimilarityBelowItsValue() {
        java.util.Random random = new java.util.Random(3);
        org.apache.commons.text.similarity.JaroWinklerSimilarity similarity = new org.apache.commons.text.similarity.JaroWinklerSimilarity();
        for (int i = 0; i < 200_000; i++) {
            String a = name(random);
            String b = random.nextInt(4) == 0 ? a.substring(0, random.nextInt(a.length())) + name(random) : name(random);
            assertThat(ProbableMatcher.similarityBound(a, b)).as(a + " / " + b).isGreaterThanOrEqualTo(similarity.apply(a, b));
        }
    }

    @Test
    void decidesAsScoringEveryNameWould() {
        java.util.Random random = new java.util.Random(4);
        org.apache.commons.text.similarity.JaroWinklerSimilarity similarity = new org.apache.commons.text.similarity.JaroWinklerSimilarity();
        int linked = 0;
        for (int i = 0; i < 20_000; i++) {
            double threshold = 0.5 + random.nextInt(50) / 100.0;
            double margin = random.nextInt(10) / 100.0;
            ProbableMatcher scoring = new ProbableMatcher(threshold, margin);
            String request = io.vitalink.name.Names.normalise(name(random));
            List<ProbableMatcher.Prepared<Integer>> block = new java.util.ArrayList<>();
            double best = -1;
            double runnerUp = 0;
            Integer bestIndex = null;
            for (int k = 0; k < 1 + random.nextInt(12); k++) {
                String candidate = io.vitalink.name.Names.normalise(random.nextInt(5) == 0
                        ? request.substring(0, random.nextInt(request.length() + 1)) + name(random).substring(1) : name(random));
                block.add(ProbableMatcher.Prepared.of(k, candidate, null));
                double score = request.equals(candidate) ? 1.0 : similarity.apply(request, candidate);
                if (score > best) {
                    runnerUp = Math.max(runnerUp, best);
                    best = score;
                    bestIndex = k;
                } else {
                    runnerUp = Math.max(runnerUp, score);
                }
            }
            Integer expected = best >= threshold && best - runnerUp >= margin ? bestIndex : null;
            assertThat(scoring.bestOf(request, null, block).map(ProbableMatcher.Candidate::death).orElse(null))
                    .as(request + " in " + block).isEqualTo(expected);
            linked += expected == null ? 0 : 1;
        }
        assertThat(linked).as("links and refusals both well represented").isBetween(2_000, 18_000);
    }

    private static String name(java.util.Random random) {
        String characters = "王李张刘陈杨伟芳娜敏静丽强磊军洋ABCDEHNOW";
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 2 + random.nextInt(4); i++) {
            name.append(characters.charAt(random.nextInt(characters.length())));
        }
        return name.toString();
    }

    @Test
    void refusesNonsensicalSettings() {
        assertThatThrownBy(() -> new ProbableMatcher(0, 0.02)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProbableMatcher(1.1, 0.02)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProbableMatcher(0.9, -0.1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static DeathRecord death(String id, String name) {
        return DeathRecord.newBuilder().setIdNumber(id == null ? "PASSPORT:E1234567" : id).setName(name).setSex("M")
                .setBirthDate(LocalDate.of(1949, 12, 31)).setDeathDate(LocalDate.of(2023, 5, 6))
                .setLoadedAt(Instant.EPOCH).build();
    }

    @Test
    void aDeathThatDoesNotCountNeverChangesTheAnswer() {
        java.util.Random rnd = new java.util.Random(7);
        String[] names = {"王伟", "王伟", "王玮", "王卫", "汪伟", "李伟", "王伟国", "张三", "欧阳建国", "欧阳国建", "王"};
        String[] ids = {null, "11010519491231002X", "11010519491231003X", "110105194912310021", "44052418800101001X"};
        for (int round = 0; round < 2_000; round++) {
            ProbableMatcher.Request request = ProbableMatcher.Request.of(names[rnd.nextInt(names.length)], ids[rnd.nextInt(ids.length)]);
            java.util.List<ProbableMatcher.Prepared<Integer>> block = new java.util.ArrayList<>();
            for (int d = 0; d < 1 + rnd.nextInt(5); d++) {
                String id = ids[1 + rnd.nextInt(ids.length - 1)];
                block.add(ProbableMatcher.Prepared.of(d, io.vitalink.name.Names.normalise(names[rnd.nextInt(names.length)]), id));
            }
            java.util.List<ProbableMatcher.Prepared<Integer>> counting = block.stream().filter(death -> matcher.counts(request, death)).toList();

            assertThat(matcher.bestOf(request, counting)).as("round %d", round).isEqualTo(matcher.bestOf(request, block));
        }
    }
}
