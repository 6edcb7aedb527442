package io.vitalink.api.job;

import io.micronaut.serde.annotation.Serdeable;

/** The answer of POST /api/v1/jobs. */
@Serdeable
public record JobAccepted(String jobId) {
}
