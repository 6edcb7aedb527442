package io.vitalink.api.review;

import io.micronaut.context.annotation.Value;
import io.vitalink.api.audit.AuditLog;
import io.vitalink.api.auth.Caller;
import io.vitalink.api.auth.Roles;
import io.vitalink.api.job.ResultReviews;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.api.store.JobStore;
import io.vitalink.api.store.ResultCursor;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.LinkComparison;
import io.vitalink.avro.MatchResult;
import io.vitalink.avro.ReviewDecision;
import io.vitalink.topic.TopicSerdes;
import io.vitalink.topic.Topics;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The clerical review: queues of uncertain results with both sides of each link, decisions taken exactly once, and
 * the precision report. No HTTP types. A decision is published to review-decisions and counts once the read model
 * has folded it: of two decisions on the same result, through any instances, the first by offset counts.
 */
@Singleton
public class ReviewService {

    /** The longest note a decision takes, in characters. */
    public static final int MAX_NOTE_LENGTH = 1000;
    private static final Duration POLL = Duration.ofMillis(25);

    private final JobStore store;
    private final TopicSerdes serdes;
    private final ReviewPublisher publisher;
    private final AuditLog audit;
    private final Duration confirmTimeout;

    public ReviewService(JobStore store, TopicSerdes serdes, ReviewPublisher publisher, AuditLog audit,
                         @Value("${vitalink.review.confirm-timeout:10s}") Duration confirmTimeout) {
        this.store = store;
        this.serdes = serdes;
        this.publisher = publisher;
        this.audit = audit;
        this.confirmTimeout = confirmTimeout;
    }

    /** The uncertain results of one job of the reviewer's organisation, in submission order. */
    public ReviewPage jobQueue(Caller caller, String jobId, String status, String limit, String cursor) {
        ReviewQuery query = ReviewQuery.parse(status, limit, cursor);
        JobProgress job = reviewable(caller, jobId);
        if (query.after() != null && !query.after().jobId().equals(job.getJobId())) {
            throw new ApiException(ErrorCode.REVIEW_QUERY_INVALID, "cursor must be the next of a previous page of this job");
        }
        List<ReviewItem> items = new ArrayList<>();
        boolean full = collect(job.getJobId(), query, query.after() == null ? null : query.after().recordId(), items);
        return page(items, full);
    }

    /** The uncertain results of every job of the reviewer's organisation, by job id, each job's in submission order. */
    public ReviewPage organisationQueue(Caller caller, String status, String limit, String cursor) {
        ReviewQuery query = ReviewQuery.parse(status, limit, cursor);
        requireOrganisation(caller);
        List<String> jobIds = new ArrayList<>();
        store.progress().forEach(job -> {
            if (caller.organisation().equals(job.getOrganisation())
                    && (query.after() == null || job.getJobId().compareTo(query.after().jobId()) >= 0)) {
                jobIds.add(job.getJobId());
            }
            return true;
        });
        List<ReviewItem> items = new ArrayList<>();
        for (String jobId : jobIds) {
            String after = query.after() != null && query.after().jobId().equals(jobId) ? query.after().recordId() : null;
            if (collect(jobId, query, after, items)) {
                return page(items, true);
            }
        }
        return page(items, false);
    }

    /**
     * Records a reviewer's decision on an uncertain result, exactly once: audited, published, and answered once the
     * read model has folded it.
     *
     * @throws ApiException VL-1620/1621 bad input, VL-1404/1623 unknown job or result, VL-1622 another organisation,
     *     VL-1624 not an uncertain result, VL-1625 already decided (also when another decision won a race),
     *     VL-1119/1627 not recorded, VL-1628 not folded within {@code vitalink.review.confirm-timeout}
     */
    public ReviewItem decide(Caller caller, String jobId, String recordId, ReviewRequest body) {
        ReviewVerdict verdict = ReviewVerdict.parse(body == null ? null : body.decision())
                .orElseThrow(() -> new ApiException(ErrorCode.REVIEW_DECISION_INVALID, "decision must be ACCEPT, REJECT or UNSURE"));
        String note = body.note() == null || body.note().isBlank() ? null : body.note().strip();
        if (note != null && note.length() > MAX_NOTE_LENGTH) {
            throw new ApiException(ErrorCode.REVIEW_NOTE_TOO_LONG, "note must be at most " + MAX_NOTE_LENGTH + " characters");
        }
        JobProgress job = reviewable(caller, jobId);
        MatchResult result = find(job.getJobId(), recordId)
                .orElseThrow(() -> new ApiException(ErrorCode.REVIEW_RESULT_NOT_FOUND, "The job has no result with this recordId"));
        if (!ResultReviews.uncertain(result.getOutcome())) {
            throw new ApiException(ErrorCode.REVIEW_NOT_UNCERTAIN,
                    "Only PROBABLE and MATCHED_WITH_DISCREPANCY results are reviewed; this one is " + result.getOutcome());
        }
        if (decisionOn(result).isPresent()) {
            throw alreadyDecided();
        }
        ReviewDecision decision = ReviewDecision.newBuilder()
                .setDecisionId(UUID.randomUUID().toString())
                .setJobId(job.getJobId())
                .setRecordId(recordId)
                .setOrganisation(job.getOrganisation())
                .setDecision(verdict.name())
                .setNote(note)
                .setReviewer(caller.username())
                .setReviewedAt(Instant.now())
                .setResultDecidedAt(result.getDecidedAt())
                .setOutcome(result.getOutcome())
                .setMatchRule(result.getMatchRule())
                .setScore(result.getScore())
                .build();
        audit.reviewDecided(caller.username(), caller.organisation(), caller.sourceIp(), job.getJobId(), recordId,
                verdict.name(), String.format(Locale.ROOT, "outcome=%s rule=%s score=%s", result.getOutcome(),
                        result.getMatchRule(), result.getScore()));
        String key = Topics.reviewKey(job.getJobId(), recordId);
        publisher.publish(key, serdes.value(Topics.REVIEW_DECISIONS).serializer().serialize(Topics.REVIEW_DECISIONS.name(), decision));
        ReviewDecision counted = awaitFolded(result);
        if (!counted.getDecisionId().equals(decision.getDecisionId())) {
            // another decision on this result came first; send it again so that compaction keeps the one that counts
            store.reviews().bytes(job.getJobId(), recordId).ifPresent(winner -> publisher.publish(key, winner));
            throw alreadyDecided();
        }
        return item(serdes.protection().open(result), serdes.protection().open(counted));
    }

    /** The precision report of the reviewer's organisation (an administrator: of every organisation). */
    public ReviewReport report(Caller caller, String target) {
        double wanted = PrecisionReport.DEFAULT_TARGET;
        if (target != null && !target.isBlank()) {
            try {
                wanted = Double.parseDouble(target.strip());
            } catch (NumberFormatException e) {
                wanted = Double.NaN;
            }
            if (!(wanted >= 0.5 && wanted < 1)) {
                throw new ApiException(ErrorCode.REVIEW_QUERY_INVALID, "target must be a precision from 0.5 to below 1");
            }
        }
        boolean everyOrganisation = caller.has(Roles.ADMIN);
        if (!everyOrganisation) {
            requireOrganisation(caller);
        }
        List<PrecisionReport.Label> labels = new ArrayList<>();
        store.reviews().forEach(decision -> {
            if ((everyOrganisation || caller.organisation().equals(decision.getOrganisation())) && decision.getScore() != null) {
                ReviewVerdict.parse(decision.getDecision()).ifPresent(verdict ->
                        labels.add(new PrecisionReport.Label(decision.getMatchRule(), decision.getScore(), verdict)));
            }
        });
        List<PrecisionReport.RuleReport> rules = PrecisionReport.of(labels, wanted);
        Map<String, Double> apply = rules.stream()
                .filter(rule -> "NAME_BIRTH_SEX".equals(rule.matchRule()) && rule.suggestedThreshold() != null)
                .findFirst()
                .map(rule -> {
                    Map<String, Double> settings = new java.util.LinkedHashMap<>();
                    settings.put(ReviewReport.THRESHOLD_KEY, rule.suggestedThreshold());
                    settings.put(ReviewReport.MARGIN_KEY, rule.suggestedMargin());
                    return settings;
                })
                .orElse(null);
        return new ReviewReport(everyOrganisation ? "all" : caller.organisation(), wanted,
                "precision = accepted / (accepted + rejected) among reviewed links with score >= threshold (UNSURE left out); "
                        + "suggested threshold = the lowest whose 95 % Wilson lower bound reaches the target, not below the "
                        + "lowest reviewed score; margin = the band above it where rejected links still occur, 0.02..0.10 "
                        + "(docs/MATCHING.md)",
                rules.stream().map(ReviewReport.Rule::of).toList(), apply, ReviewReport.APPLY_WITH);
    }

    /** The job, when the caller reviews for its organisation. */
    private JobProgress reviewable(Caller caller, String jobId) {
        JobProgress job = store.progress().get(jobId)
                .orElseThrow(() -> new ApiException(ErrorCode.JOB_NOT_FOUND, "No job with this id"));
        requireOrganisation(caller);
        if (!caller.organisation().equals(job.getOrganisation())) {
            throw new ApiException(ErrorCode.REVIEW_OTHER_ORGANISATION, "Reviewers judge the results of their own organisation only");
        }
        return job;
    }

    private static void requireOrganisation(Caller caller) {
        if (caller.organisation() == null) {
            throw new ApiException(ErrorCode.REVIEW_OTHER_ORGANISATION, "A reviewer needs an organisation");
        }
    }

    /**
     * Adds the job's uncertain results after {@code afterRecord} that the query wants to {@code items}, up to its
     * limit; true when the page is full and another item follows.
     */
    private boolean collect(String jobId, ReviewQuery query, String afterRecord, List<ReviewItem> items) {
        Map<String, ReviewDecision> decisions = store.reviews().forJob(jobId);
        boolean skipping = afterRecord != null;
        try (ResultCursor cursor = store.results().cursor(jobId)) {
            for (MatchResult result = cursor.next(); result != null; result = cursor.next()) {
                if (skipping) {
                    skipping = !result.getRecordId().equals(afterRecord);
                    continue;
                }
                if (!ResultReviews.uncertain(result.getOutcome())) {
                    continue;
                }
                ReviewDecision decision = decisions.get(result.getRecordId());
                boolean reviewed = ResultReviews.judges(decision, result);
                if (!query.wants(reviewed)) {
                    continue;
                }
                if (items.size() == query.limit()) {
                    return true;
                }
                items.add(item(serdes.protection().open(result), reviewed ? serdes.protection().open(decision) : null));
            }
        }
        return false;
    }

    private static ReviewPage page(List<ReviewItem> items, boolean more) {
        if (!more || items.isEmpty()) {
            return new ReviewPage(items, null);
        }
        ReviewItem last = items.get(items.size() - 1);
        return new ReviewPage(items, new ReviewQuery.Position(last.jobId(), last.recordId()).encode());
    }

    private Optional<MatchResult> find(String jobId, String recordId) {
        try (ResultCursor cursor = store.results().cursor(jobId)) {
            for (MatchResult result = cursor.next(); result != null; result = cursor.next()) {
                if (result.getRecordId().equals(recordId)) {
                    return Optional.of(result);
                }
            }
        }
        return Optional.empty();
    }

    /** The decision that counts on this very result, if any. */
    private Optional<ReviewDecision> decisionOn(MatchResult result) {
        return store.reviews().get(result.getJobId(), result.getRecordId()).filter(d -> ResultReviews.judges(d, result));
    }

    private ReviewDecision awaitFolded(MatchResult result) {
        long deadline = System.nanoTime() + confirmTimeout.toNanos();
        while (true) {
            Optional<ReviewDecision> counted = decisionOn(result);
            if (counted.isPresent()) {
                return counted.get();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new ApiException(ErrorCode.REVIEW_NOT_CONFIRMED,
                        "The decision was sent but the read model has not taken it yet; look it up in the review queue");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(ErrorCode.REVIEW_NOT_CONFIRMED, "Interrupted while waiting for the decision");
            }
        }
    }

    private static ApiException alreadyDecided() {
        return new ApiException(ErrorCode.REVIEW_ALREADY_DECIDED, "This result has been reviewed already");
    }

    /** {@code result} and {@code decision} opened. */
    static ReviewItem item(MatchResult result, ReviewDecision decision) {
        LinkComparison sides = result.getComparison();
        ReviewItem.Side request = sides == null ? null : new ReviewItem.Side(sides.getRequestIdNumber(), sides.getRequestIdType(),
                sides.getRequestName(), sides.getRequestSex(), sides.getRequestBirthDate(), null);
        ReviewItem.Side death = sides == null ? null : new ReviewItem.Side(sides.getDeathIdNumber(), null, sides.getDeathName(),
                sides.getDeathSex(), sides.getDeathBirthDate(), result.getDeathDate() == null ? null : result.getDeathDate().toString());
        return new ReviewItem(result.getJobId(), result.getRecordId(), result.getSequence(), result.getOutcome().name(),
                result.getMatchRule(), result.getScore(), result.getNameSimilarity(), List.copyOf(result.getDiscrepancies()),
                result.getReasonCode(), result.getDecidedAt().toString(),
                decision == null ? ReviewItem.PENDING : ReviewItem.REVIEWED, request, death,
                decision == null ? null : ResultReviews.view(decision));
    }
}
