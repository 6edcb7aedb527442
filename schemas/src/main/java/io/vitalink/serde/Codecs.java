package io.vitalink.serde;

import io.vitalink.avro.Application;
import io.vitalink.avro.AuditEvent;
import io.vitalink.avro.DeathRecord;
import io.vitalink.avro.JobControl;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.ProbableSearch;
import io.vitalink.avro.ReviewDecision;
import io.vitalink.avro.SystemConfig;
import io.vitalink.avro.User;
import io.vitalink.avro.WatchedRecord;
import io.vitalink.avro.WebhookDelivery;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** The codec and Kafka serde of every message type. Swap the wire format here and nowhere else. */
public final class Codecs {

    public static final RecordCodec<MatchRequest> MATCH_REQUEST = SingleObjectAvroCodec.of(MatchRequest.class);
    private static final SingleObjectAvroCodec<DeathRecord> DEATHS = SingleObjectAvroCodec.of(DeathRecord.class);
    public static final RecordCodec<DeathRecord> DEATH_RECORD = DEATHS;
    /** ID, name, sex and birth date of a death: what blocking and name scoring read, the rest skipped. */
    public static final RecordProjection<DeathRecord> DEATH_FOR_BLOCKING =
            DEATHS.leading("idNumber", "name", "sex", "birthDate");
    public static final RecordCodec<MatchResult> MATCH_RESULT = SingleObjectAvroCodec.of(MatchResult.class);
    public static final RecordCodec<JobProgress> JOB_PROGRESS = SingleObjectAvroCodec.of(JobProgress.class);
    public static final RecordCodec<JobControl> JOB_CONTROL = SingleObjectAvroCodec.of(JobControl.class);
    public static final RecordCodec<AuditEvent> AUDIT_EVENT = SingleObjectAvroCodec.of(AuditEvent.class);
    public static final RecordCodec<ProbableSearch> PROBABLE_SEARCH = SingleObjectAvroCodec.of(ProbableSearch.class);
    public static final RecordCodec<User> USER = SingleObjectAvroCodec.of(User.class);
    public static final RecordCodec<WebhookDelivery> WEBHOOK_DELIVERY = SingleObjectAvroCodec.of(WebhookDelivery.class);
    public static final RecordCodec<WatchedRecord> WATCHED_RECORD = SingleObjectAvroCodec.of(WatchedRecord.class);
    public static final RecordCodec<SystemConfig> SYSTEM_CONFIG = SingleObjectAvroCodec.of(SystemConfig.class);
    public static final RecordCodec<ReviewDecision> REVIEW_DECISION = SingleObjectAvroCodec.of(ReviewDecision.class);
    public static final RecordCodec<Application> APPLICATION = SingleObjectAvroCodec.of(Application.class);

    private static final Map<Class<?>, RecordCodec<?>> BY_TYPE = Map.ofEntries(
            Map.entry(MatchRequest.class, MATCH_REQUEST),
            Map.entry(DeathRecord.class, DEATH_RECORD),
            Map.entry(MatchResult.class, MATCH_RESULT),
            Map.entry(JobProgress.class, JOB_PROGRESS),
            Map.entry(JobControl.class, JOB_CONTROL),
            Map.entry(AuditEvent.class, AUDIT_EVENT),
            Map.entry(ProbableSearch.class, PROBABLE_SEARCH),
            Map.entry(User.class, USER),
            Map.entry(WebhookDelivery.class, WEBHOOK_DELIVERY),
            Map.entry(WatchedRecord.class, WATCHED_RECORD),
            Map.entry(SystemConfig.class, SYSTEM_CONFIG),
            Map.entry(ReviewDecision.class, REVIEW_DECISION),
            Map.entry(Application.class, APPLICATION));

    private Codecs() {
    }

    @SuppressWarnings("unchecked")
    public static <T> RecordCodec<T> forType(Class<T> type) {
        RecordCodec<T> codec = (RecordCodec<T>) BY_TYPE.get(type);
        if (codec == null) {
            throw new IllegalArgumentException("no codec for " + type.getName());
        }
        return codec;
    }

    /** A Kafka serde over a codec; null stays null so tombstones pass through. */
    public static <T> Serde<T> serde(Class<T> type) {
        RecordCodec<T> codec = forType(type);
        Serializer<T> serializer = (topic, value) -> value == null ? null : codec.encode(value);
        Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null : codec.decode(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
