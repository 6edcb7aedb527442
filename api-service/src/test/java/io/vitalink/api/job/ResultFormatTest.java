package io.vitalink.api.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.avro.CauseLine;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.Test;

class ResultFormatTest {

    private static MatchResult.Builder result() {
        return MatchResult.newBuilder().setJobId("j").setRecordId("r1").setOutcome(Outcome.MATCHED)
                .setDecidedAt(Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static String csv(MatchResult result) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultFormat.CSV.write(result, ResultDetail.STANDARD, null, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void csvTextCellsThatASpreadsheetWouldEvaluateStartWithAQuote() throws Exception {
        MatchResult hostile = result().setRecordId("=HYPERLINK(\"http://x.example/\",\"r\")").setDeathPlace("+1+1")
                .setDirectCause("-2+3").setDirectCauseIcd10("@SUM(A1)").setLinkedId("\tcmd").build();

        assertThat(csv(hostile)).isEqualTo("\"'=HYPERLINK(\"\"http://x.example/\"\",\"\"r\"\")\",MATCHED,,'+1+1,'-2+3,"
                + "'@SUM(A1),,,,,,'\tcmd,,,,,,,\r\n");
    }

    @Test
    void csvLeavesOrdinaryValuesAsTheyAre() throws Exception {
        MatchResult ordinary = result().setDeathDate(LocalDate.of(2020, 5, 6)).setDeathPlace("医院")
                .setDirectCause("肺恶性肿瘤").setDirectCauseIcd10("C34.9").setMatchRule("ID_EXACT").setScore(1.0)
                .setNameSimilarity(1.0).setLinkedId("11010519491231002X").build();

        assertThat(csv(ordinary)).isEqualTo("r1,MATCHED,2020-05-06,医院,肺恶性肿瘤,C34.9,,ID_EXACT,1.0,,1.0,11010519491231002X,,,,,,,\r\n");
    }

    @Test
    void aReviewedResultShowsTheDecisionAfterItsOwnFieldsInEveryLineFormat() {
        MatchResult probable = result().setOutcome(Outcome.PROBABLE).setMatchRule("NAME_BIRTH_SEX").setScore(0.95).build();
        ResultReview review = new ResultReview("REJECT", "=namesake", "reviewer-a", Instant.parse("2026-01-02T03:04:05Z"));

        assertThat(ResultFormat.NDJSON.line(probable, ResultDetail.STANDARD, review)).endsWith(
                ",\"review\":{\"decision\":\"REJECT\",\"note\":\"=namesake\",\"reviewer\":\"reviewer-a\","
                        + "\"reviewedAt\":\"2026-01-02T03:04:05Z\"}}\n");
        assertThat(ResultFormat.CSV.line(probable, ResultDetail.STANDARD, review))
                .endsWith(",REJECT,'=namesake,reviewer-a,2026-01-02T03:04:05Z\r\n");
        assertThat(ResultFormat.NDJSON.line(probable, ResultDetail.STANDARD,
                new ResultReview("ACCEPT", null, "reviewer-a", Instant.EPOCH))).doesNotContain("note");
        assertThat(ResultFormat.FHIR.line(probable, ResultDetail.STANDARD, review))
                .contains("review-decision\",\"valueCode\":\"REJECT\"");
    }

    @Test
    void aResultWithoutReviewSaysSoAndNeverShowsTheComparedSides() {
        MatchResult probable = result().setOutcome(Outcome.PROBABLE).setComparison(io.vitalink.avro.LinkComparison.newBuilder()
                .setRequestName("张三").setDeathName("张山").build()).build();

        assertThat(ResultFormat.NDJSON.line(probable)).endsWith(",\"review\":null}\n").doesNotContain("张三", "张山");
        assertThat(ResultFormat.CSV.line(probable)).doesNotContain("张三", "张山");
        assertThat(ResultFormat.FHIR.line(probable)).doesNotContain("张三", "张山", "review-decision");
    }

    @Test
    void everyResultShowsTheUnderlyingCauseSoCancerDeathsNeedNoSecondLookup() throws Exception {
        MatchResult linked = withChain();

        assertThat(csv(linked)).endsWith(",肺恶性肿瘤,C34.9,II,,,,\r\n");
        assertThat(ResultFormat.NDJSON.line(linked))
                .contains("\"underlyingCause\":\"肺恶性肿瘤\",\"underlyingCauseIcd10\":\"C34.9\",\"underlyingCauseChapter\":\"II\"")
                .doesNotContain("causes");
    }

    @Test
    void detailCausesAddsTheWholeCauseSectionInCertificateOrder() throws Exception {
        MatchResult linked = withChain();

        assertThat(ResultFormat.NDJSON.line(linked, ResultDetail.CAUSES)).contains("\"causes\":{\"partOne\":["
                + "{\"line\":\"a\",\"text\":\"呼吸衰竭\",\"icd10\":\"J96.9\",\"interval\":\"5天\"},"
                + "{\"line\":\"b\",\"text\":\"肺恶性肿瘤\",\"icd10\":\"C34.9\",\"interval\":\"2年\"}],"
                + "\"partTwo\":{\"text\":\"糖尿病\",\"conditions\":[{\"text\":\"2型糖尿病\",\"icd10\":\"E11.9\",\"interval\":null}]}}");
        assertThat(ResultFormat.CSV.line(linked, ResultDetail.CAUSES)).endsWith(
                ",肺恶性肿瘤,C34.9,II,5天,肺恶性肿瘤,C34.9,2年,,,,,,,糖尿病,2型糖尿病,E11.9,,,,\r\n");
    }

    @Test
    void theCsvHeaderOfCausesHasAColumnForEveryCell() throws Exception {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        ResultFormat.CSV.writeHeader(ResultDetail.CAUSES, header);
        MatchResult withComma = withChain();
        withComma.setRecordId("r,1");
        String line = ResultFormat.CSV.line(withComma, ResultDetail.CAUSES);

        assertThat(CSVParser.parse(line, CSVFormat.RFC4180).getRecords().get(0).size())
                .isEqualTo(header.toString(StandardCharsets.UTF_8).strip().split(",").length)
                .isEqualTo(ResultFormat.HEADER.length + ResultFormat.CAUSES_HEADER.length + ResultFormat.REVIEW_HEADER.length);
    }

    @Test
    void aResultWithoutDeathHasAnEmptyCauseSection() {
        assertThat(ResultFormat.NDJSON.line(result().setOutcome(Outcome.NOT_FOUND).build(), ResultDetail.CAUSES))
                .contains("\"causes\":{\"partOne\":[],\"partTwo\":{\"text\":null,\"conditions\":[]}}");
    }

    @Test
    void anUnknownDetailIsRefusedWithItsCode() {
        assertThat(ResultDetail.parse(null)).isEqualTo(ResultDetail.STANDARD);
        assertThat(ResultDetail.parse(" Causes ")).isEqualTo(ResultDetail.CAUSES);
        assertThatThrownBy(() -> ResultDetail.parse("everything")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_RESULT_DETAIL));
    }

    private static MatchResult withChain() {
        return result().setDeathDate(LocalDate.of(2020, 5, 6)).setDirectCause("呼吸衰竭").setDirectCauseIcd10("J96.9")
                .setDirectCauseInterval("5天").setAntecedentCauses(List.of(new CauseLine("肺恶性肿瘤", "C34.9", "2年")))
                .setOtherDiagnoses("糖尿病").setOtherConditions(List.of(new CauseLine("2型糖尿病", "E11.9", null)))
                .setUnderlyingCause("肺恶性肿瘤").setUnderlyingCauseIcd10("C34.9").setUnderlyingCauseChapter("II").build();
    }

    @Test
    void aCarriageReturnAtTheStartIsNeutralisedToo() {
        assertThat(ResultFormat.inert("\rx")).isEqualTo("'\rx");
        assertThat(ResultFormat.inert("")).isEmpty();
        assertThat(ResultFormat.inert(null)).isNull();
        assertThat(ResultFormat.inert("a=b")).isEqualTo("a=b");
    }
}
