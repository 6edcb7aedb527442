package io.vitalink.match;

import io.vitalink.avro.AuditEvent;
import io.vitalink.avro.DeathRecord;
import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.Outcome;
import java.time.Instant;

/** What a request's result is, given what the registry holds. Plain Java: no Kafka here. */
public final class Decisions {

    public static final String ACTOR = "match-streams";
    public static final String MATCH_DECISION = "MATCH_DECISION";
    public static final String DEAD_LETTER = "DEAD_LETTER";

    private Decisions() {
    }

    /** A request with a valid ID, joined with the death record of that ID, or with none. */
    public static MatchResult byId(MatchRequest request, DeathRecord death, Instant at) {
        MatchResult.Builder result = MatchResult.newBuilder()
                .setJobId(request.getJobId())
                .setRecordId(request.getRecordId())
                .setDecidedAt(at);
        if (death == null) {
            return result.setOutcome(Outcome.NOT_FOUND).build();
        }
        return result.setOutcome(Outcome.MATCHED)
                .setDeathDate(death.getDeathDate())
                .setDeathPlace(death.getDeathPlace())
                .setDirectCause(death.getDirectCause())
                .setDirectCauseIcd10(death.getDirectCauseIcd10())
                .setOtherDiagnoses(death.getOtherDiagnoses())
                .build();
    }

    public static MatchResult invalid(MatchRequest request, String reasonCode, Instant at) {
        return MatchResult.newBuilder()
                .setJobId(request.getJobId())
                .setRecordId(request.getRecordId())
                .setOutcome(Outcome.INVALID)
                .setReasonCode(reasonCode)
                .setDecidedAt(at)
                .build();
    }

    /** The audit line of a decision: which record, what outcome, why — never the ID or the name. */
    public static AuditEvent audit(MatchResult result) {
        return AuditEvent.newBuilder()
                .setAt(result.getDecidedAt())
                .setActor(ACTOR)
                .setAction(MATCH_DECISION)
                .setJobId(result.getJobId())
                .setRecordId(result.getRecordId())
                .setOutcome(result.getOutcome().name())
                .setReasonCode(result.getReasonCode())
                .build();
    }

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
