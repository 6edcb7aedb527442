package io.vitalink.api.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vitalink.api.metrics.ApiMetricNames;
import io.vitalink.api.metrics.ApiMetrics;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.api.store.JobStore;
import io.vitalink.api.testing.MapSettings;
import io.vitalink.config.Setting;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Quotas per organisation, counted from the read model, without HTTP: the limits, the counts, the waits. */
class QuotasTest {

    private static final Instant NOW = Instant.parse("2026-12-04T22:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String CENTRE = "centre-a";
    private static final String OTHER = "centre-b";

    JobStore store;
    SimpleMeterRegistry registry;
    final MapSettings runtime = new MapSettings();

    @BeforeEach
    void open() throws IOException {
        store = JobStore.openTemporary();
        registry = new SimpleMeterRegistry();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void refusesAnUploadWhileTheOrganisationHasItsConcurrentJobsNotEndedAndAdmitsItOnceOneEnds() {
        String first = job(CENTRE, JobState.RUNNING, NOW, 1L);
        Quotas quotas = quotas(1_000, 1_000, 2);
        job(CENTRE, JobState.RECEIVING, NOW, null);
        job(CENTRE, JobState.COMPLETED, NOW, 1L);

        ApiException refused = refusal(() -> quotas.admit(CENTRE));

        assertThat(refused.code()).isEqualTo(ErrorCode.CONCURRENT_JOBS_EXCEEDED);
        assertThat(refused.code().status()).isEqualTo(429);
        assertThat(refused.retryAfterSeconds()).isEqualTo(60);
        assertThat(refused.getMessage()).contains("2 jobs in progress");
        assertThatCode(() -> quotas.admit(OTHER).close()).doesNotThrowAnyException();
        end(first, JobState.CANCELLED);
        assertThatCode(() -> quotas.admit(CENTRE).close()).doesNotThrowAnyException();
    }

    @Test
    void aLimitConfiguredAtRunTimeAppliesToTheNextUploadAndItsGaugeWithoutARestart() {
        Quotas quotas = quotas(1_000, 1_000, 1);
        Quotas.Upload upload = quotas.admit(CENTRE);
        assertThat(refusal(() -> quotas.admit(CENTRE)).code()).isEqualTo(ErrorCode.CONCURRENT_JOBS_EXCEEDED);

        runtime.set(Setting.CONCURRENT_JOBS, "2");

        assertThatCode(() -> quotas.admit(CENTRE).close()).doesNotThrowAnyException();
        assertThat(registry.get(ApiMetricNames.QUOTA_LIMIT).tag("quota", Quota.CONCURRENT_JOBS.tag()).gauge().value()).isEqualTo(2.0);
        runtime.set(Setting.CONCURRENT_JOBS, null);
        assertThat(refusal(() -> quotas.admit(CENTRE)).code()).isEqualTo(ErrorCode.CONCURRENT_JOBS_EXCEEDED);
        upload.close();
    }

    @Test
    void countsUploadsUnderWayAgainstTheConcurrentJobs() {
        Quotas quotas = quotas(1_000, 1_000, 1);

        Quotas.Upload upload = quotas.admit(CENTRE);

        assertThat(refusal(() -> quotas.admit(CENTRE)).code()).isEqualTo(ErrorCode.CONCURRENT_JOBS_EXCEEDED);
        upload.close();
        upload.close();
        assertThatCode(() -> quotas.admit(CENTRE).close()).doesNotThrowAnyException();
    }

    @Test
    void refusesTheRecordPastRecordsPerJobWith413AndNoWait() {
        Quotas quotas = quotas(3, 1_000, 4);

        try (Quotas.Upload upload = quotas.admit(CENTRE)) {
            upload.count(3);
            ApiException refused = refusal(() -> upload.count(4));

            assertThat(refused.code()).isEqualTo(ErrorCode.RECORDS_PER_JOB_EXCEEDED);
            assertThat(refused.code().status()).isEqualTo(413);
            assertThat(refused.retryAfterSeconds()).isNull();
            assertThat(refused.getMessage()).contains("more than 3 records", "records-per-job");
        }
    }

    @Test
    void aJobLargerThanAWholeDayIsTooLargeRatherThanToWaitFor() {
        Quotas quotas = quotas(1_000, 10, 4);

        try (Quotas.Upload upload = quotas.admit(CENTRE)) {
            ApiException refused = refusal(() -> upload.count(11));

            assertThat(refused.code()).isEqualTo(ErrorCode.RECORDS_PER_JOB_EXCEEDED);
            assertThat(refused.getMessage()).contains("records-per-day");
        }
    }

    @Test
    void countsTodaysRecordsOfTheReadModelAndWaitsUntilMidnightUtc() {
        job(CENTRE, JobState.COMPLETED, NOW.minusSeconds(3_600), 6L);
        job(CENTRE, JobState.COMPLETED, NOW.minus(Duration.ofHours(23)), 1_000L); // yesterday, UTC
        job(OTHER, JobState.COMPLETED, NOW, 1_000L);
        Quotas quotas = quotas(1_000, 10, 4);
        job(CENTRE, JobState.CANCELLED, NOW.minusSeconds(60), 2L); // cancelled: its records were taken in all the same

        try (Quotas.Upload upload = quotas.admit(CENTRE)) {
            upload.count(2);
            ApiException refused = refusal(() -> upload.count(3));

            assertThat(refused.code()).isEqualTo(ErrorCode.DAILY_RECORDS_EXCEEDED);
            assertThat(refused.code().status()).isEqualTo(429);
            assertThat(refused.retryAfterSeconds()).isEqualTo(2 * 3_600);
        }
    }

    @Test
    void refusesAnUploadAtOnceWhenTodaysRecordsHaveReachedTheQuotaAndFreesItsSlot() {
        job(CENTRE, JobState.COMPLETED, NOW, 10L);
        Quotas quotas = quotas(1_000, 10, 1);

        assertThat(refusal(() -> quotas.admit(CENTRE)).code()).isEqualTo(ErrorCode.DAILY_RECORDS_EXCEEDED);
        assertThat(refusal(() -> quotas.admit(CENTRE)).code()).as("not the concurrent limit: the slot was freed")
                .isEqualTo(ErrorCode.DAILY_RECORDS_EXCEEDED);
    }

    @Test
    void twoUploadsOfOneOrganisationCannotBothTakeTheRestOfTheDay() {
        Quotas quotas = quotas(1_000, 10, 4);
        Quotas.Upload first = quotas.admit(CENTRE);
        Quotas.Upload second = quotas.admit(CENTRE);
        first.count(6);
        second.count(6);

        first.reserve("job-1", 6);

        assertThat(refusal(() -> second.reserve("job-2", 6)).code()).isEqualTo(ErrorCode.DAILY_RECORDS_EXCEEDED);
        first.release("job-1"); // not published after all
        assertThatCode(() -> second.reserve("job-2", 6)).doesNotThrowAnyException();
    }

    @Test
    void aReservedJobCountsOnceWhenTheReadModelLearnsItsCount() {
        Quotas quotas = quotas(1_000, 10, 4);
        String jobId = UUID.randomUUID().toString();
        try (Quotas.Upload upload = quotas.admit(CENTRE)) {
            upload.reserve(jobId, 6);
        }
        put(progress(jobId, CENTRE, JobState.RECEIVING, NOW, null));
        store.progress().putUnlessFinal(progress(jobId, CENTRE, JobState.RUNNING, NOW, 6L));

        try (Quotas.Upload upload = quotas.admit(CENTRE)) {
            upload.count(4);
            assertThat(refusal(() -> upload.count(5)).code()).isEqualTo(ErrorCode.DAILY_RECORDS_EXCEEDED);
        }
    }

    @Test
    void exportsTheLimitsAndCountsEachRefusalByQuota() {
        Quotas quotas = quotas(3, 10, 1);
        assertThat(refusals("concurrent-jobs")).isZero();
        assertThat(refusals("records-per-day")).isZero();
        assertThat(registry.get(ApiMetricNames.QUOTA_LIMIT).tag("quota", "records-per-day").gauge().value()).isEqualTo(10);

        try (Quotas.Upload upload = quotas.admit(CENTRE)) {
            refusal(() -> quotas.admit(CENTRE));
            refusal(() -> upload.count(4));
        }

        assertThat(refusals("concurrent-jobs")).isEqualTo(1);
        assertThat(refusals("records-per-job")).isEqualTo(1);
        assertThat(refusals("records-per-day")).isZero();
    }

    @Test
    void refusesLimitsBelowOne() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> new QuotaSettings(0, 10, 1, Duration.ofSeconds(1)))).hasMessageContaining("vitalink.quotas");
    }

    private Quotas quotas(long perJob, long perDay, int concurrent) {
        return new Quotas(store, new QuotaSettings(perJob, perDay, concurrent, Duration.ofSeconds(60)), runtime,
                new ApiMetrics(registry), CLOCK);
    }

    private double refusals(String quota) {
        return registry.get(ApiMetricNames.QUOTA_REFUSALS).tag("quota", quota).counter().count();
    }

    private String job(String organisation, JobState state, Instant created, Long expected) {
        String jobId = UUID.randomUUID().toString();
        put(progress(jobId, organisation, state, created, expected));
        return jobId;
    }

    private void end(String jobId, JobState state) {
        JobProgress p = store.progress().get(jobId).orElseThrow();
        store.progress().putUnlessFinal(JobProgress.newBuilder(p).setState(state).setEndedAt(NOW).build());
    }

    private void put(JobProgress p) {
        assertThat(store.progress().putIfAbsent(p)).isTrue();
    }

    private static JobProgress progress(String jobId, String organisation, JobState state, Instant created, Long expected) {
        return JobProgress.newBuilder().setJobId(jobId).setOrganisation(organisation).setState(state)
                .setCreatedAt(created).setExpected(expected).build();
    }

    private static ApiException refusal(ThrowingCallable call) {
        ApiException e = catchThrowableOfType(ApiException.class, call);
        assertThat(e).as("refusal").isNotNull();
        return e;
    }
}
