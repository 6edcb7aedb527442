package io.vitalink.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vitalink.avro.Outcome;
import io.vitalink.avro.ResultTrigger;
import io.vitalink.match.MatchMetrics;
import io.vitalink.topic.Topics;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * match-streams' meters, in a registry of its own (several services may share a JVM, as in the local stack): JVM
 * and process metrics, every Kafka Streams and client metric ({@link KafkaStreamsMetrics}: {@code kafka_stream_*},
 * {@code kafka_consumer_*}, {@code kafka_producer_*}), and Vitalink's own ({@link MatchMetricNames}).
 */
public final class StreamsMetrics implements MatchMetrics, AutoCloseable {

    private static final String FETCH_GROUP = "consumer-fetch-manager-metrics";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<Outcome, Counter> decisions = new EnumMap<>(Outcome.class);
    private final Map<ResultTrigger, Counter> changes = new EnumMap<>(ResultTrigger.class);
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Counter skipped;
    private final Counter controlRefused;
    private final Counter changesWithheld;
    private KafkaStreamsMetrics streamsMetrics;

    public StreamsMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        // every series exists at 0 from the first scrape: rate() and alerts need that
        for (Outcome outcome : Outcome.values()) {
            decisions.put(outcome, Counter.builder(MatchMetricNames.DECISIONS).tag("outcome", outcome.name())
                    .description("Requests decided (processing attempts: exact counts per job are in job-progress)")
                    .register(registry));
        }
        for (ResultTrigger trigger : ResultTrigger.values()) {
            changes.put(trigger, Counter.builder(MatchMetricNames.WATCH_CHANGES).tag("trigger", trigger.name())
                    .description("Later results of watched records (processing attempts: exact counts per job are in job-progress)")
                    .register(registry));
        }
        for (String code : new String[] {"VL-4001", "VL-4002", "VL-4003"}) {
            deadLetter(code);
        }
        skipped = Counter.builder(MatchMetricNames.SKIPPED)
                .description("Requests of a stopped job, skipped").register(registry);
        controlRefused = Counter.builder(MatchMetricNames.CONTROL_REFUSED)
                .description("Control records of a centre naming another organisation's job, refused").register(registry);
        changesWithheld = Counter.builder(MatchMetricNames.CHANGES_WITHHELD)
                .description("Later results of watched jobs withheld: the job's data-use application expired or was revoked")
                .register(registry);
    }

    /** Binds the running app: its Kafka metrics, its state and its lag on match-requests. */
    public void bind(KafkaStreams streams) {
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        for (KafkaStreams.State state : KafkaStreams.State.values()) {
            Gauge.builder(MatchMetricNames.STREAMS_STATE, streams, s -> s.state() == state ? 1 : 0)
                    .tag("state", state.name())
                    .description("1 for the Kafka Streams state of this instance, 0 for the others").register(registry);
        }
        Gauge.builder(MatchMetricNames.REQUESTS_LAG, streams, StreamsMetrics::requestsLag)
                .baseUnit("records")
                .description("Records of match-requests not yet read by this instance, summed over its partitions")
                .register(registry);
    }

    /** The sum of the fetcher's records-lag over the match-requests partitions assigned to this instance. */
    static double requestsLag(KafkaStreams streams) {
        double lag = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            MetricName name = e.getKey();
            if (FETCH_GROUP.equals(name.group()) && "records-lag".equals(name.name())
                    && Topics.MATCH_REQUESTS.name().equals(name.tags().get("topic"))
                    && e.getValue().metricValue() instanceof Number n && !Double.isNaN(n.doubleValue())) {
                lag += Math.max(0, n.doubleValue());
            }
        }
        return lag;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void decided(Outcome outcome) {
        decisions.get(outcome).increment();
    }

    @Override
    public void changed(ResultTrigger trigger) {
        changes.get(trigger).increment();
    }

    @Override
    public void deadLettered(String code) {
        deadLetter(code == null ? "none" : code).increment();
    }

    @Override
    public void skipped() {
        skipped.increment();
    }

    @Override
    public void controlRefused() {
        controlRefused.increment();
    }

    @Override
    public void changeWithheld() {
        changesWithheld.increment();
    }

    private Counter deadLetter(String code) {
        return deadLetters.computeIfAbsent(code, c -> Counter.builder(MatchMetricNames.DEAD_LETTERS).tag("code", c)
                .description("Requests sent to match-requests-dlq, by error code").register(registry));
    }

    @Override
    public void close() {
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        gc.close();
        registry.close();
    }
}
