package io.vitalink.bench;

import io.vitalink.avro.MatchRequest;
import io.vitalink.crypto.FieldCipher;
import io.vitalink.local.EmbeddedKafka;
import io.vitalink.local.LocalLauncher;
import io.vitalink.local.SampleData;
import io.vitalink.local.SampleDeath;
import io.vitalink.serde.RecordCodec;
import io.vitalink.topic.TopicSerdes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What one Kafka hop costs on this machine, with nothing of Vitalink's work around it: the job's requests, sealed
 * and keyed exactly as the API sends them (encoded before the clock starts), produced once as exactly-once produces
 * (a transaction committed every second, acks=all; compression and batch size as given) to the stack's kind of
 * broker (in this JVM, as in the README's stack), then read back once with {@code read_committed}. Every design moves
 * each death, request and result through at least one such hop, so this is the floor under the end-to-end table.
 */
@Command(name = "hop-floor", mixinStandardHelpOptions = true,
        description = "The cost of moving N sealed requests through Kafka once (produce + consume), nothing else.")
public final class HopFloorCommand implements Callable<Integer> {

    private static final String TOPIC = "hop-floor";
    private static final Duration COMMIT_EVERY = Duration.ofSeconds(1);

    @Option(names = "--requests", description = "How many requests (default: ${DEFAULT-VALUE}).")
    int requests = 1_000_000;

    @Option(names = "--chunk", description = "Requests per Kafka record, their bytes one after the other (default: ${DEFAULT-VALUE}).")
    int chunk = 1;

    @Option(names = "--compression", description = "The producer's compression.type (default: ${DEFAULT-VALUE}, the services').")
    String compression = "lz4";

    @Option(names = "--batch-bytes", description = "The producer's batch.size (default: ${DEFAULT-VALUE}, Kafka's).")
    int batchBytes = 16_384;

    @Option(names = "--partitions", description = "Partitions of the topic (default: ${DEFAULT-VALUE}, the stack's).")
    int partitions = 6;

    @Option(names = "--work-dir", description = "Broker data (deleted first; default: ${DEFAULT-VALUE}).")
    Path workDir = Path.of("/tmp/vitalink-hop-floor");

    @Option(names = "--port", description = "Broker port (default: a free one).")
    int port;

    @Option(names = "--classpath", hidden = true, description = "Given by run.sh to every command; nothing here forks.")
    String classpath;

    private final PrintStream out;

    public HopFloorCommand() {
        this(System.out);
    }

    HopFloorCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new HopFloorCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        LocalLauncher.deleteRecursively(workDir);
        Files.createDirectories(workDir);
        List<ProducerRecord<byte[], byte[]>> sealed = sealedRequests();
        long bytes = sealed.stream().mapToLong(r -> r.key().length + r.value().length).sum();
        out.printf("%,d sealed requests, %.0f bytes each on average (key + value), %d a record%n", sealed.size(),
                (double) bytes / sealed.size(), chunk);
        List<ProducerRecord<byte[], byte[]>> records = chunked(sealed);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(workDir.resolve("kafka"), port)) {
            Map<String, Object> client = kafka.clientProperties().mergedInto(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
            try (Admin admin = Admin.create(client)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get();
            }
            Stage produce = Stage.time("produce (transactional, acks=all, " + compression + ")", records.size(),
                    () -> produce(client, records)).stage();
            Stage consume = Stage.time("consume (read_committed)", records.size(),
                    () -> consume(client, records.size())).stage();
            print(produce, sealed.size());
            print(consume, sealed.size());
            print(new Stage("one hop", records.size(), produce.took().plus(consume.took()), produce.cpu().plus(consume.cpu())),
                    sealed.size());
        }
        return 0;
    }

    private List<ProducerRecord<byte[], byte[]>> sealedRequests() throws Exception {
        List<SampleDeath> deaths = SampleData.deaths(2026, requests);
        Path csv = workDir.resolve("requests.csv");
        SampleData.writeRequestsCsv(SampleData.requests(2026, deaths, requests, requests * 2 / 5, requests / 20), csv);
        TopicSerdes serdes = new TopicSerdes(FieldCipher.ephemeral());
        RecordCodec<MatchRequest> codec = serdes.codec(MatchRequest.class);
        LocalDate today = LocalDate.now();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(requests);
        RequestsCsv.forEach(csv, UUID.randomUUID().toString(), request -> records.add(new ProducerRecord<>(TOPIC,
                serdes.requestKey(request, today).getBytes(StandardCharsets.UTF_8), codec.encode(request))));
        return records;
    }

    /** Groups requests of one partition, as a producer of chunks would: the bytes of {@code chunk} requests a record. */
    private List<ProducerRecord<byte[], byte[]>> chunked(List<ProducerRecord<byte[], byte[]>> sealed) {
        if (chunk == 1) {
            return sealed;
        }
        List<List<ProducerRecord<byte[], byte[]>>> byPartition = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            byPartition.add(new ArrayList<>());
        }
        for (ProducerRecord<byte[], byte[]> request : sealed) {
            byPartition.get(Utils.toPositive(Utils.murmur2(request.key())) % partitions).add(request);
        }
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            List<ProducerRecord<byte[], byte[]>> mine = byPartition.get(p);
            for (int from = 0; from < mine.size(); from += chunk) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (ProducerRecord<byte[], byte[]> request : mine.subList(from, Math.min(mine.size(), from + chunk))) {
                    out.writeBytes(request.key());
                    out.writeBytes(request.value());
                }
                records.add(new ProducerRecord<>(TOPIC, p, null, out.toByteArray()));
            }
        }
        return records;
    }

    private Void produce(Map<String, Object> client, List<ProducerRecord<byte[], byte[]>> records) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "hop-floor-" + UUID.randomUUID());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, batchBytes);
        AtomicReference<Exception> failed = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            long committedAt = System.nanoTime();
            for (ProducerRecord<byte[], byte[]> record : records) {
                producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        failed.compareAndSet(null, error);
                    }
                });
                if (System.nanoTime() - committedAt > COMMIT_EVERY.toNanos()) {
                    producer.commitTransaction();
                    producer.beginTransaction();
                    committedAt = System.nanoTime();
                }
            }
            producer.commitTransaction();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("a record was not acknowledged", failed.get());
        }
        return null;
    }

    private static Long consume(Map<String, Object> client, int expected) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "hop-floor");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000); // Kafka Streams' default
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (read < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("read " + read + " of " + expected + " records in 10 minutes");
                }
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
            read += consumer.poll(Duration.ofMillis(200)).count();
            consumer.commitSync();
        }
        if (read != expected) {
            throw new IllegalStateException("read " + read + " records, " + expected + " were written");
        }
        return read;
    }

    private void print(Stage stage, int count) {
        out.printf("%-40s %8.2f s · %,10.0f requests/s · %6.1f CPU-s (machine) · %5.1f µs CPU a request%n",
                stage.name(), stage.took().toMillis() / 1000.0, count * 1e9 / stage.took().toNanos(),
                stage.cpu().toMillis() / 1000.0, stage.cpu().toNanos() / 1000.0 / count);
    }
}
