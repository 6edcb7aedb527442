package io.vitalink.loader;

import io.vitalink.avro.DeathRecord;
import io.vitalink.topic.Topic;
import io.vitalink.topic.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a death-registry export into {@link Topics#DEATH_RECORDS}: every clean row is upserted keyed
 * by its normalised resident ID, every refused row goes to the reject file. Loading the same file
 * again writes the same keys and death fields (only {@code loadedAt} differs), so a failed load can
 * simply be run again. Within one file a later row for the same ID wins, as on the compacted topic.
 *
 * <p>Neither IDs nor names are ever logged.
 */
public final class DeathLoader {

    /** Files smaller than this get no progress bar. */
    public static final long PROGRESS_MIN_BYTES = 1L << 20;

    /** How long to wait for the cluster before calling it unreachable; also the producer's max.block.ms. */
    public static final Duration BROKER_WAIT = Duration.ofSeconds(20);

    private static final Logger log = LoggerFactory.getLogger(DeathLoader.class);
    private static final Topic<String, DeathRecord> TOPIC = Topics.DEATH_RECORDS;
    private static final int PROGRESS_EVERY_ROWS = 512;

    private final Supplier<? extends Producer<String, DeathRecord>> producers;
    private final Clock clock;
    private final String servers;
    private final String brokerWait;

    /**
     * @param producerConfig Kafka client settings; must hold {@code bootstrap.servers}. Merged over
     *     {@link #producerConfig(Map)}'s defaults; acks=all and idempotence are always enforced.
     */
    public DeathLoader(Map<String, Object> producerConfig, Clock clock) {
        Map<String, Object> config = producerConfig(producerConfig);
        this.producers = () -> createProducer(config);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.servers = String.valueOf(config.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        this.brokerWait = config.get(ProducerConfig.MAX_BLOCK_MS_CONFIG) + " ms";
    }

    private DeathLoader(Supplier<? extends Producer<String, DeathRecord>> producers, Clock clock) {
        this.producers = Objects.requireNonNull(producers, "producers");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.servers = "the given producer";
        this.brokerWait = "max.block.ms";
    }

    /**
     * A loader over producers made elsewhere, e.g. a {@code MockProducer} in tests. A new producer is
     * asked for per load and closed at its end.
     */
    public static DeathLoader withProducer(Supplier<? extends Producer<String, DeathRecord>> producers, Clock clock) {
        return new DeathLoader(producers, clock);
    }

    /**
     * The producer settings used for {@code given}: defaults (lz4, linger.ms 20, batch.size 256 KiB,
     * bounded timeouts), then {@code given}, then what cannot be overridden: acks=all and
     * enable.idempotence=true. Serializers always come from {@link Topics#DEATH_RECORDS}.
     *
     * @throws LoadException ({@link LoadFailure#BAD_PRODUCER_CONFIG}) when bootstrap.servers is missing
     */
    public static Map<String, Object> producerConfig(Map<String, ?> given) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "vitalink-death-loader");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) BROKER_WAIT.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        config.putAll(given);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        Object servers = config.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        if (servers == null || servers.toString().isBlank()) {
            throw new LoadException(LoadFailure.BAD_PRODUCER_CONFIG, "bootstrap.servers is not set");
        }
        return config;
    }

    /**
     * Loads {@code csv}. Returns normally even when rows were refused.
     *
     * @throws LoadException when the file cannot be read, its header is wrong, Kafka cannot be reached or
     *     did not acknowledge every record
     */
    public LoadSummary load(Path csv, LoadOptions options) {
        Objects.requireNonNull(csv, "csv");
        Objects.requireNonNull(options, "options");
        Instant loadedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        LocalDate today = LocalDate.now(clock);
        String batch = options.batchLabelFor(csv);
        Path rejectPath = options.rejectFileFor(csv);
        long size = checkReadable(csv);
        if (rejectPath.toAbsolutePath().normalize().equals(csv.toAbsolutePath().normalize())) {
            throw new LoadException(LoadFailure.REJECT_FILE_NOT_WRITABLE, "the reject file would overwrite the input " + csv);
        }

        try (CountingInputStream in = new CountingInputStream(open(csv));
             DeathCsvReader reader = new DeathCsvReader(in, new RowCleaner(today))) {
            log.info("Loading {} ({} bytes) into {} as batch {}", csv, size, TOPIC.name(), batch);
            Producer<String, DeathRecord> producer = startProducer();
            try (RejectWriter rejects = new RejectWriter(rejectPath);
                 ProgressBar progress = options.showProgress() && size >= PROGRESS_MIN_BYTES ? progressBar(csv, size) : null) {
                return run(reader, in, producer, rejects, progress, batch, loadedAt);
            } finally {
                closeQuietly(producer);
            }
        } catch (IOException e) {
            throw new LoadException(LoadFailure.INPUT_NOT_READABLE, csv + ": " + e.getMessage(), e);
        }
    }

    private LoadSummary run(DeathCsvReader reader, CountingInputStream in, Producer<String, DeathRecord> producer,
                            RejectWriter rejects, ProgressBar progress, String batch, Instant loadedAt) {
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        AtomicLong acknowledged = new AtomicLong();
        long read = 0;
        long sent = 0;
        long rejected = 0;
        Optional<DeathCsvReader.ParsedRow> next;
        while (firstFailure.get() == null && (next = reader.next()).isPresent()) {
            read++;
            DeathCsvReader.ParsedRow row = next.get();
            if (row.outcome() instanceof RowOutcome.Rejected rejection) {
                rejects.write(row.line(), rejection.reason());
                rejected++;
            } else if (row.outcome() instanceof RowOutcome.Accepted accepted) {
                DeathRecord record = toRecord(accepted.row(), batch, loadedAt);
                try {
                    producer.send(new ProducerRecord<>(TOPIC.name(), record.getIdNumber(), record), (metadata, e) -> {
                        if (e == null) {
                            acknowledged.incrementAndGet();
                        } else {
                            firstFailure.compareAndSet(null, e);
                        }
                    });
                    sent++;
                } catch (KafkaException e) {
                    firstFailure.compareAndSet(null, e);
                }
            }
            if (progress != null && read % PROGRESS_EVERY_ROWS == 0) {
                progress.stepTo(in.count());
            }
        }
        try {
            producer.flush();
        } catch (KafkaException e) {
            firstFailure.compareAndSet(null, e);
        }
        if (progress != null) {
            progress.stepTo(in.count());
        }
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new LoadException(LoadFailure.SEND_FAILED, failure.getClass().getSimpleName() + ": " + failure.getMessage()
                    + " (stopped after " + read + " rows; " + acknowledged.get() + " of " + sent
                    + " records sent were acknowledged)", failure);
        }
        LoadSummary summary = new LoadSummary(read, acknowledged.get(), rejected, rejects.path());
        log.info("Loaded batch {}: {}", batch, summary.summaryLine());
        return summary;
    }

    /** The Avro value of a clean row: idNumber is the normalised ID, which is also the key. */
    public static DeathRecord toRecord(DeathRow row, String batch, Instant loadedAt) {
        return DeathRecord.newBuilder()
                .setIdNumber(row.idNumber())
                .setName(row.name())
                .setSex(row.sex())
                .setBirthDate(row.birthDate())
                .setAge(row.age())
                .setDeathDate(row.deathDate())
                .setDeathPlace(row.deathPlace())
                .setDirectCause(row.directCause())
                .setDirectCauseIcd10(row.directCauseIcd10())
                .setOtherDiagnoses(row.otherDiagnoses())
                .setSourceBatch(batch)
                .setLoadedAt(loadedAt)
                .build();
    }

    /** Creates a producer and checks the cluster answers for the topic, within {@link #BROKER_WAIT}. */
    private Producer<String, DeathRecord> startProducer() {
        Producer<String, DeathRecord> producer = producers.get();
        try {
            List<?> partitions = producer.partitionsFor(TOPIC.name());
            log.debug("Topic {} has {} partitions", TOPIC.name(), partitions == null ? 0 : partitions.size());
            return producer;
        } catch (TimeoutException e) {
            closeQuietly(producer);
            throw new LoadException(LoadFailure.BROKER_UNREACHABLE, "no metadata for topic " + TOPIC.name() + " from "
                    + servers + " within " + brokerWait + ": is the broker up and the topic created?", e);
        } catch (KafkaException e) {
            closeQuietly(producer);
            throw new LoadException(LoadFailure.BROKER_UNREACHABLE, servers + ": " + e.getClass().getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }

    private static Producer<String, DeathRecord> createProducer(Map<String, Object> config) {
        try {
            return new KafkaProducer<>(config, TOPIC.keySerde().serializer(), TOPIC.valueSerde().serializer());
        } catch (KafkaException e) {
            ConfigException config0 = findCause(e, ConfigException.class);
            if (config0 != null && config0.getMessage() != null && config0.getMessage().contains("bootstrap")) {
                throw new LoadException(LoadFailure.BROKER_UNREACHABLE, config0.getMessage(), e);
            }
            Throwable reason = config0 != null ? config0 : (e.getCause() != null ? e.getCause() : e);
            throw new LoadException(LoadFailure.BAD_PRODUCER_CONFIG, reason.getMessage(), e);
        }
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Bounded, so that a load never hangs on a cluster that went away; after a flush nothing is pending. */
    private static void closeQuietly(Producer<?, ?> producer) {
        try {
            producer.close(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            log.debug("Closing the producer failed", e);
        }
    }

    private static long checkReadable(Path csv) {
        if (!Files.isRegularFile(csv)) {
            throw new LoadException(LoadFailure.INPUT_NOT_READABLE, csv + " does not exist or is not a file");
        }
        if (!Files.isReadable(csv)) {
            throw new LoadException(LoadFailure.INPUT_NOT_READABLE, csv + " is not readable");
        }
        try {
            return Files.size(csv);
        } catch (IOException e) {
            throw new LoadException(LoadFailure.INPUT_NOT_READABLE, csv + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(Path csv) {
        try {
            return Files.newInputStream(csv);
        } catch (IOException e) {
            throw new LoadException(LoadFailure.INPUT_NOT_READABLE, csv + ": " + e.getMessage(), e);
        }
    }

    private static ProgressBar progressBar(Path csv, long size) {
        return new ProgressBarBuilder()
                .setTaskName("Loading " + csv.getFileName())
                .setInitialMax(size)
                .setUnit(" MiB", 1L << 20)
                .setUpdateIntervalMillis(500)
                // colours and block characters only on a terminal; plain ASCII in CI logs and redirects
                .setStyle(System.console() == null ? ProgressBarStyle.ASCII : ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
    }
}
