package io.vitalink.match;

import io.vitalink.application.ApplicationCheck;
import io.vitalink.application.ApplicationRules;
import io.vitalink.application.FieldGroup;
import io.vitalink.avro.Application;
import io.vitalink.avro.JobControl;
import io.vitalink.avro.JobEvent;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.JobState;
import io.vitalink.job.JobProgressMath;
import io.vitalink.topic.CentreTopics;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * A control record becomes a progress delta whose organisation is the centre whose topic it was read from. An OPENED
 * names the data-use application the job runs under: the API, which alone writes the shared job-control topic, has
 * checked it and names its field groups; for a job opened on a centre's own topic the application is looked up here
 * by the same rule ({@link ApplicationRules}), and without one the job is FAILED at once with the rule's VL-40xx code.
 */
final class ControlToProgress implements FixedKeyProcessor<String, JobControl, JobProgress> {

    private final Clock clock;
    private FixedKeyProcessorContext<String, JobProgress> context;
    private TimestampedKeyValueStore<String, Application> applications;

    /** @param clock gives today, in the matcher's time zone, for an application's validity */
    ControlToProgress(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, JobProgress> context) {
        this.context = context;
        this.applications = context.getStateStore(MatchTopology.APPLICATIONS_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, JobControl> record) {
        String origin = context.recordMetadata().map(RecordMetadata::topic).flatMap(CentreTopics::organisationOf).orElse(null);
        JobControl control = record.value();
        JobProgress delta = JobProgressMath.ofControl(control, origin);
        if (control.getEvent() == JobEvent.OPENED) {
            delta = underApplication(delta, control, origin);
        }
        context.forward(record.withValue(delta));
    }

    private JobProgress underApplication(JobProgress delta, JobControl opened, String origin) {
        if (origin == null && opened.getFieldGroups() != null) {
            // the API checked it when it accepted the job
            return JobProgress.newBuilder(delta).setApplicationId(opened.getApplicationId())
                    .setFieldGroups(FieldGroup.names(FieldGroup.of(opened.getFieldGroups()))).build();
        }
        ApplicationCheck check = ApplicationRules.resolve(delta.getOrganisation(), opened.getApplicationId(),
                id -> ValueAndTimestamp.getValueOrNull(applications.get(id)), all(), LocalDate.now(clock));
        if (check instanceof ApplicationCheck.Allowed allowed) {
            return JobProgress.newBuilder(delta).setApplicationId(allowed.application().getApplicationId())
                    .setFieldGroups(FieldGroup.names(allowed.fields())).build();
        }
        ApplicationCheck.Refused refused = (ApplicationCheck.Refused) check;
        return JobProgress.newBuilder(delta).setApplicationId(opened.getApplicationId()).setState(JobState.FAILED)
                .setReasonCode(refused.refusal().matcherCode()).setReason(refused.refusal().message()).build();
    }

    /** Every application: a few hundred at most, read only when a job opens without an API's check. */
    private List<Application> all() {
        List<Application> all = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<Application>> it = applications.all()) {
            while (it.hasNext()) {
                KeyValue<String, ValueAndTimestamp<Application>> next = it.next();
                Application application = ValueAndTimestamp.getValueOrNull(next.value);
                if (application != null) {
                    all.add(application);
                }
            }
        }
        return all;
    }
}
