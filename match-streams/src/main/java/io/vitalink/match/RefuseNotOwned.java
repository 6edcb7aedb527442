package io.vitalink.match;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** A request for a job that is not its centre's becomes a dead letter, with its code in the headers. */
final class RefuseNotOwned implements FixedKeyProcessor<String, DecodedRequest, DecodedRequest> {

    private FixedKeyProcessorContext<String, DecodedRequest> context;

    @Override
    public void init(FixedKeyProcessorContext<String, DecodedRequest> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, DecodedRequest> record) {
        DeadLetterCode code = DeadLetterCode.NOT_OWNED;
        context.forward(record.withHeaders(DecodeRequest.withError(record.headers(), code.code, code.message))
                .withValue(record.value().refused(code.code, code.message)));
    }
}
