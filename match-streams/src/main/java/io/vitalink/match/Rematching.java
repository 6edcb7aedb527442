package io.vitalink.match;

import io.vitalink.avro.MatchRequest;
import io.vitalink.avro.MatchResult;
import io.vitalink.crypto.RecordProtection;
import io.vitalink.match.rules.ProbableMatcher;
import io.vitalink.serde.RecordCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * What the processors of a watch share: the rules and clock of the first decisions, the codecs of sealed requests and
 * results, and how often their stores are swept of records whose watch ended.
 */
record Rematching(ProbableMatcher matcher, Clock clock, RecordProtection protection, RecordCodec<MatchRequest> requests,
                  RecordCodec<MatchResult> results, Duration sweepEvery) {

    WatchRegistry registry(ProcessingContext context, String storeName) {
        return WatchRegistry.open(context, storeName, results, clock);
    }

    BlockSearch search(ProcessingContext context) {
        return BlockSearch.open(context, matcher, protection);
    }

    /** A registered request, opened and checked as today. */
    CheckedRequest check(byte[] raw) {
        return CheckedRequest.ofSealed(requests, raw, LocalDate.now(clock));
    }
}
