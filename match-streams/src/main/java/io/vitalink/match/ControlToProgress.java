package io.vitalink.match;

import io.vitalink.avro.JobControl;
import io.vitalink.avro.JobProgress;
import io.vitalink.job.JobProgressMath;
import io.vitalink.topic.CentreTopics;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** A control record becomes a progress delta whose organisation is the centre whose topic it was read from. */
final class ControlToProgress implements FixedKeyProcessor<String, JobControl, JobProgress> {

    private FixedKeyProcessorContext<String, JobProgress> context;

    @Override
    public void init(FixedKeyProcessorContext<String, JobProgress> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, JobControl> record) {
        String origin = context.recordMetadata().map(RecordMetadata::topic).flatMap(CentreTopics::organisationOf).orElse(null);
        context.forward(record.withValue(JobProgressMath.ofControl(record.value(), origin)));
    }
}
