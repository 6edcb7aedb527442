package io.vitalink.api.joblog;

import io.micronaut.context.annotation.Context;
import io.vitalink.api.store.JobStore;
import io.vitalink.api.store.ProgressListener;
import io.vitalink.avro.JobProgress;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Writes the job log: one structured line on the logger {@value #LOGGER} for every lifecycle event the read
 * model sees (logback.xml gives that logger a JSON encoder). Counters, times and owner only, never a record.
 * Every API instance that observes a change writes its own line, so readers dedupe by jobId + event. Logback's
 * JsonEncoder writes the fields as {@code "kvpList":[{"event":"COMPLETED"},{"jobId":"…"},…]}, every value as a
 * string; a field not known yet (no startedAt before the start, no durationMs before completion) is left out.
 */
@Context
public class JobLogWriter implements ProgressListener {

    public static final String LOGGER = "vitalink.joblog";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    public JobLogWriter(JobStore store) {
        store.notifications().addProgressListener(this);
    }

    @Override
    public void changed(JobProgress before, JobProgress after) {
        for (JobLifecycle.Event event : JobLifecycle.events(before, after)) {
            write(event, after);
        }
    }

    /** One line: the message is {@code job <event>}; the fields are key-value pairs. */
    public static void write(JobLifecycle.Event event, JobProgress p) {
        LoggingEventBuilder line = log.atInfo();
        add(line, "event", event.name());
        add(line, "jobId", p.getJobId());
        add(line, "state", p.getState().name());
        add(line, "organisation", p.getOrganisation());
        add(line, "submittedBy", p.getSubmittedBy());
        add(line, "createdAt", iso(p.getCreatedAt()));
        add(line, "startedAt", iso(p.getStartedAt()));
        add(line, "completedAt", iso(p.getCompletedAt()));
        add(line, "endedAt", iso(p.getEndedAt()));
        add(line, "reasonCode", p.getReasonCode());
        add(line, "reason", p.getReason());
        add(line, "durationMs", JobLifecycle.durationMs(p));
        add(line, "expected", p.getExpected());
        add(line, "processed", p.getProcessed());
        add(line, "matched", p.getMatched());
        add(line, "matchedWithDiscrepancy", p.getMatchedWithDiscrepancy());
        add(line, "probable", p.getProbable());
        add(line, "notFound", p.getNotFound());
        add(line, "invalid", p.getInvalid());
        add(line, "deadLettered", p.getDeadLettered());
        add(line, "skipped", p.getSkipped());
        line.log("job {}", event.name());
    }

    /** A field that is not known yet (null) is left out of the line rather than written as "null". */
    private static void add(LoggingEventBuilder line, String key, Object value) {
        if (value != null) {
            line.addKeyValue(key, value);
        }
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
