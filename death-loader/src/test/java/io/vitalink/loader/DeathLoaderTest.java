package io.vitalink.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vitalink.avro.DeathRecord;
import io.vitalink.topic.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeathLoaderTest {

    private static final Instant START = Instant.parse("2025-06-01T08:30:00.123456Z");
    private static final Clock CLOCK = Clock.fixed(START, ZoneOffset.UTC);
    private static final String W = TestIds.WOMAN_1949;
    private static final String M = TestIds.MAN_1950;
    private static final String M2 = TestIds.MAN_1962;

    @TempDir
    Path dir;

    private static MockProducer<String, DeathRecord> mockProducer() {
        return new MockProducer<>(true, null, Topics.DEATH_RECORDS.keySerde().serializer(),
                Topics.DEATH_RECORDS.valueSerde().serializer());
    }

    private Path csv(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static final String SAMPLE = "name,id_number,sex,birth_date,age,death_date,death_place,direct_cause,direct_cause_icd10,other_diagnoses\n"
            + "张三," + W.substring(0, 17) + "x,女,1949-12-31,74,2024-01-05,家中,肺癌,C34.9,\"高血压, 糖尿病\"\n"  // 2
            + "李四," + TestIds.withBadCheck(M) + ",男,1950-03-07,73,2024-02-01,,,,\n"                          // 3
            + "王五," + M + ",1,1950/3/7,,20240201,医院,\"胃癌\n（晚期）\",C16.9,\n"                                // 4-5
            + "赵六," + M2 + ",x,,,2024-03-01,,,,\n"                                                            // 6
            + "孙七," + M2 + ",M,,,2024-03-02,,,,\n";                                                           // 7

    @Test
    void producesCleanRowsToDeathRecordsKeyedByTheNormalisedId() throws IOException {
        MockProducer<String, DeathRecord> producer = mockProducer();

        LoadSummary summary = DeathLoader.withProducer(() -> producer, CLOCK).load(csv("deaths.csv", SAMPLE), LoadOptions.defaults());

        assertThat(summary.read()).isEqualTo(5);
        assertThat(summary.loaded()).isEqualTo(3);
        assertThat(summary.rejected()).isEqualTo(2);
        List<ProducerRecord<String, DeathRecord>> sent = producer.history();
        assertThat(sent).extracting(ProducerRecord::topic).containsOnly(Topics.DEATH_RECORDS.name());
        assertThat(sent).extracting(ProducerRecord::key).containsExactly(W, M, M2);
        assertThat(sent).allSatisfy(r -> assertThat(r.value().getIdNumber()).isEqualTo(r.key()));
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void mapsEveryFieldOfACleanRow() throws IOException {
        MockProducer<String, DeathRecord> producer = mockProducer();

        DeathLoader.withProducer(() -> producer, CLOCK).load(csv("deaths.csv", SAMPLE), LoadOptions.defaults());

        DeathRecord first = producer.history().get(0).value();
        assertThat(first).isEqualTo(DeathRecord.newBuilder()
                .setIdNumber(W).setName("张三").setSex("F").setBirthDate(LocalDate.of(1949, 12, 31)).setAge(74)
                .setDeathDate(LocalDate.of(2024, 1, 5)).setDeathPlace("家中").setDirectCause("肺癌")
                .setDirectCauseIcd10("C34.9").setOtherDiagnoses("高血压, 糖尿病")
                .setSourceBatch("deaths.csv").setLoadedAt(Instant.parse("2025-06-01T08:30:00.123Z"))
                .build());
        DeathRecord second = producer.history().get(1).value();
        assertThat(second.getDirectCause()).isEqualTo("胃癌\n（晚期）");
        assertThat(second.getAge()).isNull();
        assertThat(second.getDeathPlace()).isEqualTo("医院");
    }

    @Test
    void valuesRoundTripThroughTheTopicSerde() throws IOException {
        MockProducer<String, DeathRecord> producer = mockProducer();

        DeathLoader.withProducer(() -> producer, CLOCK).load(csv("deaths.csv", SAMPLE), LoadOptions.defaults());

        var serde = Topics.DEATH_RECORDS.valueSerde();
        for (ProducerRecord<String, DeathRecord> record : producer.history()) {
            byte[] bytes = serde.serializer().serialize(record.topic(), record.value());
            assertThat(serde.deserializer().deserialize(record.topic(), bytes)).isEqualTo(record.value());
            byte[] key = Topics.DEATH_RECORDS.keySerde().serializer().serialize(record.topic(), record.key());
            assertThat(new String(key, StandardCharsets.UTF_8)).isEqualTo(record.key());
        }
    }

    @Test
    void stampsEveryRecordWithTheBatchLabelAndTheSameLoadStart() throws IOException {
        MockProducer<String, DeathRecord> producer = mockProducer();

        DeathLoader.withProducer(() -> producer, CLOCK)
                .load(csv("deaths.csv", SAMPLE), LoadOptions.defaults().withBatchLabel("registry-2024Q1"));

        assertThat(producer.history()).extracting(r -> r.value().getSourceBatch()).containsOnly("registry-2024Q1");
        assertThat(producer.history()).extracting(r -> r.value().getLoadedAt())
                .containsOnly(Instant.parse("2025-06-01T08:30:00.123Z"));
    }

    @Test
    void labelsTheBatchWithTheFileNameByDefault() throws IOException {
        MockProducer<String, DeathRecord> producer = mockProducer();

        DeathLoader.withProducer(() -> producer, CLOCK).load(csv("export-2024.csv", SAMPLE), LoadOptions.defaults());

        assertThat(producer.history()).extracting(r -> r.value().getSourceBatch()).containsOnly("export-2024.csv");
    }

    @Test
    void writesRejectFileWithLineCodeAndMessageButNoIdOrName() throws IOException {
        Path input = csv("deaths.csv", SAMPLE);

        LoadSummary summary = DeathLoader.withProducer(DeathLoaderTest::mockProducer, CLOCK).load(input, LoadOptions.defaults());

        assertThat(summary.rejectFile()).isEqualTo(dir.resolve("deaths.csv.rejects.csv"));
        String rejects = Files.readString(summary.rejectFile(), StandardCharsets.UTF_8);
        assertThat(rejects.lines()).containsExactly(
                "line,reason_code,message",
                "3,VL-2005,The check digit of the resident ID is wrong (GB 11643-1999 MOD 11-2)",
                "6,VL-3004,\"The sex is not one of M, F, 男, 女, 1, 2, male, female (or blank)\"");
        for (String secret : List.of(W, M, M2, TestIds.withBadCheck(M), W.substring(0, 17), M.substring(0, 17),
                "张三", "李四", "王五", "赵六", "孙七")) {
            assertThat(rejects).doesNotContain(secret);
        }
    }

    @Test
    void numbersRejectsByTheirStartLineAfterMultiLineQuotedFields() throws IOException {
        Path input = csv("deaths.csv", "id_number,direct_cause,death_date\n"      // 1
                + W + ",\"a\nb\nc\",2024-01-05\n"                                   // 2-4
                + M + ",\"one, two\",\n"                                            // 5: no death date
                + M2 + ",\"x\r\ny\",2024-13-01\n");                                  // 6-7: bad death date

        LoadSummary summary = DeathLoader.withProducer(DeathLoaderTest::mockProducer, CLOCK).load(input, LoadOptions.defaults());

        assertThat(Files.readAllLines(summary.rejectFile())).containsExactly(
                "line,reason_code,message",
                "5,VL-3001,The death date is missing",
                "6,VL-3002,\"The death date is not a real date in the form yyyy-MM-dd, yyyy/M/d or yyyyMMdd\"");
    }

    @Test
    void overwritesTheRejectFileOnEveryRun() throws IOException {
        Path rejects = dir.resolve("out/rejects.csv");
        Files.createDirectories(rejects.getParent());
        Files.writeString(rejects, "old content\n".repeat(100));
        DeathLoader loader = DeathLoader.withProducer(DeathLoaderTest::mockProducer, CLOCK);

        LoadSummary summary = loader.load(csv("deaths.csv", "id_number,death_date\n" + W + ",2024-01-05\n"),
                LoadOptions.defaults().withRejectFile(rejects));

        assertThat(summary.rejectFile()).isEqualTo(rejects);
        assertThat(Files.readAllLines(rejects)).containsExactly("line,reason_code,message");
    }

    @Test
    void loadingTheSameFileTwiceWritesTheSameKeysAndDeathFields() throws IOException {
        Path input = csv("deaths.csv", SAMPLE);
        MockProducer<String, DeathRecord> first = mockProducer();
        MockProducer<String, DeathRecord> second = mockProducer();

        DeathLoader.withProducer(() -> first, CLOCK).load(input, LoadOptions.defaults());
        DeathLoader.withProducer(() -> second, Clock.offset(CLOCK, java.time.Duration.ofHours(3))).load(input, LoadOptions.defaults());

        assertThat(withoutLoadedAt(second.history())).isEqualTo(withoutLoadedAt(first.history()));
        assertThat(second.history().get(0).value().getLoadedAt()).isAfter(first.history().get(0).value().getLoadedAt());
    }

    private static List<Map.Entry<String, DeathRecord>> withoutLoadedAt(List<ProducerRecord<String, DeathRecord>> records) {
        return records.stream()
                .map(r -> Map.entry(r.key(), DeathRecord.newBuilder(r.value()).setLoadedAt(Instant.EPOCH).build()))
                .toList();
    }

    @Test
    void failsWhenKafkaDoesNotAcknowledgeASend() throws IOException {
        MockProducer<String, DeathRecord> producer = new MockProducer<>(false, null,
                Topics.DEATH_RECORDS.keySerde().serializer(), Topics.DEATH_RECORDS.valueSerde().serializer()) {
            @Override
            public synchronized void flush() {
                errorNext(new RecordTooLargeException("too large"));
                super.flush();
            }
        };
        Path input = csv("deaths.csv", SAMPLE);

        assertThatThrownBy(() -> DeathLoader.withProducer(() -> producer, CLOCK).load(input, LoadOptions.defaults()))
                .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.failure()).isEqualTo(LoadFailure.SEND_FAILED))
                .hasMessageContaining("VL-3106")
                .hasMessageContaining("RecordTooLargeException")
                .hasMessageContaining("2 of 3 records sent were acknowledged")
                .hasMessageNotContaining(W);
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void stopsReadingAfterTheFirstFailedSend() throws IOException {
        MockProducer<String, DeathRecord> producer = new MockProducer<>(true, null,
                Topics.DEATH_RECORDS.keySerde().serializer(), Topics.DEATH_RECORDS.valueSerde().serializer()) {
            @Override
            public synchronized java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> send(
                    ProducerRecord<String, DeathRecord> record, org.apache.kafka.clients.producer.Callback callback) {
                callback.onCompletion(null, new TimeoutException("expired"));
                return java.util.concurrent.CompletableFuture.failedFuture(new TimeoutException("expired"));
            }
        };
        Path input = csv("deaths.csv", SAMPLE);

        assertThatThrownBy(() -> DeathLoader.withProducer(() -> producer, CLOCK).load(input, LoadOptions.defaults()))
                .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.failure()).isEqualTo(LoadFailure.SEND_FAILED))
                .hasMessageContaining("stopped after 1 rows");
    }

    @Test
    void failsFastWhenTheClusterCannotBeReached() throws IOException {
        MockProducer<String, DeathRecord> producer = mockProducer();
        producer.partitionsForException = new TimeoutException("Topic death-records not present in metadata after 20000 ms.");
        Path input = csv("deaths.csv", SAMPLE);

        assertThatThrownBy(() -> DeathLoader.withProducer(() -> producer, CLOCK).load(input, LoadOptions.defaults()))
                .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.failure()).isEqualTo(LoadFailure.BROKER_UNREACHABLE))
                .hasMessageContaining("VL-3105");
        assertThat(producer.history()).isEmpty();
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void failsOnAMissingFileWithoutConnecting() {
        Supplier<Producer<String, DeathRecord>> mustNotConnect = () -> {
            throw new AssertionError("connected");
        };

        assertThatThrownBy(() -> DeathLoader.withProducer(mustNotConnect, CLOCK).load(dir.resolve("nope.csv"), LoadOptions.defaults()))
                .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.failure()).isEqualTo(LoadFailure.INPUT_NOT_READABLE))
                .hasMessageContaining("VL-3101")
                .hasMessageContaining("nope.csv");
    }

    @Test
    void failsOnAHeaderWithoutRequiredColumnsWithoutConnecting() throws IOException {
        Supplier<Producer<String, DeathRecord>> mustNotConnect = () -> {
            throw new AssertionError("connected");
        };
        Path input = csv("deaths.csv", "name,id\n张三," + W + "\n");

        assertThatThrownBy(() -> DeathLoader.withProducer(mustNotConnect, CLOCK).load(input, LoadOptions.defaults()))
                .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.failure()).isEqualTo(LoadFailure.BAD_HEADER));
        assertThat(dir.resolve("deaths.csv.rejects.csv")).doesNotExist();
    }

    @Test
    void refusesARejectFileThatIsTheInput() throws IOException {
        Path input = csv("deaths.csv", SAMPLE);

        assertThatThrownBy(() -> DeathLoader.withProducer(DeathLoaderTest::mockProducer, CLOCK)
                .load(input, LoadOptions.defaults().withRejectFile(input)))
                .isInstanceOfSatisfying(LoadException.class,
                        e -> assertThat(e.failure()).isEqualTo(LoadFailure.REJECT_FILE_NOT_WRITABLE));
        assertThat(Files.readString(input)).isEqualTo(SAMPLE);
    }

    @Test
    void loadsAHeaderOnlyFileAsNothing() throws IOException {
        MockProducer<String, DeathRecord> producer = mockProducer();

        LoadSummary summary = DeathLoader.withProducer(() -> producer, CLOCK)
                .load(csv("deaths.csv", "身份证件号码,死亡日期\n"), LoadOptions.defaults().withProgress(true));

        assertThat(summary).isEqualTo(new LoadSummary(0, 0, 0, dir.resolve("deaths.csv.rejects.csv")));
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void producerConfigEnforcesAcksAllAndIdempotenceOverGivenSettings() {
        Map<String, Object> config = DeathLoader.producerConfig(Map.of(
                "bootstrap.servers", "broker:9092",
                "acks", "0",
                "enable.idempotence", "false",
                "compression.type", "zstd",
                "security.protocol", "SSL"));

        assertThat(config)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd")
                .containsEntry("security.protocol", "SSL")
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092");
    }

    @Test
    void producerConfigDefaultsToLz4AndLargeBatches() {
        Map<String, Object> config = DeathLoader.producerConfig(Map.of("bootstrap.servers", "broker:9092"));

        assertThat(config)
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 20)
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000)
                .doesNotContainKeys(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
    }

    @Test
    void producerConfigRequiresBootstrapServers() {
        assertThatThrownBy(() -> new DeathLoader(Map.of("linger.ms", 5), CLOCK))
                .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.failure()).isEqualTo(LoadFailure.BAD_PRODUCER_CONFIG))
                .hasMessageContaining("bootstrap.servers");
    }

    @Test
    void summaryLineHasTheAgreedShape() {
        assertThat(new LoadSummary(10000, 9998, 2, Path.of("/data/deaths.csv.rejects.csv")).summaryLine())
                .isEqualTo("read 10000, loaded 9998, rejected 2 (reject file: /data/deaths.csv.rejects.csv)");
    }
}
