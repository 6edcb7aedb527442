package io.vitalink.match;

import io.vitalink.application.ApplicationRules;
import io.vitalink.application.FieldGroup;
import io.vitalink.application.ResultFields;
import io.vitalink.avro.Application;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.MatchResult;
import io.vitalink.topic.Topics;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Results carry only the field groups the job's data-use application approved, on the shared topic and in a
 * centre's copy alike. The groups come from the job's progress in the job-states global table (they never change once
 * the job is open), remembered per task: one map lookup per result. Until the job's progress arrives (the first
 * results of an API job may be decided before it), the groups the API named on the request's
 * {@code vl-field-groups} header count, trusted on the shared topic only; with neither, only DEATH_DATE goes out.
 * A job opened before applications existed names none and keeps every field. A watched job's later results stop
 * once its application has expired or been revoked.
 */
final class KeepApprovedFields implements FixedKeyProcessor<String, MatchResult, MatchResult> {

    private static final int JOBS_REMEMBERED = 4096;
    private static final Set<FieldGroup> EVERY_FIELD = EnumSet.allOf(FieldGroup.class);
    private static final Set<FieldGroup> DEATH_DATE_ONLY = EnumSet.of(FieldGroup.DEATH_DATE);

    private final Clock clock;
    private final MatchMetrics metrics;
    private final Map<String, Set<FieldGroup>> byJob = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<FieldGroup>> eldest) {
            return size() > JOBS_REMEMBERED;
        }
    };
    private final Map<String, Set<FieldGroup>> byHeader = new HashMap<>();
    private FixedKeyProcessorContext<String, MatchResult> context;
    private TimestampedKeyValueStore<String, JobProgress> jobs;
    private TimestampedKeyValueStore<String, Application> applications;

    KeepApprovedFields(Clock clock, MatchMetrics metrics) {
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, MatchResult> context) {
        this.context = context;
        this.jobs = context.getStateStore(MatchTopology.JOB_STATES_STORE);
        this.applications = context.getStateStore(MatchTopology.APPLICATIONS_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, MatchResult> record) {
        MatchResult result = record.value();
        if (result.getTrigger() != null) {
            laterResult(record);
            return;
        }
        Set<FieldGroup> groups = byJob.get(result.getJobId());
        if (groups == null) {
            groups = fromJobState(result.getJobId());
            if (groups != null) {
                byJob.put(result.getJobId(), groups);
            } else {
                groups = fromHeader(record);
            }
        }
        context.forward(record.withValue(ResultFields.keep(result, groups)));
    }

    /** A watched job's change: sent while its application is active, with the groups it approved. */
    private void laterResult(FixedKeyRecord<String, MatchResult> record) {
        JobProgress job = ValueAndTimestamp.getValueOrNull(jobs.get(record.value().getJobId()));
        if (job != null && job.getApplicationId() != null) {
            Application application = ValueAndTimestamp.getValueOrNull(applications.get(job.getApplicationId()));
            if (!ApplicationRules.isActive(application, LocalDate.now(clock))) {
                metrics.changeWithheld();
                return;
            }
        }
        Set<FieldGroup> groups = job == null ? DEATH_DATE_ONLY : groupsOf(job);
        context.forward(record.withValue(ResultFields.keep(record.value(), groups)));
    }

    private Set<FieldGroup> fromJobState(String jobId) {
        JobProgress job = ValueAndTimestamp.getValueOrNull(jobs.get(jobId));
        return job == null ? null : groupsOf(job);
    }

    private static Set<FieldGroup> groupsOf(JobProgress job) {
        if (job.getFieldGroups() != null) {
            return FieldGroup.of(job.getFieldGroups());
        }
        // opened before applications existed (no application named): as it was then
        return job.getApplicationId() == null ? EVERY_FIELD : DEATH_DATE_ONLY;
    }

    private Set<FieldGroup> fromHeader(FixedKeyRecord<String, MatchResult> record) {
        if (FromCentre.origin(record.headers()) != null) {
            return DEATH_DATE_ONLY;
        }
        Header header = record.headers().lastHeader(Topics.FIELD_GROUPS_HEADER);
        String names = DecodeRequest.text(header);
        if (names == null) {
            return DEATH_DATE_ONLY;
        }
        Set<FieldGroup> groups = byHeader.get(names);
        if (groups == null) {
            groups = FieldGroup.of(Arrays.asList(names.split(",")));
            if (byHeader.size() < 64) {
                byHeader.put(names, groups);
            }
        }
        return groups;
    }
}
