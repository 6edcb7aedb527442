package io.vitalink.match;

import io.vitalink.topic.CentreTopics;
import io.vitalink.topic.Topic;
import org.apache.kafka.common.header.Headers;
import io.vitalink.avro.JobProgress;
import io.vitalink.avro.MatchResult;
import io.vitalink.topic.Topics;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Records that came from a centre's topic, told by the {@code vl-origin} header {@link DecodeRequest} set, and where
 * they go: the centre's own copy of a shared topic.
 */
final class FromCentre<V> implements FixedKeyProcessor<String, V, V> {

    private FixedKeyProcessorContext<String, V> context;

    @Override
    public void init(FixedKeyProcessorContext<String, V> context) {
        this.context = context;
    }

    /** Forwards only what came from a centre. */
    @Override
    public void process(FixedKeyRecord<String, V> record) {
        if (origin(record.headers()) != null) {
            context.forward(record);
        }
    }

    /**
     * A result as a centre's own topic carries it: both sides of an uncertain link are for a reviewer through the API
     * only. A result without them is passed on as it is, not copied.
     */
    static MatchResult withoutComparison(MatchResult result) {
        if (result.getComparison() == null) {
            return result;
        }
        MatchResult copy = new MatchResult();
        for (int field = 0; field < MatchResult.SCHEMA$.getFields().size(); field++) {
            copy.put(field, result.get(field));
        }
        copy.setComparison(null);
        return copy;
    }

    static String origin(Headers headers) {
        return DecodeRequest.text(headers.lastHeader(CentreTopics.ORIGIN_HEADER));
    }

    /**
     * The centre's copy of {@code shared} for a record from a centre, else {@code shared} itself; a record, so that
     * the topology's description names it.
     */
    record TopicOf<V>(Topic<?, ?> shared) implements TopicNameExtractor<String, V> {
        @Override
        public String extract(String key, V value, RecordContext context) {
            String origin = origin(context.headers());
            return origin == null ? shared.name() : CentreTopics.name(origin, shared);
        }

        @Override
        public String toString() {
            return "TopicOf[" + shared.name() + " or the origin's copy]";
        }
    }

    /** The progress topic of the job's owner. */
    record OwnerProgress() implements TopicNameExtractor<String, JobProgress> {
        @Override
        public String extract(String jobId, JobProgress job, RecordContext context) {
            return CentreTopics.name(job.getOrganisation(), Topics.JOB_PROGRESS);
        }
    }
}
