package io.vitalink.match;

import io.vitalink.avro.MatchRequest;
import io.vitalink.crypto.UnopenableException;
import io.vitalink.serde.RecordCodec;
import io.vitalink.serde.UndecodableException;
import io.vitalink.topic.CentreTopics;
import io.vitalink.topic.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a request's value here rather than in a deserializer, so that bad bytes become data (a
 * dead letter that still counts for its job, named by the {@code vl-job-id} header) instead of a
 * skipped record that would leave the job waiting forever. The organisation of a centre's topic is the request's
 * origin, set as the {@code vl-origin} header here (a producer's own header of that name is dropped).
 */
final class DecodeRequest implements FixedKeyProcessor<String, byte[], DecodedRequest> {

    private static final Logger log = LoggerFactory.getLogger(DecodeRequest.class);

    private final RecordCodec<MatchRequest> codec;
    private FixedKeyProcessorContext<String, DecodedRequest> context;

    /** @param codec opens the sealed fields too: a request sealed with unknown keys is dead-lettered */
    DecodeRequest(RecordCodec<MatchRequest> codec) {
        this.codec = codec;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, DecodedRequest> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> received) {
        String origin = context.recordMetadata().map(RecordMetadata::topic).flatMap(CentreTopics::organisationOf).orElse(null);
        FixedKeyRecord<String, byte[]> record = received.withHeaders(withOrigin(received.headers(), origin));
        byte[] value = record.value();
        if (value == null) {
            deadLetter(record, origin, DeadLetterCode.EMPTY, DeadLetterCode.EMPTY.message);
            return;
        }
        try {
            context.forward(record.withValue(DecodedRequest.decoded(codec.decode(value), value, origin)));
        } catch (UnopenableException e) {
            deadLetter(record, origin, DeadLetterCode.UNSEALED, e.getMessage());
        } catch (UndecodableException e) {
            deadLetter(record, origin, DeadLetterCode.UNDECODABLE, e.getMessage());
        }
    }

    private static Headers withOrigin(Headers received, String origin) {
        if (origin == null && received.lastHeader(CentreTopics.ORIGIN_HEADER) == null) {
            return received; // the shared topic's usual request: nothing to set or drop, no copy per request
        }
        // a centre names neither its origin nor its field groups: both are the matcher's to say
        Headers headers = new RecordHeaders(received.toArray()).remove(CentreTopics.ORIGIN_HEADER).remove(Topics.FIELD_GROUPS_HEADER);
        return origin == null ? headers : headers.add(CentreTopics.ORIGIN_HEADER, origin.getBytes(StandardCharsets.UTF_8));
    }

    private void deadLetter(FixedKeyRecord<String, byte[]> record, String origin, DeadLetterCode code, String message) {
        String jobId = text(record.headers().lastHeader(Topics.JOB_ID_HEADER));
        if (jobId == null) {
            log.warn("Dead-lettered a request without a {} header: no job can count it ({})", Topics.JOB_ID_HEADER, code.code);
        }
        context.forward(record.withHeaders(withError(record.headers(), code.code, message))
                .withValue(DecodedRequest.undecodable(jobId, record.value(), code.code, message, origin)));
    }

    static Headers withError(Headers headers, String code, String message) {
        return new RecordHeaders(headers.toArray())
                .add(Topics.ERROR_CODE_HEADER, code.getBytes(StandardCharsets.UTF_8))
                .add(Topics.ERROR_MESSAGE_HEADER, message.getBytes(StandardCharsets.UTF_8));
    }

    static String text(Header header) {
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
