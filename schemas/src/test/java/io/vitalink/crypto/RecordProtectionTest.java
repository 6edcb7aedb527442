package io.vitalink.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.CauseLine;
import io.vitalink.avro.DeathRecord;
import io.vitalink.avro.LinkComparison;
import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import io.vitalink.avro.ProbableSearch;
import io.vitalink.avro.ReviewDecision;
import io.vitalink.avro.WebhookAttempt;
import io.vitalink.avro.WebhookChange;
import io.vitalink.avro.WebhookDelivery;
import io.vitalink.avro.WebhookStatus;
import io.vitalink.serde.Codecs;
import io.vitalink.topic.TopicSerdes;
import io.vitalink.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordProtectionTest {

    private static final String ID = "11010519491231002X";
    private static final String NAME = "张三丰";
    private final FieldCipher cipher = FieldCipher.ephemeral();
    private final RecordProtection protection = new RecordProtection(cipher);

    @Test
    void sealsEveryPersonalFieldOfADeathRecordAndKeepsTheRest() {
        DeathRecord death = death();

        DeathRecord sealed = protection.seal(death);

        assertThat(sealed.getIdNumber()).isEqualTo(cipher.sealId(ID));
        // whole clear values only: a short fragment such as "C34" turns up in random Base64 now and then
        List<String> clear = List.of(death.getName(), death.getDeathPlace(), death.getDirectCause(),
                death.getDirectCauseIcd10(), death.getOtherDiagnoses());
        assertThat(List.of(sealed.getName(), sealed.getDeathPlace(), sealed.getDirectCause(), sealed.getDirectCauseIcd10(),
                sealed.getOtherDiagnoses())).noneMatch(v -> clear.stream().anyMatch(v::contains) || v.contains("肺"));
        assertThat(sealed.getBirthDate()).isEqualTo(death.getBirthDate());
        assertThat(sealed.getDeathDate()).isEqualTo(death.getDeathDate());
        assertThat(protection.open(sealed)).isEqualTo(death);
    }

    @Test
    void sealsEveryLineOfTheCauseChainAndKeepsTheChapterClear() {
        DeathRecord death = death();
        death.setAntecedentCauses(List.of(new CauseLine("肺恶性肿瘤", "C34.9", "2年"), new CauseLine("吸烟史", null, null)));
        death.setOtherConditions(List.of(new CauseLine("2型糖尿病", "E11.9", "10年")));
        death.setUnderlyingCause("肺恶性肿瘤");
        death.setUnderlyingCauseIcd10("C34.9");
        death.setUnderlyingCauseChapter("II");

        DeathRecord sealed = protection.seal(death);

        CauseLine line = sealed.getAntecedentCauses().get(0);
        assertThat(List.of(line.getText(), line.getIcd10(), line.getInterval(), sealed.getUnderlyingCause(),
                sealed.getUnderlyingCauseIcd10(), sealed.getOtherConditions().get(0).getIcd10()))
                .noneMatch(v -> v.contains("肺") || v.equals("C34.9") || v.equals("2年") || v.equals("E11.9"));
        assertThat(sealed.getAntecedentCauses().get(1).getIcd10()).isNull();
        assertThat(sealed.getUnderlyingCauseChapter()).isEqualTo("II");
        assertThat(protection.open(sealed)).isEqualTo(death);
        assertThat(death.getAntecedentCauses().get(0).getText()).as("the original untouched").isEqualTo("肺恶性肿瘤");
    }

    @Test
    void leavesTheRecordHandedToItUntouched() {
        DeathRecord death = death();

        protection.seal(death);

        assertThat(death.getName()).isEqualTo(NAME);
        assertThat(death.getIdNumber()).isEqualTo(ID);
    }

    @Test
    void sealsTheRequestNestedInAProbableSearch() {
        ProbableSearch search = new ProbableSearch(request(), "VL-2003");

        ProbableSearch sealed = protection.seal(search);

        assertThat(sealed.getRequest().getIdNumber()).doesNotContain(ID);
        assertThat(sealed.getRequest().getName()).doesNotContain(NAME);
        assertThat(sealed.getReasonCode()).isEqualTo("VL-2003");
        assertThat(protection.open(sealed)).isEqualTo(search);
    }

    @Test
    void encodedBytesHoldNeitherTheIdNorTheName() {
        MatchResult result = MatchResult.newBuilder().setJobId("j").setRecordId("r").setOutcome(Outcome.MATCHED)
                .setLinkedId(ID).setDirectCause("肺癌").setDeathDate(LocalDate.of(2020, 1, 1)).setDecidedAt(Instant.EPOCH).build();
        ProtectedCodec<MatchResult> codec = new ProtectedCodec<>(Codecs.MATCH_RESULT, protection);

        byte[] bytes = codec.encode(result);

        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain(ID).doesNotContain(new String("肺癌".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        assertThat(codec.decode(bytes)).isEqualTo(result);
    }

    @Test
    void sealsBothSidesOfTheReviewComparisonAndOpensThemAgain() {
        LinkComparison comparison = new LinkComparison("44052419800101001X", null, NAME, "M", "1980-01-01",
                ID, "张三峰", "M", "1949-12-31");
        MatchResult result = MatchResult.newBuilder().setJobId("j").setRecordId("r").setOutcome(Outcome.PROBABLE)
                .setLinkedId(ID).setDecidedAt(Instant.EPOCH).setComparison(comparison).build();

        MatchResult sealed = protection.seal(result);

        LinkComparison closed = sealed.getComparison();
        assertThat(List.of(closed.getRequestIdNumber(), closed.getRequestName(), closed.getRequestSex(),
                closed.getRequestBirthDate(), closed.getDeathIdNumber(), closed.getDeathName(), closed.getDeathSex(),
                closed.getDeathBirthDate()))
                .noneMatch(v -> v.contains(ID) || v.contains(NAME) || v.contains("1980-01-01") || v.equals("M"));
        assertThat(closed.getRequestIdType()).isNull();
        assertThat(protection.open(sealed)).isEqualTo(result);
    }

    @Test
    void sealsTheNoteOfAReviewDecision() {
        ReviewDecision decision = ReviewDecision.newBuilder().setDecisionId("d").setJobId("j").setRecordId("r")
                .setOrganisation("centre-a").setDecision("REJECT").setNote("namesake " + NAME).setReviewer("rev")
                .setReviewedAt(Instant.EPOCH).setResultDecidedAt(Instant.EPOCH).setOutcome(Outcome.PROBABLE)
                .setMatchRule("NAME_BIRTH_SEX").setScore(0.95).build();

        ReviewDecision sealed = protection.seal(decision);

        assertThat(sealed.getNote()).doesNotContain(NAME);
        assertThat(sealed.getDecision()).isEqualTo("REJECT");
        assertThat(protection.open(sealed)).isEqualTo(decision);
    }

    @Test
    void everyTypeWithPersonalDataHasProtectedFields() {
        for (var type : List.of(DeathRecord.class, MatchRequest.class, MatchResult.class, ProbableSearch.class,
                LinkComparison.class, ReviewDecision.class)) {
            assertThat(RecordProtection.plan(org.apache.avro.specific.SpecificData.get().getSchema(type), type).isEmpty())
                    .as(type.getSimpleName()).isFalse();
        }
    }

    @Test
    void aWebhookDeliveryHoldsNothingPersonalSoItsTopicCarriesItUnsealed() {
        WebhookDelivery delivery = WebhookDelivery.newBuilder().setJobId("j").setDeliveryId("d")
                .setChange(WebhookChange.ATTEMPTED).setWrittenAt(Instant.EPOCH).setCallbackUrl("https://hooks.example.org/")
                .setOrganisation("centre-a").setStatus(WebhookStatus.PENDING).setBody("{\"jobId\":\"j\"}")
                .setWindowStart(Instant.EPOCH).setNextAttemptAt(Instant.EPOCH.plusSeconds(1))
                .setAttempts(List.of(new WebhookAttempt(1, Instant.EPOCH, 500, "HTTP 500", Instant.EPOCH.plusSeconds(1))))
                .build();
        TopicSerdes serdes = new TopicSerdes(cipher);

        byte[] bytes = serdes.value(Topics.WEBHOOK_DELIVERIES).serializer().serialize(Topics.WEBHOOK_DELIVERIES.name(), delivery);

        assertThat(RecordProtection.plan(WebhookDelivery.getClassSchema(), WebhookDelivery.class).isEmpty()).isTrue();
        assertThat(bytes).isEqualTo(Codecs.WEBHOOK_DELIVERY.encode(delivery));
        // compared as bytes: Avro's equals cannot compare the nullable times inside the array of attempts
        assertThat(Codecs.WEBHOOK_DELIVERY.encode(serdes.codec(WebhookDelivery.class).decode(bytes))).isEqualTo(bytes);
    }

    private static DeathRecord death() {
        return DeathRecord.newBuilder().setIdNumber(ID).setName(NAME).setSex("M").setBirthDate(LocalDate.of(1949, 12, 31))
                .setDeathDate(LocalDate.of(2020, 3, 1)).setDeathPlace("医院").setDirectCause("肺癌")
                .setDirectCauseIcd10("C34.9").setOtherDiagnoses("高血压").setLoadedAt(Instant.EPOCH).build();
    }

    private static MatchRequest request() {
        return MatchRequest.newBuilder().setJobId("j").setRecordId("r").setIdNumber(ID).setName(NAME).build();
    }
}
