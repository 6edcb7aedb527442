package io.vitalink.api.testing;

import io.micronaut.context.annotation.Replaces;
import io.vitalink.api.intake.Spool;
import io.vitalink.api.job.JobOwner;
import io.vitalink.api.job.JobPublisher;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Kafka replaced: records "jobId:count", the owner and the requests of every job, or fails on demand. */
@Singleton
@Replaces(JobPublisher.class)
public class FakeJobPublisher implements JobPublisher {

    public final List<String> published = Collections.synchronizedList(new ArrayList<>());
    public final List<JobOwner> owners = Collections.synchronizedList(new ArrayList<>());
    /** The spooled MatchRequest bytes of every job, as they would be published (sealed). */
    public final Map<String, List<byte[]>> requests = new ConcurrentHashMap<>();
    /** "jobId:reason" of every cancellation. */
    public final List<String> cancelled = Collections.synchronizedList(new ArrayList<>());
    /** "jobId:reasonCode" of every job given up. */
    public final List<String> failed = Collections.synchronizedList(new ArrayList<>());
    public volatile boolean fail;
    /** Kafka does not answer at all: uploads are refused before their body is read. */
    public volatile boolean unreachable;

    @Override
    public boolean available() {
        return !unreachable;
    }

    @Override
    public void ensureAvailable() {
        if (unreachable) {
            throw new ApiException(ErrorCode.KAFKA_UNAVAILABLE, "Kafka does not answer").retryAfter(java.time.Duration.ofSeconds(30));
        }
    }

    @Override
    public void publish(String jobId, JobOwner owner, Spool spool, Runnable opened) {
        if (fail) {
            throw new ApiException(ErrorCode.KAFKA_UNAVAILABLE, "The job could not be published to Kafka");
        }
        opened.run();
        published.add(jobId + ":" + spool.count());
        owners.add(owner);
        List<byte[]> values = Collections.synchronizedList(new ArrayList<>());
        try {
            spool.forEach((key, value) -> values.add(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        requests.put(jobId, values);
    }

    @Override
    public void cancel(String jobId, String reason) {
        if (fail) {
            throw new ApiException(ErrorCode.KAFKA_UNAVAILABLE, "The cancellation could not be published to Kafka");
        }
        cancelled.add(jobId + ":" + reason);
    }

    @Override
    public void fail(String jobId, String reasonCode, String reason) {
        failed.add(jobId + ":" + reasonCode);
    }
}
