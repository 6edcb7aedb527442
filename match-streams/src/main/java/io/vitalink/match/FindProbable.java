package io.vitalink.match;

import io.vitalink.avro.MatchRequest;
import io.vitalink.crypto.RecordProtection;
import io.vitalink.match.rules.ProbableMatcher;
import io.vitalink.serde.RecordCodec;
import java.time.Clock;
import java.time.LocalDate;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Decides a request its ID did not link on the partition of its block ({@link BlockSearch}). The request arrives as
 * it was sealed by its producer (nothing was sealed again on the way) and is opened here once; it goes on with its
 * block and sealed bytes, for a watched job's record to be registered.
 */
final class FindProbable implements FixedKeyProcessor<String, byte[], Decided> {

    private final ProbableMatcher matcher;
    private final Clock clock;
    private final RecordProtection protection;
    private final RecordCodec<MatchRequest> requests;
    private FixedKeyProcessorContext<String, Decided> context;
    private BlockSearch search;

    FindProbable(ProbableMatcher matcher, Clock clock, RecordProtection protection, RecordCodec<MatchRequest> requests) {
        this.matcher = matcher;
        this.clock = clock;
        this.protection = protection;
        this.requests = requests;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Decided> context) {
        this.context = context;
        this.search = BlockSearch.open(context, matcher, protection);
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> search) {
        CheckedRequest checked = CheckedRequest.ofSealed(requests, search.value(), LocalDate.now(clock));
        context.forward(search.withValue(new Decided(this.search.decide(checked, search.key(), clock.instant()), search.key(),
                search.value())));
    }
}
