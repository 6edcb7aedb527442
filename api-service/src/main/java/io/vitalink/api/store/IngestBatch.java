package io.vitalink.api.store;

import io.vitalink.avro.MatchResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one poll brings: progress updates, results, audit events, webhook deliveries, review decisions, and the next offset of every
 * partition read.
 */
public final class IngestBatch {

    public record Partition(String topic, int partition) {
    }

    /** A null value deletes the job's progress (a tombstone). */
    record Progress(String jobId, byte[] value) {
    }

    /**
     * {@code sequence}: the result's position in its job, or null when its request had none; {@code change}: a later
     * result of a watched record (it has a trigger), which replaces the record's result and joins the changes feed;
     * {@code chapter}: the ICD-10 chapter of the linked death's underlying cause, when known.
     */
    record Result(String jobId, String recordId, Long sequence, boolean isChange, String chapter, int partition, long offset,
                  byte[] value) {
    }

    record Audit(long atMillis, int partition, long offset, byte[] value) {
    }

    /** A reviewer's decision read at {@code offset} of {@code partition} of review-decisions. */
    record Review(int partition, long offset, byte[] value) {
    }

    /** A record of webhook-deliveries read at {@code offset} of {@code partition}; a null value is a tombstone. */
    record Webhook(String jobId, int partition, long offset, byte[] value) {
    }

    private final List<Progress> progress = new ArrayList<>();
    private final List<Result> results = new ArrayList<>();
    private final List<Audit> audit = new ArrayList<>();
    private final List<Webhook> webhooks = new ArrayList<>();
    private final List<Review> reviews = new ArrayList<>();
    private final Map<Partition, Long> offsets = new HashMap<>();

    public IngestBatch progress(String jobId, byte[] jobProgress) {
        progress.add(new Progress(jobId, jobProgress));
        return this;
    }

    /** A result whose request had no sequence: listed in decision order. */
    public IngestBatch result(String jobId, int partition, long offset, byte[] matchResult) {
        return result(jobId, null, partition, offset, matchResult);
    }

    /** A MatchResult read at {@code partition}/{@code offset}; {@code sequence} orders it in its job (null: none). */
    public IngestBatch result(String jobId, Long sequence, int partition, long offset, byte[] matchResult) {
        results.add(new Result(jobId, null, sequence, false, null, partition, offset, matchResult));
        return this;
    }

    /** A MatchResult as read (decoded, still sealed) with its bytes: a first decision or a change of a watched record. */
    public IngestBatch result(MatchResult result, int partition, long offset, byte[] matchResult) {
        results.add(new Result(result.getJobId(), result.getRecordId(), result.getSequence(), result.getTrigger() != null,
                result.getUnderlyingCauseChapter(), partition, offset, matchResult));
        return this;
    }

    /** An AuditEvent written at {@code atMillis}, read at {@code partition}/{@code offset} of the audit topic. */
    public IngestBatch audit(long atMillis, int partition, long offset, byte[] auditEvent) {
        audit.add(new Audit(atMillis, partition, offset, auditEvent));
        return this;
    }

    /** A WebhookDelivery (null: a tombstone) of the job, at {@code partition}/{@code offset} of webhook-deliveries. */
    public IngestBatch webhook(String jobId, int partition, long offset, byte[] webhookDelivery) {
        webhooks.add(new Webhook(jobId, partition, offset, webhookDelivery));
        return this;
    }

    /** A ReviewDecision as read from review-decisions at {@code partition}/{@code offset}; folded in this order. */
    public IngestBatch review(int partition, long offset, byte[] reviewDecision) {
        reviews.add(new Review(partition, offset, reviewDecision));
        return this;
    }

    public IngestBatch nextOffset(String topic, int partition, long next) {
        offsets.merge(new Partition(topic, partition), next, Math::max);
        return this;
    }

    /** The jobs of which this batch brings changes of watched records. */
    java.util.Set<String> jobsWithChanges() {
        java.util.Set<String> jobs = new java.util.LinkedHashSet<>();
        for (Result r : results) {
            if (r.isChange()) {
                jobs.add(r.jobId());
            }
        }
        return jobs;
    }

    public boolean isEmpty() {
        return progress.isEmpty() && results.isEmpty() && audit.isEmpty() && webhooks.isEmpty() && reviews.isEmpty()
                && offsets.isEmpty();
    }

    List<Progress> progress() {
        return progress;
    }

    List<Result> results() {
        return results;
    }

    List<Audit> audit() {
        return audit;
    }

    List<Webhook> webhooks() {
        return webhooks;
    }

    List<Review> reviews() {
        return reviews;
    }

    Map<Partition, Long> offsets() {
        return offsets;
    }
}
