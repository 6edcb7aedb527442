package io.vitalink.topic;

import io.vitalink.avro.Application;
import io.vitalink.avro.AuditEvent;
import io.vitalink.avro.DeathRecord;
import io.vitalink.avro.JobControl;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.ReviewDecision;
import io.vitalink.avro.SystemConfig;
import io.vitalink.avro.User;
import io.vitalink.avro.WebhookDelivery;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/** Every topic Vitalink reads or writes. Code, tests and docs take names from here. */
public final class Topics {

    /** Header on every match request: the jobId, so that a request whose value cannot be decoded still counts for its job. */
    public static final String JOB_ID_HEADER = "vl-job-id";
    /** Header on every dead-lettered request: the VL- reason code. */
    public static final String ERROR_CODE_HEADER = "vl-error-code";
    /** Header on every dead-lettered request: a human-readable reason, never the payload. */
    public static final String ERROR_MESSAGE_HEADER = "vl-error-message";

    public static final Topic<String, MatchRequest> MATCH_REQUESTS = new Topic<>(
            "match-requests", Topic.Key.TEXT, MatchRequest.class, Map.of());

    /** Requests whose value could not be decoded, as they came, with the error headers. */
    public static final Topic<String, byte[]> MATCH_REQUESTS_DLQ = new Topic<>(
            "match-requests-dlq", Topic.Key.TEXT, byte[].class, Map.of());

    /** Opens and closes jobs; CLOSED is the end-of-job marker carrying the expected count. */
    public static final Topic<String, JobControl> JOB_CONTROL = new Topic<>(
            "job-control", Topic.Key.TEXT, JobControl.class, Map.of());

    public static final Topic<String, DeathRecord> DEATH_RECORDS = new Topic<>(
            "death-records", Topic.Key.SEALED_ID, DeathRecord.class,
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                    // a tombstone must live long enough for every table to see the withdrawal
                    TopicConfig.DELETE_RETENTION_MS_CONFIG, String.valueOf(7L * 24 * 3600 * 1000)));

    public static final Topic<String, MatchResult> MATCH_RESULTS = new Topic<>(
            "match-results", Topic.Key.TEXT, MatchResult.class, Map.of());

    public static final Topic<String, JobProgress> JOB_PROGRESS = new Topic<>(
            "job-progress", Topic.Key.TEXT, JobProgress.class,
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));

    /** The permanent trail: kept without a time or size limit, whatever the broker's default retention. */
    public static final Topic<String, AuditEvent> AUDIT = new Topic<>(
            "audit", Topic.Key.TEXT, AuditEvent.class,
            Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.RETENTION_BYTES_CONFIG, "-1"));

    /** Users and service accounts of the API, keyed by username; the API materialises it. */
    public static final Topic<String, User> USERS = new Topic<>(
            "users", Topic.Key.TEXT, User.class,
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));

    /**
     * Job callbacks, keyed by jobId: the delivery, its attempts and schedule, shared by every API instance. The
     * instance that owns the key's partition in the consumer group {@code vitalink-api-webhooks} delivers and writes
     * it; every instance reads it (docs/WEBHOOKS.md). Never add partitions: a job's records would change partition.
     */
    public static final Topic<String, WebhookDelivery> WEBHOOK_DELIVERIES = new Topic<>(
            "webhook-deliveries", Topic.Key.TEXT, WebhookDelivery.class,
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));

    /**
     * Settings operators change at run time, written by the API only: key {@code current} and one key per version
     * ({@link io.vitalink.config.Setting}); every API instance and match-streams follow it.
     */
    public static final Topic<String, SystemConfig> SYSTEM_CONFIG = new Topic<>(
            "system-config", Topic.Key.TEXT, SystemConfig.class,
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));

    /**
     * Reviewers' decisions on uncertain results, keyed {@code jobId/recordId} ({@link #reviewKey}); written by the API.
     * Every API instance folds the first decision on a result by offset and refuses later ones (docs/MATCHING.md).
     */
    public static final Topic<String, ReviewDecision> REVIEW_DECISIONS = new Topic<>(
            "review-decisions", Topic.Key.TEXT, ReviewDecision.class,
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));

    /**
     * Data-use applications (申请审批), keyed by applicationId: filed, approved, rejected and revoked through the API,
     * which alone writes it; the API holds it in memory and match-streams reads it as a global table to check a job
     * opened on a centre's own topics and to stop a watched job's later results once its application has ended.
     */
    public static final Topic<String, Application> APPLICATIONS = new Topic<>(
            "applications", Topic.Key.TEXT, Application.class,
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));

    /**
     * Header on the requests the API writes to the shared match-requests topic: the field groups the job's application
     * approved, comma-separated. The matcher trusts it only there, and only until the job's progress names them.
     */
    public static final String FIELD_GROUPS_HEADER = "vl-field-groups";

    public static final List<Topic<?, ?>> ALL = List.of(
            MATCH_REQUESTS, MATCH_REQUESTS_DLQ, JOB_CONTROL, DEATH_RECORDS, MATCH_RESULTS, JOB_PROGRESS, AUDIT, USERS,
            WEBHOOK_DELIVERIES, SYSTEM_CONFIG, REVIEW_DECISIONS, APPLICATIONS);

    /**
     * Delete-policy topics holding a job's requests, dead letters, control events and results: created with
     * {@code retention.ms} set to the job retention (see {@link TopicProvisioner}). The audit topic is not one of
     * them: it keeps its own retention.
     */
    public static final List<Topic<?, ?>> JOB_DATA = List.of(MATCH_REQUESTS, MATCH_REQUESTS_DLQ, JOB_CONTROL, MATCH_RESULTS);

    /** The key of a review decision on {@code review-decisions}. */
    public static String reviewKey(String jobId, String recordId) {
        return jobId + "/" + recordId;
    }

    private Topics() {
    }
}
