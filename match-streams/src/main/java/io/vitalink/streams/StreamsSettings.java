package io.vitalink.streams;

import io.vitalink.crypto.FieldCipher;
import io.vitalink.crypto.Keysets;
import io.vitalink.job.JobRetention;
import io.vitalink.kafka.KafkaClientProperties;
import io.vitalink.match.MatchTopology;
import io.vitalink.match.rules.ProbableMatcher;
import io.vitalink.topic.CentreTopics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * The match-streams configuration, in this order, later wins: safe defaults, a properties file,
 * {@code KAFKA_*} environment variables ({@code KAFKA_BOOTSTRAP_SERVERS} → {@code bootstrap.servers}),
 * then explicit overrides. Vitalink's own keys start with {@code vitalink.}. Last, the Kafka client security file
 * named by {@value #KAFKA_CONFIG_FILE} (env {@code VITALINK_KAFKA_CONFIG_FILE}) is applied: it holds security keys
 * only, see {@link KafkaClientProperties}.
 */
public final class StreamsSettings {

    public static final String PARTITIONS = "vitalink.topics.partitions";
    public static final String REPLICATION_FACTOR = "vitalink.topics.replication-factor";
    public static final String CREATE_TOPICS = "vitalink.topics.create";
    public static final String TIME_ZONE = "vitalink.time-zone";
    /** Least Jaro-Winkler similarity of normalised names for a PROBABLE link. */
    public static final String PROBABLE_THRESHOLD = "vitalink.match.probable-threshold";
    /** How far the best candidate must lead the next one; closer means ambiguous, and nothing links. */
    public static final String PROBABLE_MARGIN = "vitalink.match.probable-margin";
    /** How often each stream task sends the counts it summed per job on (ISO-8601, e.g. PT0.2S). */
    public static final String COUNT_INTERVAL = "vitalink.match.count-interval";
    /** How many deaths each stream task keeps opened in memory for the probable search; 0 keeps none. */
    public static final String OPENED_DEATHS = "vitalink.match.opened-deaths-per-task";
    /** How long a job's data is kept after it completed (or last changed): {@code 30d}, {@code 12h} or ISO-8601. */
    public static final String JOBS_RETENTION = "vitalink.jobs.retention";
    /** How often, in wall-clock time, jobs older than the retention are purged. */
    public static final String JOBS_RETENTION_CHECK_INTERVAL = "vitalink.jobs.retention-check-interval";
    /** How long a job that is not final may stay unchanged before it is FAILED with VL-4005. */
    public static final String JOBS_STALL_TIMEOUT = "vitalink.jobs.stall-timeout";
    /**
     * Comma-separated organisations that submit straight into Kafka, each on its own topics (created at start with
     * the others, see {@link io.vitalink.topic.CentreTopics}); their jobs' progress is also written there.
     */
    public static final String CENTRES = "vitalink.centres";
    /** The Kafka client security file shared with the other services. */
    public static final String KAFKA_CONFIG_FILE = "vitalink.kafka.config-file";
    /** Port of /prometheus and /health/* ({@link ManagementServer}); 0 picks a free one, -1 serves none. */
    public static final String MANAGEMENT_PORT = "vitalink.management.port";
    /** Address the management port listens on. */
    public static final String MANAGEMENT_ADDRESS = "vitalink.management.address";

    /** Keysets sealing personal fields, see {@link Keysets}: a file path or the JSON itself. */
    public static final String ID_KEYSET_FILE = "vitalink.id-keyset-file";
    public static final String ID_KEYSET = "vitalink.id-keyset";
    public static final String FIELD_KEYSET_FILE = "vitalink.field-keyset-file";
    public static final String FIELD_KEYSET = "vitalink.field-keyset";

    private static final Map<String, String> KEYSET_SETTINGS = Map.of(
            Keysets.ID_KEYSET_FILE, ID_KEYSET_FILE, Keysets.ID_KEYSET, ID_KEYSET,
            Keysets.FIELD_KEYSET_FILE, FIELD_KEYSET_FILE, Keysets.FIELD_KEYSET, FIELD_KEYSET);
    private static final List<String> OWN_KEYS = List.of(PARTITIONS, REPLICATION_FACTOR, CREATE_TOPICS, TIME_ZONE,
            PROBABLE_THRESHOLD, PROBABLE_MARGIN, COUNT_INTERVAL, OPENED_DEATHS, KAFKA_CONFIG_FILE, ID_KEYSET_FILE, ID_KEYSET, FIELD_KEYSET_FILE,
            FIELD_KEYSET, JOBS_RETENTION, JOBS_RETENTION_CHECK_INTERVAL, JOBS_STALL_TIMEOUT, MANAGEMENT_PORT,
            MANAGEMENT_ADDRESS, CENTRES);

    private StreamsSettings() {
    }

    public static Properties defaults() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "vitalink-match");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
        // reuse death-records as the table's changelog instead of copying every death record
        p.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
        // a corrupt death record or control message is logged and skipped; requests are decoded in the topology
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class.getName());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "-1");
        // nothing here depends on processing partitions in timestamp order, and waiting costs a formatted log
        // message per poll (seen in the profile): process whatever is buffered
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "-1");
        // measured on 2 cores (docs/PERFORMANCE.md): a second thread uses the core one thread leaves idle while it
        // waits on a commit, and a commit a second instead of every 100 ms (exactly-once's default) took a third
        // of the CPU off the registry's take-in and a job's matching; results show up to a second later
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "2");
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "1000");
        // Kafka's 16 KiB batches cost a hop of small sealed records about half again the CPU of 256 KiB ones
        // (bench/run.sh hop-floor); lz4 keeps the clear parts of results and changelogs small on disk
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), String.valueOf(256 * 1024));
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class.getName());
        p.put(StreamsConfig.STATE_DIR_CONFIG, Path.of(System.getProperty("java.io.tmpdir"), "vitalink-match-state").toString());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(PARTITIONS, "6");
        p.put(REPLICATION_FACTOR, "1");
        p.put(CREATE_TOPICS, "true");
        p.put(TIME_ZONE, "Asia/Shanghai");
        p.put(PROBABLE_THRESHOLD, "0.92");
        p.put(PROBABLE_MARGIN, "0.02");
        p.put(COUNT_INTERVAL, "PT0.2S");
        p.put(OPENED_DEATHS, String.valueOf(MatchTopology.Options.OPENED_DEATHS));
        p.put(JOBS_RETENTION, "30d");
        p.put(JOBS_RETENTION_CHECK_INTERVAL, "1h");
        p.put(JOBS_STALL_TIMEOUT, "24h");
        p.put(MANAGEMENT_PORT, "8081");
        p.put(MANAGEMENT_ADDRESS, "0.0.0.0");
        p.put(CENTRES, "");
        return p;
    }

    public static Properties load(Path file, Map<String, String> environment, Properties overrides) {
        Properties p = defaults();
        if (file != null) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read configuration " + file, e);
            }
        }
        p.putAll(fromEnvironment(environment));
        p.putAll(overrides);
        return KafkaClientProperties.resolve(p.getProperty(KAFKA_CONFIG_FILE), KAFKA_CONFIG_FILE, Map.of()).applyTo(p);
    }

    /**
     * {@code KAFKA_NUM_STREAM_THREADS=2} → {@code num.stream.threads=2}; {@code VITALINK_TOPICS_PARTITIONS} likewise,
     * and {@code VITALINK_MATCH_PROBABLE_THRESHOLD} → {@code vitalink.match.probable-threshold} (our keys with a
     * hyphen are recognised by name).
     */
    static Properties fromEnvironment(Map<String, String> environment) {
        Properties p = new Properties();
        environment.forEach((name, value) -> {
            if (name.startsWith("KAFKA_")) {
                p.put(dotted(name.substring("KAFKA_".length())), value);
            } else if (name.startsWith("VITALINK_")) {
                String dotted = "vitalink." + dotted(name.substring("VITALINK_".length()));
                p.put(OWN_KEYS.stream().filter(key -> key.replace('-', '.').equals(dotted)).findFirst().orElse(dotted), value);
            }
        });
        return p;
    }

    private static String dotted(String envName) {
        return envName.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    public static ProbableMatcher probableMatcher(Properties settings) {
        return new ProbableMatcher(Double.parseDouble(settings.getProperty(PROBABLE_THRESHOLD)),
                Double.parseDouble(settings.getProperty(PROBABLE_MARGIN)));
    }

    /** How the topology decides and counts, as configured. */
    public static MatchTopology.Options topologyOptions(Properties settings) {
        return MatchTopology.Options.of(probableMatcher(settings), Integer.parseInt(settings.getProperty(PARTITIONS)))
                .withRetention(retention(settings))
                .withCountEvery(JobRetention.parse(settings.getProperty(COUNT_INTERVAL)))
                .withOpenedDeaths(Integer.parseInt(settings.getProperty(OPENED_DEATHS)))
                .withCentres(centres(settings));
    }

    /** The configured centres; fails naming the setting when one is not an organisation name. */
    public static Set<String> centres(Properties settings) {
        Set<String> centres = new TreeSet<>();
        for (String centre : settings.getProperty(CENTRES, "").split(",")) {
            if (!centre.isBlank()) {
                try {
                    centres.add(CentreTopics.requireOrganisation(centre.strip()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("invalid " + CENTRES + ": " + e.getMessage(), e);
                }
            }
        }
        return centres;
    }

    /** The configured job retention; fails naming the setting when a value is not a positive duration. */
    public static JobRetention retention(Properties settings) {
        try {
            return new JobRetention(JobRetention.parse(settings.getProperty(JOBS_RETENTION)),
                    JobRetention.parse(settings.getProperty(JOBS_RETENTION_CHECK_INTERVAL)),
                    JobRetention.parse(settings.getProperty(JOBS_STALL_TIMEOUT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid " + JOBS_RETENTION + ", " + JOBS_RETENTION_CHECK_INTERVAL
                    + " or " + JOBS_STALL_TIMEOUT + ": " + e.getMessage(), e);
        }
    }

    /** The cipher of the configured keysets; fails with the settings to set when they are missing. */
    public static FieldCipher cipher(Properties settings) {
        return Keysets.cipherFrom(name -> settings.getProperty(KEYSET_SETTINGS.get(name)));
    }

    /** The properties Kafka itself should see: Vitalink's own keys removed. */
    public static Properties kafkaOnly(Properties all) {
        Properties p = new Properties();
        all.forEach((k, v) -> {
            if (!k.toString().startsWith("vitalink.")) {
                p.put(k, v);
            }
        });
        return p;
    }
}
