package io.vitalink.api.testing;

import io.micronaut.context.annotation.Replaces;
import io.vitalink.api.intake.Spool;
import io.vitalink.api.job.JobOwner;
import io.vitalink.api.job.JobPublisher;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Kafka replaced: records "jobId:count" and the owner of every job, or fails on demand. */
@Singleton
@Replaces(JobPublisher.class)
public class FakeJobPublisher implements JobPublisher {

    public final List<String> published = Collections.synchronizedList(new ArrayList<>());
    public final List<JobOwner> owners = Collections.synchronizedList(new ArrayList<>());
    public volatile boolean fail;

    @Override
    public void publish(String jobId, JobOwner owner, Spool spool) {
        if (fail) {
            throw new ApiException(ErrorCode.KAFKA_UNAVAILABLE, "The job could not be published to Kafka");
        }
        published.add(jobId + ":" + spool.count());
        owners.add(owner);
    }
}
