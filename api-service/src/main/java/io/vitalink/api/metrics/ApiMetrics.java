package io.vitalink.api.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vitalink.api.intake.UploadFormat;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.avro.JobState;
import io.vitalink.avro.Outcome;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * This service's own meters ({@link ApiMetricNames}), and the binding of its Kafka clients' metrics. Tag values come
 * from enums and error codes only, so the number of series stays small and no patient data can reach a label.
 */
@Singleton
public class ApiMetrics {

    /** Buckets of the job duration histogram: a small job takes seconds, a large one up to hours. */
    static final Duration[] JOB_DURATION_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1),
            Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(24)};

    private final MeterRegistry registry;
    private final Counter userRecordsRefused;
    private final Counter configRecordsRefused;
    private final Map<UploadFormat, Counter> jobsSubmitted = new EnumMap<>(UploadFormat.class);
    private final Map<UploadFormat, Counter> requestsReceived = new EnumMap<>(UploadFormat.class);
    private final Map<Outcome, Counter> resultsStored = new EnumMap<>(Outcome.class);
    private final Map<JobState, Timer> jobDurations = new EnumMap<>(JobState.class);

    public ApiMetrics(MeterRegistry registry) {
        this.registry = registry;
        // from the start, at 0: the alert on it must see a series before the first forged record
        this.userRecordsRefused = Counter.builder(ApiMetricNames.USER_RECORDS_REFUSED)
                .description("users topic records refused: no valid MAC").register(registry);
        this.configRecordsRefused = Counter.builder(ApiMetricNames.CONFIG_RECORDS_REFUSED)
                .description("system-config topic records refused: no valid MAC").register(registry);
        // created up front, so that every series exists at 0 from the first scrape (rate() and alerts need that)
        for (UploadFormat format : UploadFormat.values()) {
            String tag = format.name().toLowerCase(Locale.ROOT);
            jobsSubmitted.put(format, Counter.builder(ApiMetricNames.JOBS_SUBMITTED).tag("format", tag)
                    .description("Jobs accepted").register(registry));
            requestsReceived.put(format, Counter.builder(ApiMetricNames.REQUESTS_RECEIVED).tag("format", tag)
                    .description("Patient records of accepted jobs").register(registry));
        }
        for (Outcome outcome : Outcome.values()) {
            resultsStored.put(outcome, Counter.builder(ApiMetricNames.RESULTS_STORED).tag("outcome", outcome.name())
                    .description("Match results written into this instance's read model").register(registry));
        }
        for (JobState state : new JobState[] {JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED}) {
            jobDurations.put(state, Timer.builder(ApiMetricNames.JOB_DURATION).tag("state", state.name())
                    .description("Submission to end of the jobs this instance's read model saw end")
                    .serviceLevelObjectives(JOB_DURATION_BUCKETS).register(registry));
        }
        for (String result : new String[] {ApiMetricNames.DELIVERED, ApiMetricNames.RETRY, ApiMetricNames.FAILED}) {
            webhook(result);
        }
    }

    /** Meters that go nowhere: for code constructed outside the application context (tests). */
    public static ApiMetrics unregistered() {
        return new ApiMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** A job was accepted with {@code records} patient records. */
    public void jobSubmitted(UploadFormat format, long records) {
        jobsSubmitted.get(format).increment();
        requestsReceived.get(format).increment(records);
    }

    /** An upload was refused whole (or could not be published) with {@code code}. */
    public void uploadRejected(ErrorCode code) {
        Counter.builder(ApiMetricNames.UPLOADS_REJECTED).tag("code", code.code())
                .description("Uploads refused whole, by error code").register(registry).increment();
    }

    /** Results of one batch are durable in the read model. */
    public void resultsStored(Map<Outcome, Long> counts) {
        counts.forEach((outcome, n) -> resultsStored.get(outcome).increment(n));
    }

    /** A job reached {@code state} (final) {@code duration} after it was submitted. */
    public void jobEnded(JobState state, Duration duration) {
        Timer timer = jobDurations.get(state);
        if (timer != null) {
            timer.record(duration);
        }
    }

    /**
     * The configured quota limits as gauges, tag {@code quota}, and their refusal counters at 0: the alerts read both
     * from the first scrape.
     */
    public void quotas(Map<String, java.util.function.LongSupplier> limits) {
        limits.forEach((quota, limit) -> {
            Gauge.builder(ApiMetricNames.QUOTA_LIMIT, limit::getAsLong).tag("quota", quota)
                    .description("Configured quota per organisation").register(registry);
            quotaRefusal(quota);
        });
    }

    /** An upload was refused because its organisation reached {@code quota}. */
    public void quotaRefused(String quota) {
        quotaRefusal(quota).increment();
    }

    private Counter quotaRefusal(String quota) {
        return Counter.builder(ApiMetricNames.QUOTA_REFUSALS).tag("quota", quota)
                .description("Uploads refused by a quota").register(registry);
    }

    /**
     * {@code organisation} had a job of {@code records} records accepted. An organisation is not personal data, and
     * there are few of them: a label the volume alert can group by.
     */
    public void organisationRecordsAccepted(String organisation, long records) {
        Counter.builder(ApiMetricNames.ORGANISATION_RECORDS_ACCEPTED)
                .tag("organisation", organisation == null ? "" : organisation)
                .description("Patient records of accepted jobs, by organisation").register(registry).increment(records);
    }

    /** A record of the users topic had no valid MAC and was not applied. */
    public void userRecordRefused() {
        userRecordsRefused.increment();
    }

    /** A record of the system-config topic had no valid MAC and was not applied. */
    public void configRecordRefused() {
        configRecordsRefused.increment();
    }

    /** One webhook attempt ended: {@link ApiMetricNames#DELIVERED}, {@link ApiMetricNames#RETRY} or {@link ApiMetricNames#FAILED}. */
    public void webhookAttempt(String result) {
        webhook(result).increment();
    }

    private Counter webhook(String result) {
        return Counter.builder(ApiMetricNames.WEBHOOK_DELIVERIES).tag("result", result)
                .description("Webhook attempts by result").register(registry);
    }

    /** Binds the client's own metrics (kafka_producer_*); close the result when the client is closed. */
    public KafkaClientMetrics bind(Producer<?, ?> producer) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(producer);
        metrics.bindTo(registry);
        return metrics;
    }

    /** Binds the client's own metrics (kafka_consumer_*, lag among them); close the result when the client is closed. */
    public KafkaClientMetrics bind(Consumer<?, ?> consumer) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(consumer);
        metrics.bindTo(registry);
        return metrics;
    }
}
