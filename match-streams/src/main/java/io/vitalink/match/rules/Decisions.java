package io.vitalink.match.rules;

import io.vitalink.avro.AuditEvent;
import io.vitalink.avro.DeathRecord;
import io.vitalink.avro.LinkComparison;
import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import io.vitalink.id.ResidentIds;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** What a request's result is, given what the registry holds. Plain Java: no Kafka here. */
public final class Decisions {

    public static final String ACTOR = "match-streams";
    public static final String DEAD_LETTER = "DEAD_LETTER";
    /** The request's valid resident ID equals the death record's. */
    public static final String ID_EXACT = "ID_EXACT";
    /** No usable ID; the normalised name is close enough to one death of the same birth date and sex. */
    public static final String NAME_BIRTH_SEX = "NAME_BIRTH_SEX";

    private Decisions() {
    }

    /**
     * A request with a valid ID, joined with the death record of that ID, or with none. An equal ID
     * whose name, sex or birth date disagree is still a link, flagged with the fields that disagree.
     */
    public static MatchResult byId(MatchRequest request, DeathRecord death, Instant at) {
        MatchResult.Builder result = MatchResult.newBuilder()
                .setJobId(request.getJobId())
                .setRecordId(request.getRecordId())
                .setSequence(request.getSequence())
                .setDecidedAt(at);
        if (death == null) {
            return result.setOutcome(Outcome.NOT_FOUND).build();
        }
        Comparison comparison = Comparison.of(request, death);
        return withDeath(result, death)
                .setOutcome(comparison.consistent() ? Outcome.MATCHED : Outcome.MATCHED_WITH_DISCREPANCY)
                .setMatchRule(ID_EXACT)
                .setLinkedId(death.getIdNumber())
                .setScore(comparison.score())
                .setDiscrepancies(comparison.discrepancies())
                .setNameSimilarity(comparison.nameSimilarity())
                // only an uncertain link is reviewed: a consistent exact-ID link builds nothing more
                .setComparison(comparison.consistent() ? null : bothSides(request, death))
                .build();
    }

    /**
     * A request the ID could not link, linked by name, birth date and sex instead. The reason code of
     * an invalid ID stays, so the submitter learns the ID needs fixing.
     */
    public static MatchResult probable(MatchRequest request, String reasonCode, DeathRecord death, double score, Instant at) {
        List<String> discrepancies = new ArrayList<>(Comparison.of(request, death).discrepancies());
        String requestId = ResidentIds.normalise(request.getIdNumber());
        if (requestId != null && !requestId.isEmpty() && !requestId.equals(death.getIdNumber())) {
            discrepancies.add(0, Comparison.ID);
        }
        return withDeath(MatchResult.newBuilder(), death)
                .setJobId(request.getJobId())
                .setRecordId(request.getRecordId())
                .setSequence(request.getSequence())
                .setOutcome(Outcome.PROBABLE)
                .setMatchRule(NAME_BIRTH_SEX)
                .setLinkedId(death.getIdNumber())
                .setScore(score)
                .setNameSimilarity(score)
                .setDiscrepancies(discrepancies)
                .setReasonCode(reasonCode)
                .setDecidedAt(at)
                .setComparison(bothSides(request, death))
                .build();
    }

    /**
     * Both sides of an uncertain link, as the request gave them (its ID normalised when it was valid) and as the
     * registry holds them, for a reviewer. Sealed with the result; a centre's own copy of the result leaves it out.
     */
    public static LinkComparison bothSides(MatchRequest request, DeathRecord death) {
        return LinkComparison.newBuilder()
                .setRequestIdNumber(request.getIdNumber())
                .setRequestIdType(request.getIdType())
                .setRequestName(request.getName())
                .setRequestSex(request.getSex())
                .setRequestBirthDate(iso(request.getBirthDate()))
                .setDeathIdNumber(death.getIdNumber())
                .setDeathName(death.getName())
                .setDeathSex(death.getSex())
                .setDeathBirthDate(iso(death.getBirthDate()))
                .build();
    }

    private static String iso(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static MatchResult.Builder withDeath(MatchResult.Builder result, DeathRecord death) {
        return result.setDeathDate(death.getDeathDate())
                .setDeathPlace(death.getDeathPlace())
                .setDirectCause(death.getDirectCause())
                .setDirectCauseIcd10(death.getDirectCauseIcd10())
                .setOtherDiagnoses(death.getOtherDiagnoses())
                .setDirectCauseInterval(death.getDirectCauseInterval())
                .setAntecedentCauses(death.getAntecedentCauses())
                .setOtherConditions(death.getOtherConditions())
                .setUnderlyingCause(death.getUnderlyingCause())
                .setUnderlyingCauseIcd10(death.getUnderlyingCauseIcd10())
                .setUnderlyingCauseChapter(death.getUnderlyingCauseChapter());
    }

    /** What a request the ID could not link gets when no probable link is found either. */
    public static MatchResult unlinked(MatchRequest request, String reasonCode, Instant at) {
        return reasonCode == null ? byId(request, null, at) : invalid(request, reasonCode, at);
    }

    public static MatchResult invalid(MatchRequest request, String reasonCode, Instant at) {
        return MatchResult.newBuilder()
                .setJobId(request.getJobId())
                .setRecordId(request.getRecordId())
                .setSequence(request.getSequence())
                .setOutcome(Outcome.INVALID)
                .setReasonCode(reasonCode)
                .setDecidedAt(at)
                .build();
    }

    /** The audit line of a request that could not be decoded: it has no result to record it. */
    public static AuditEvent deadLetter(String jobId, String reasonCode, String detail, Instant at) {
        return AuditEvent.newBuilder()
                .setAt(at)
                .setActor(ACTOR)
                .setAction(DEAD_LETTER)
                .setJobId(jobId)
                .setReasonCode(reasonCode)
                .setDetail(detail)
                .build();
    }
}
