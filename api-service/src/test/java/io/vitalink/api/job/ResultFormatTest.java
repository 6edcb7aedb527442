package io.vitalink.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ResultFormatTest {

    private static MatchResult.Builder result() {
        return MatchResult.newBuilder().setJobId("j").setRecordId("r1").setOutcome(Outcome.MATCHED)
                .setDecidedAt(Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static String csv(MatchResult result) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultFormat.CSV.write(result, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void csvTextCellsThatASpreadsheetWouldEvaluateStartWithAQuote() throws Exception {
        MatchResult hostile = result().setRecordId("=HYPERLINK(\"http://x.example/\",\"r\")").setDeathPlace("+1+1")
                .setDirectCause("-2+3").setDirectCauseIcd10("@SUM(A1)").setLinkedId("\tcmd").build();

        assertThat(csv(hostile)).isEqualTo("\"'=HYPERLINK(\"\"http://x.example/\"\",\"\"r\"\")\",MATCHED,,'+1+1,'-2+3,"
                + "'@SUM(A1),,,,,,'\tcmd\r\n");
    }

    @Test
    void csvLeavesOrdinaryValuesAsTheyAre() throws Exception {
        MatchResult ordinary = result().setDeathDate(LocalDate.of(2020, 5, 6)).setDeathPlace("医院")
                .setDirectCause("肺恶性肿瘤").setDirectCauseIcd10("C34.9").setMatchRule("ID_EXACT").setScore(1.0)
                .setNameSimilarity(1.0).setLinkedId("11010519491231002X").build();

        assertThat(csv(ordinary)).isEqualTo("r1,MATCHED,2020-05-06,医院,肺恶性肿瘤,C34.9,,ID_EXACT,1.0,,1.0,11010519491231002X\r\n");
    }

    @Test
    void aCarriageReturnAtTheStartIsNeutralisedToo() {
        assertThat(ResultFormat.inert("\rx")).isEqualTo("'\rx");
        assertThat(ResultFormat.inert("")).isEmpty();
        assertThat(ResultFormat.inert(null)).isNull();
        assertThat(ResultFormat.inert("a=b")).isEqualTo("a=b");
    }
}
