package io.vitalink.loader;

import io.vitalink.avro.DeathRecord;
import io.vitalink.crypto.FieldCipher;
import io.vitalink.kafka.KafkaClientProperties;
import io.vitalink.topic.Topic;
import io.vitalink.topic.TopicSerdes;
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
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a death-registry export into {@link Topics#DEATH_RECORDS} and withdraws deaths from it. One load:
 * <ol>
 *   <li>reads the topic as it is (up to its end offsets at the start) into a temporary store: key → content hash;</li>
 *   <li>reads the delete file, if any, then the export, if any, cleaning every row ({@link RowCleaner}) and
 *       writing each clean row to the store;</li>
 *   <li>resolves duplicates and withdrawals in one ordered pass over the store (the rules are those of
 *       {@link Reconciler});</li>
 *   <li>publishes, keyed by the normalised ID, the deaths that are new or changed, and a tombstone per
 *       withdrawn ID present in the topic; unchanged deaths are not published again;</li>
 *   <li>writes the reject file (line, code, message, input; never a value of a row) and returns a
 *       {@link LoadSummary}.</li>
 * </ol>
 * Memory does not grow with the input: rows live in a temporary RocksDB under {@link LoadOptions#workDir()},
 * deleted at the end. A failed load can simply be run again: what was published counts as unchanged then.
 *
 * <p>Neither IDs nor names are ever logged.
 */
public final class DeathLoader {

    /** Files smaller than this get no progress bar. */
    public static final long PROGRESS_MIN_BYTES = 1L << 20;

    /** Reading the topic and publishing get a progress bar from this many records on. */
    public static final long PROGRESS_MIN_RECORDS = 100_000;

    /** How long to wait for the cluster before calling it unreachable; also the producer's max.block.ms. */
    public static final Duration BROKER_WAIT = Duration.ofSeconds(20);

    private static final Logger log = LoggerFactory.getLogger(DeathLoader.class);
    private static final Topic<String, DeathRecord> TOPIC = Topics.DEATH_RECORDS;
    private static final int PROGRESS_EVERY_ROWS = 512;

    private final Supplier<RecordSender> producers;
    private final TopicSerdes serdes;
    private final CurrentRecords current;
    private final Clock clock;
    private final String servers;
    private final String brokerWait;

    /**
     * @param producerConfig Kafka client settings; must hold {@code bootstrap.servers}. Merged over
     *     {@link #producerConfig(Map)}'s defaults; acks=all and idempotence are always enforced. The consumer that
     *     reads the topic at the start of a load gets the settings of these that a consumer knows
     *     ({@link #consumerConfig(Map)}), e.g. the security ones.
     * @param cipher seals IDs, names and causes of death before they leave the process
     */
    public DeathLoader(Map<String, Object> producerConfig, FieldCipher cipher, Clock clock) {
        Map<String, Object> config = producerConfig(producerConfig);
        Map<String, Object> consumerConfig = consumerConfig(config);
        this.serdes = new TopicSerdes(cipher);
        this.producers = () -> RecordSender.of(createProducer(config));
        this.current = new TopicSnapshot(() -> createConsumer(consumerConfig), BROKER_WAIT);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.servers = String.valueOf(config.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        this.brokerWait = config.get(ProducerConfig.MAX_BLOCK_MS_CONFIG) + " ms";
    }

    private DeathLoader(Supplier<? extends Producer<String, DeathRecord>> producers, CurrentRecords current,
                        FieldCipher cipher, Clock clock) {
        Objects.requireNonNull(producers, "producers");
        this.serdes = new TopicSerdes(cipher);
        this.producers = () -> RecordSender.typed(producers.get(), serdes);
        this.current = Objects.requireNonNull(current, "current");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.servers = "the given producer";
        this.brokerWait = "max.block.ms";
    }

    /**
     * A loader over producers made elsewhere, e.g. a {@code MockProducer} in tests, that takes death-records to be
     * empty at the start of every load (so every clean row is loaded as new). A new producer is asked for per load
     * and closed at its end. The producers must seal with {@link #serdes(FieldCipher)}.
     */
    public static DeathLoader withProducer(Supplier<? extends Producer<String, DeathRecord>> producers, FieldCipher cipher,
                                           Clock clock) {
        return new DeathLoader(producers, CurrentRecords.NONE, cipher, clock);
    }

    /** A loader over producers made elsewhere that learns what death-records holds from {@code current}. */
    public static DeathLoader withClients(Supplier<? extends Producer<String, DeathRecord>> producers,
                                          CurrentRecords current, FieldCipher cipher, Clock clock) {
        return new DeathLoader(producers, current, cipher, clock);
    }

    /** The serdes a producer of this loader must use: the key and value of death-records, sealed with {@code cipher}. */
    public static TopicSerdes serdes(FieldCipher cipher) {
        return new TopicSerdes(cipher);
    }

    /**
     * The producer settings used for {@code given}: defaults (lz4, linger.ms 20, batch.size 256 KiB,
     * bounded timeouts), then {@code given}, then what cannot be overridden: acks=all and
     * enable.idempotence=true. Serializers are always byte arrays: the loader seals every record itself, with
     * {@link TopicSerdes} for {@link Topics#DEATH_RECORDS}, before it is sent.
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
     * The settings of the consumer that reads death-records at the start of a load: those of {@code clientConfig}
     * that a consumer knows (bootstrap servers, security, timeouts), then what cannot be overridden: no group, no
     * offset commits, {@code isolation.level=read_committed}, from the earliest offset, byte-array deserializers.
     */
    public static Map<String, Object> consumerConfig(Map<String, ?> clientConfig) {
        Set<String> known = ConsumerConfig.configNames();
        Map<String, Object> config = new HashMap<>();
        clientConfig.forEach((name, value) -> {
            if (KafkaClientProperties.keepFor(known, name)) {
                config.put(name, value);
            }
        });
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, config.getOrDefault(ConsumerConfig.CLIENT_ID_CONFIG, "vitalink-death-loader") + "-snapshot");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) BROKER_WAIT.toMillis());
        return config;
    }

    /**
     * Loads the export {@code csv} and withdraws the deaths of {@link LoadOptions#deleteFile()}, either of which
     * may be absent (not both). Returns normally even when rows were refused.
     *
     * @param csv the export, or null for a load that only withdraws
     * @throws IllegalArgumentException when there is neither an export nor a delete file
     * @throws LoadException when an input cannot be read, its header is wrong, Kafka cannot be reached or
     *     did not acknowledge every record, or the work store fails
     */
    public LoadSummary load(Path csv, LoadOptions options) {
        Objects.requireNonNull(options, "options");
        Path deleteFile = options.deleteFile();
        if (csv == null && deleteFile == null) {
            throw new IllegalArgumentException("nothing to load: give an export, a delete file or both");
        }
        Instant start = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        LocalDate today = LocalDate.now(clock);
        String batch = options.batchLabelAt(start);
        Path rejectPath = options.rejectFileFor(csv != null ? csv : deleteFile);
        long size = csv == null ? 0 : checkReadable(csv);
        if (deleteFile != null) {
            checkReadable(deleteFile);
        }
        for (Path input : new Path[] {csv, deleteFile}) {
            if (input != null && rejectPath.toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize())) {
                throw new LoadException(LoadFailure.REJECT_FILE_NOT_WRITABLE, "the reject file would overwrite the input " + input);
            }
        }

        try (CountingInputStream in = csv == null ? null : new CountingInputStream(open(csv));
             DeathCsvReader rows = in == null ? null : new DeathCsvReader(in, new RowCleaner(today));
             InputStream deleteIn = deleteFile == null ? null : open(deleteFile);
             WithdrawalReader withdrawals = deleteIn == null ? null : new WithdrawalReader(deleteIn, today)) {
            log.info("Loading {}{} into {} as batch {}", csv == null ? "no export" : csv + " (" + size + " bytes)",
                    deleteFile == null ? "" : ", withdrawing " + deleteFile, TOPIC.name(), batch);
            RecordSender producer = startProducer();
            try (RejectWriter rejects = new RejectWriter(rejectPath);
                 RocksWorkStore work = RocksWorkStore.open(options.workDir())) {
                Reconciler reconciler = new Reconciler(work.stores(), batch, start, serdes);
                readCurrent(reconciler, options.showProgress());
                if (withdrawals != null) {
                    readWithdrawals(withdrawals, reconciler);
                }
                if (rows != null) {
                    readRows(csv, size, rows, in, reconciler, options.showProgress());
                }
                publish(reconciler, producer, options.showProgress());
                reconciler.writeRejects(rejects);
                LoadSummary summary = reconciler.summary(rejects.path());
                log.info("Loaded batch {}: {}", batch, summary.summaryLine());
                return summary;
            } finally {
                closeQuietly(producer);
            }
        } catch (IOException e) {
            throw new LoadException(LoadFailure.INPUT_NOT_READABLE, e.getMessage(), e);
        }
    }

    /** Only withdraws: {@code load(null, options.withDeleteFile(deleteFile))}. */
    public LoadSummary withdraw(Path deleteFile, LoadOptions options) {
        return load(null, options.withDeleteFile(Objects.requireNonNull(deleteFile, "deleteFile")));
    }

    private void readCurrent(Reconciler reconciler, boolean showProgress) {
        long[] count = {0};
        ProgressBar[] bar = {null};
        try {
            current.read(new CurrentRecords.Sink() {
                @Override
                public void expect(long records) {
                    if (showProgress && records >= PROGRESS_MIN_RECORDS && bar[0] == null) {
                        bar[0] = progressBar("Reading " + TOPIC.name(), records, " records", 1);
                    }
                }

                @Override
                public void record(String key, byte[] value) {
                    reconciler.current(key, value);
                    if (++count[0] % 4096 == 0 && bar[0] != null) {
                        bar[0].stepTo(count[0]);
                    }
                }
            });
        } finally {
            if (bar[0] != null) {
                bar[0].stepTo(count[0]);
                bar[0].close();
            }
        }
        if (reconciler.currentUnreadable() > 0) {
            log.warn("{} records of {} could not be decoded; rows with their IDs count as updated",
                    reconciler.currentUnreadable(), TOPIC.name());
        }
        log.info("Read {} records of {}", count[0], TOPIC.name());
    }

    private static void readWithdrawals(WithdrawalReader withdrawals, Reconciler reconciler) {
        Optional<WithdrawalReader.ParsedWithdrawal> next;
        while ((next = withdrawals.next()).isPresent()) {
            reconciler.withdrawal(next.get());
        }
    }

    private static void readRows(Path csv, long size, DeathCsvReader rows, CountingInputStream in, Reconciler reconciler,
                                 boolean showProgress) {
        try (ProgressBar progress = showProgress && size >= PROGRESS_MIN_BYTES
                ? progressBar("Reading " + csv.getFileName(), size, " MiB", 1L << 20) : null) {
            long read = 0;
            Optional<DeathCsvReader.ParsedRow> next;
            // parsing and cleaning here, sealing and staging on a second core
            try (StagingPipeline<DeathCsvReader.ParsedRow> staging = new StagingPipeline<>("death-loader-staging",
                    row -> reconciler.row(row.line(), row.outcome()))) {
                while ((next = rows.next()).isPresent()) {
                    staging.accept(next.get());
                    if (progress != null && ++read % PROGRESS_EVERY_ROWS == 0) {
                        progress.stepTo(in.count());
                    }
                }
                staging.finish();
            }
            if (progress != null) {
                progress.stepTo(in.count());
            }
        }
    }

    /** Thrown by the publisher to stop at the first failed send. */
    private static final class StopPublishing extends RuntimeException {
        StopPublishing() {
            super(null, null, false, false);
        }
    }

    private static void publish(Reconciler reconciler, RecordSender producer, boolean showProgress) {
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        AtomicLong acknowledged = new AtomicLong();
        long[] sent = {0};
        Reconciler.Publisher publisher = new Reconciler.Publisher() {
            @Override
            public void upsert(byte[] key, byte[] value) {
                send(key, value);
            }

            @Override
            public void tombstone(byte[] key) {
                send(key, null);
            }

            private void send(byte[] key, byte[] value) {
                if (firstFailure.get() != null) {
                    throw new StopPublishing();
                }
                try {
                    producer.send(key, value, (metadata, e) -> {
                        if (e == null) {
                            acknowledged.incrementAndGet();
                        } else {
                            firstFailure.compareAndSet(null, e);
                        }
                    });
                    sent[0]++;
                } catch (KafkaException e) {
                    firstFailure.compareAndSet(null, e);
                    throw new StopPublishing();
                }
            }
        };
        long keys = reconciler.entriesToPublish();
        try (ProgressBar progress = showProgress && keys >= PROGRESS_MIN_RECORDS
                ? progressBar("Publishing to " + TOPIC.name(), keys, " rows", 1) : null) {
            reconciler.publish(publisher, done -> {
                if (progress != null) {
                    progress.stepTo(done);
                }
            });
        } catch (StopPublishing stop) {
            log.debug("Stopped publishing after the first failed send");
        }
        try {
            producer.flush();
        } catch (KafkaException e) {
            firstFailure.compareAndSet(null, e);
        }
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new LoadException(LoadFailure.SEND_FAILED, failure.getClass().getSimpleName() + ": " + failure.getMessage()
                    + " (stopped publishing after " + sent[0] + " records; " + acknowledged.get() + " of " + sent[0]
                    + " records sent were acknowledged)", failure);
        }
        log.info("Published {} records", sent[0]);
    }

    /** The Avro value of a clean row: idNumber is the normalised ID, which is also the key. */
    public static DeathRecord toRecord(DeathRow row, String batch, Instant loadedAt) {
        return Reconciler.toRecord(row, batch, loadedAt);
    }

    /** Creates a producer and checks the cluster answers for the topic, within {@link #BROKER_WAIT}. */
    private RecordSender startProducer() {
        RecordSender producer = producers.get();
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

    private static Producer<byte[], byte[]> createProducer(Map<String, Object> config) {
        try {
            return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        } catch (KafkaException e) {
            throw clientFailure(e);
        }
    }

    private static Consumer<byte[], byte[]> createConsumer(Map<String, Object> config) {
        try {
            return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        } catch (KafkaException e) {
            throw clientFailure(e);
        }
    }

    private static LoadException clientFailure(KafkaException e) {
        ConfigException config = findCause(e, ConfigException.class);
        if (config != null && config.getMessage() != null && config.getMessage().contains("bootstrap")) {
            return new LoadException(LoadFailure.BROKER_UNREACHABLE, config.getMessage(), e);
        }
        Throwable reason = config != null ? config : (e.getCause() != null ? e.getCause() : e);
        return new LoadException(LoadFailure.BAD_PRODUCER_CONFIG, reason.getMessage(), e);
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
    private static void closeQuietly(RecordSender producer) {
        try {
            producer.close(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            log.debug("Closing the producer failed", e);
        }
    }

    private static long checkReadable(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new LoadException(LoadFailure.INPUT_NOT_READABLE, file + " does not exist or is not a file");
        }
        if (!Files.isReadable(file)) {
            throw new LoadException(LoadFailure.INPUT_NOT_READABLE, file + " is not readable");
        }
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new LoadException(LoadFailure.INPUT_NOT_READABLE, file + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new LoadException(LoadFailure.INPUT_NOT_READABLE, file + ": " + e.getMessage(), e);
        }
    }

    private static ProgressBar progressBar(String task, long max, String unit, long unitSize) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setUnit(unit, unitSize)
                .setUpdateIntervalMillis(500)
                // colours and block characters only on a terminal; plain ASCII in CI logs and redirects
                .setStyle(System.console() == null ? ProgressBarStyle.ASCII : ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
    }
}
