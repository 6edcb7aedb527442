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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeathLoaderTest {

    private static final Instant START = Instant.parse("2025-06-01T08:30:00.123456Z");
    private static final Clock CLOCK = Clock.fixed(START, ZoneOffset.UTC);
    private static final String DEFAULT_BATCH = "load-20250601T083000Z";
    private static final String W = TestIds.WOMAN_1949;
    private static final String M = TestIds.MAN_1950;
    private static final String M2 = TestIds.MAN_1962;
    private static final String HEADER = "name,id_number,sex,birth_date,age,death_date,death_place,direct_cause,direct_cause_icd10,other_diagnoses\n";

    @TempDir
    Path dir;

    private static MockProducer<String, DeathRecord> mockProducer() {
        return new MockProducer<>(true, null, TestKeys.SERDES.key(Topics.DEATH_RECORDS).serializer(),
                TestKeys.SERDES.value(Topics.DEATH_RECORDS).serializer());
    }

    private Path file(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static final String SAMPLE = HEADER
            + "张三," + W.substring(0, 17) + "x,女,1949-12-31,74,2024-01-05,家中,肺癌,C34.9,\"高血压, 糖尿病\"\n"  // 2
            + "李四," + TestIds.withBadCheck(M) + ",男,1950-03-07,73,2024-02-01,,,,\n"                          // 3
            + "王五," + M + ",1,1950/3/7,,20240201,医院,\"胃癌\n（晚期）\",c169,\n"                                 // 4-5
            + "赵六," + M2 + ",x,,,2024-03-01,,,,\n"                                                            // 6
            + "孙七," + M2 + ",M,,,2024-03-02,,,,\n";                                                           // 7

    private static Map<String, DeathRecord> byKey(List<ProducerRecord<String, DeathRecord>> records) {
        return records.stream().collect(Collectors.toMap(ProducerRecord::key, ProducerRecord::value));
    }

    private static List<String> secrets() {
        return List.of(W, M, M2, TestIds.withBadCheck(M), W.substring(0, 17), M.substring(0, 17), M2.substring(0, 17),
                "张三", "李四", "王五", "赵六", "孙七");
    }

    @Nested
    class FirstLoad {

        @Test
        void producesCleanRowsToDeathRecordsKeyedByTheNormalisedIdInKeyOrder() throws IOException {
            MockProducer<String, DeathRecord> producer = mockProducer();

            LoadSummary summary = DeathLoader.withProducer(() -> producer, TestKeys.CIPHER, CLOCK).load(file("deaths.csv", SAMPLE), LoadOptions.defaults());

            assertThat(summary.read()).isEqualTo(5);
            assertThat(summary.loaded()).isEqualTo(3);
            assertThat(summary.rejected()).isEqualTo(2);
            List<ProducerRecord<String, DeathRecord>> sent = producer.history();
            assertThat(sent).extracting(ProducerRecord::topic).containsOnly(Topics.DEATH_RECORDS.name());
            assertThat(sent).extracting(ProducerRecord::key).containsExactly(TestKeys.inKeyOrder(W, M2, M));
            assertThat(sent).allSatisfy(r -> assertThat(r.value().getIdNumber()).isEqualTo(r.key()));
            assertThat(producer.closed()).isTrue();
        }

        @Test
        void mapsEveryFieldOfACleanRowAndFillsBirthDateAndSexFromTheId() throws IOException {
            MockProducer<String, DeathRecord> producer = mockProducer();

            DeathLoader.withProducer(() -> producer, TestKeys.CIPHER, CLOCK).load(file("deaths.csv", SAMPLE), LoadOptions.defaults());

            Map<String, DeathRecord> sent = byKey(producer.history());
            assertThat(sent.get(W)).isEqualTo(DeathRecord.newBuilder()
                    .setIdNumber(W).setName("张三").setSex("F").setBirthDate(LocalDate.of(1949, 12, 31)).setAge(74)
                    .setDeathDate(LocalDate.of(2024, 1, 5)).setDeathPlace("家中").setDirectCause("肺癌")
                    .setDirectCauseIcd10("C34.9").setOtherDiagnoses("高血压, 糖尿病")
                    .setSourceBatch(DEFAULT_BATCH).setLoadedAt(Instant.parse("2025-06-01T08:30:00.123Z"))
                    .build());
            assertThat(sent.get(M).getDirectCause()).isEqualTo("胃癌\n（晚期）");
            assertThat(sent.get(M).getDirectCauseIcd10()).isEqualTo("C16.9");
            assertThat(sent.get(M).getAge()).isNull();
            assertThat(sent.get(M).getDeathPlace()).isEqualTo("医院");
            assertThat(sent.get(M2).getBirthDate()).isEqualTo(LocalDate.of(1962, 8, 15));
            assertThat(sent.get(M2).getSex()).isEqualTo("M");
        }

        @Test
        void valuesRoundTripThroughTheTopicSerde() throws IOException {
            MockProducer<String, DeathRecord> producer = mockProducer();

            DeathLoader.withProducer(() -> producer, TestKeys.CIPHER, CLOCK).load(file("deaths.csv", SAMPLE), LoadOptions.defaults());

            var serde = TestKeys.SERDES.value(Topics.DEATH_RECORDS);
            for (ProducerRecord<String, DeathRecord> record : producer.history()) {
                byte[] bytes = serde.serializer().serialize(record.topic(), record.value());
                assertThat(serde.deserializer().deserialize(record.topic(), bytes)).isEqualTo(record.value());
                var keys = TestKeys.SERDES.key(Topics.DEATH_RECORDS);
                byte[] key = keys.serializer().serialize(record.topic(), record.key());
                assertThat(new String(key, StandardCharsets.UTF_8)).doesNotContain(record.key());
                assertThat(keys.deserializer().deserialize(record.topic(), key)).isEqualTo(record.key());
            }
        }

        @Test
        void stampsEveryRecordWithTheBatchLabelAndTheSameLoadStart() throws IOException {
            MockProducer<String, DeathRecord> producer = mockProducer();

            LoadSummary summary = DeathLoader.withProducer(() -> producer, TestKeys.CIPHER, CLOCK)
                    .load(file("deaths.csv", SAMPLE), LoadOptions.defaults().withBatchLabel(" registry-2024Q1 "));

            assertThat(summary.batch()).isEqualTo("registry-2024Q1");
            assertThat(producer.history()).extracting(r -> r.value().getSourceBatch()).containsOnly("registry-2024Q1");
            assertThat(producer.history()).extracting(r -> r.value().getLoadedAt())
                    .containsOnly(Instant.parse("2025-06-01T08:30:00.123Z"));
        }

        @Test
        void labelsTheBatchWithTheLoadStartByDefault() throws IOException {
            MockProducer<String, DeathRecord> producer = mockProducer();

            LoadSummary summary = DeathLoader.withProducer(() -> producer, TestKeys.CIPHER, CLOCK).load(file("export-2024.csv", SAMPLE), LoadOptions.defaults());

            assertThat(summary.batch()).isEqualTo(DEFAULT_BATCH);
            assertThat(producer.history()).extracting(r -> r.value().getSourceBatch()).containsOnly(DEFAULT_BATCH);
        }

        @Test
        void loadsAHeaderOnlyFileAsNothing() throws IOException {
            MockProducer<String, DeathRecord> producer = mockProducer();

            LoadSummary summary = DeathLoader.withProducer(() -> producer, TestKeys.CIPHER, CLOCK)
                    .load(file("deaths.csv", "身份证件号码,死亡日期\n"), LoadOptions.defaults().withProgress(true));

            assertThat(summary).isEqualTo(new LoadSummary(DEFAULT_BATCH, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(),
                    dir.resolve("deaths.csv.rejects.csv")));
            assertThat(producer.history()).isEmpty();
        }
    }

    @Nested
    class RejectFile {

        @Test
        void namesLineCodeMessageAndInputButNoIdOrName() throws IOException {
            Path input = file("deaths.csv", SAMPLE);

            LoadSummary summary = DeathLoader.withProducer(DeathLoaderTest::mockProducer, TestKeys.CIPHER, CLOCK).load(input, LoadOptions.defaults());

            assertThat(summary.rejectFile()).isEqualTo(dir.resolve("deaths.csv.rejects.csv"));
            String rejects = Files.readString(summary.rejectFile(), StandardCharsets.UTF_8);
            assertThat(rejects.lines()).containsExactly(
                    "line,reason_code,message,input",
                    "3,VL-2005,The check digit of the resident ID is wrong (GB 11643-1999 MOD 11-2),file",
                    "6,VL-3004,\"The sex is not one of M, F, 男, 女, 1, 2, male, female (or blank)\",file");
            assertThat(summary.rejectedByCode()).containsExactly(Map.entry("VL-2005", 1L), Map.entry("VL-3004", 1L));
            secrets().forEach(secret -> assertThat(rejects).doesNotContain(secret));
        }

        @Test
        void loadsAChineseHeaderedCertificateExportAndRefusesAnInconsistentRowWithoutItsCauses() throws IOException {
            Path input = file("certificates.csv", "身份证件号码,死亡日期,直接死因,直接死因编码,直接死因发病至死亡间隔,"
                    + "死因b,死因b编码,死因b间隔,根本死因,根本死因编码,死亡地点类别,常住地址行政区划代码\n"
                    + W + ",2024-01-05,呼吸衰竭,J96.9,5天,肺恶性肿瘤,C34.9,2年,肺恶性肿瘤,C34.9,家中,110105\n"
                    + M + ",2024-02-01,急性心肌梗死,I21.9,2小时,,,,胃恶性肿瘤,C16.9,医疗卫生机构,110101\n");
            MockProducer<String, DeathRecord> producer = mockProducer();

            LoadSummary summary = DeathLoader.withProducer(() -> producer, TestKeys.CIPHER, CLOCK).load(input, LoadOptions.defaults());

            assertThat(producer.history()).singleElement().satisfies(r -> {
                assertThat(r.value().getAntecedentCauses()).extracting(c -> c.getIcd10()).containsExactly("C34.9");
                assertThat(r.value().getUnderlyingCauseChapter()).isEqualTo("II");
                assertThat(r.value().getDeathPlaceCategory()).isEqualTo("HOME");
            });
            String rejects = Files.readString(summary.rejectFile(), StandardCharsets.UTF_8);
            assertThat(rejects.lines()).hasSize(2).last().asString().startsWith("3,VL-3020,");
            assertThat(rejects).doesNotContain(M, "急性心肌梗死", "胃恶性肿瘤", "I21.9", "C16.9", "110101");
        }

        @Test
        void numbersRejectsAndDuplicatesByTheirLinesAcrossManyStagingBatches() throws IOException {
            // more rows than several staging batches, so that rows are staged on the second thread batch after batch
            int rows = 3 * StagingPipeline.BATCH + 100;
            StringBuilder csv = new StringBuilder("id_number,death_date\n");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                ids.add(TestIds.bornOn(LocalDate.of(1930, 1, 1).plusDays(i), i % 2 == 0));
            }
            for (int i = 0; i < rows; i++) {
                int line = i + 2;
                String id = line == 900 || line == 2500 ? TestIds.withBadCheck(ids.get(i))
                        : line == 3000 ? ids.get(1000 - 2) : ids.get(i);         // line 3000 repeats line 1000's ID
                csv.append(id).append(",2024-01-05\n");
            }
            MockProducer<String, DeathRecord> producer = mockProducer();

            LoadSummary summary = DeathLoader.withProducer(() -> producer, TestKeys.CIPHER, CLOCK)
                    .load(file("deaths.csv", csv.toString()), LoadOptions.defaults());

            assertThat(Files.readAllLines(summary.rejectFile())).containsExactly(
                    "line,reason_code,message,input",
                    "900,VL-2005,The check digit of the resident ID is wrong (GB 11643-1999 MOD 11-2),file",
                    "1000,VL-3013,Another row with the same ID was kept instead of this one (line 3000),file",
                    "2500,VL-2005,The check digit of the resident ID is wrong (GB 11643-1999 MOD 11-2),file");
            assertThat(summary.read()).isEqualTo(rows);
            assertThat(summary.loaded()).isEqualTo(rows - 3);
            assertThat(producer.history()).hasSize(rows - 3);
        }

        @Test
        void numbersRejectsByTheirStartLineAfterMultiLineQuotedFields() throws IOException {
            Path input = file("deaths.csv", "id_number,direct_cause,death_date\n"      // 1
                    + W + ",\"a\nb\nc\",2024-01-05\n"                                   // 2-4
                    + M + ",\"one, two\",\n"                                            // 5: no death date
                    + M2 + ",\"x\r\ny\",2024-13-01\n");                                  // 6-7: bad death date

            LoadSummary summary = DeathLoader.withProducer(DeathLoaderTest::mockProducer, TestKeys.CIPHER, CLOCK).load(input, LoadOptions.defaults());

            assertThat(Files.readAllLines(summary.rejectFile())).containsExactly(
                    "line,reason_code,message,input",
                    "5,VL-3001,The death date is missing,file",
                    "6,VL-3002,\"The death date is not a real date in the form yyyy-MM-dd, yyyy/M/d or yyyyMMdd\",file");
        }

        @Test
        void overwritesTheRejectFileOnEveryRun() throws IOException {
            Path rejects = dir.resolve("out/rejects.csv");
            Files.createDirectories(rejects.getParent());
            Files.writeString(rejects, "old content\n".repeat(100));
            DeathLoader loader = DeathLoader.withProducer(DeathLoaderTest::mockProducer, TestKeys.CIPHER, CLOCK);

            LoadSummary summary = loader.load(file("deaths.csv", "id_number,death_date\n" + W + ",2024-01-05\n"),
                    LoadOptions.defaults().withRejectFile(rejects));

            assertThat(summary.rejectFile()).isEqualTo(rejects);
            assertThat(Files.readAllLines(rejects)).containsExactly("line,reason_code,message,input");
        }

        @Test
        void refusesARejectFileThatIsTheInput() throws IOException {
            Path input = file("deaths.csv", SAMPLE);

            assertThatThrownBy(() -> DeathLoader.withProducer(DeathLoaderTest::mockProducer, TestKeys.CIPHER, CLOCK)
                    .load(input, LoadOptions.defaults().withRejectFile(input)))
                    .isInstanceOfSatisfying(LoadException.class,
                            e -> assertThat(e.failure()).isEqualTo(LoadFailure.REJECT_FILE_NOT_WRITABLE));
            assertThat(Files.readString(input)).isEqualTo(SAMPLE);
        }

        @Test
        void refusesARejectFileThatIsTheDeleteFile() throws IOException {
            Path ids = file("ids.txt", W + "\n");

            assertThatThrownBy(() -> DeathLoader.withProducer(DeathLoaderTest::mockProducer, TestKeys.CIPHER, CLOCK)
                    .withdraw(ids, LoadOptions.defaults().withRejectFile(ids)))
                    .isInstanceOfSatisfying(LoadException.class,
                            e -> assertThat(e.failure()).isEqualTo(LoadFailure.REJECT_FILE_NOT_WRITABLE));
            assertThat(Files.readString(ids)).isEqualTo(W + "\n");
        }
    }

    @Nested
    class LoadingAgain {

        private final FakeTopic topic = new FakeTopic();

        @Test
        void loadingTheSameFileAgainPublishesNothingAndCountsEveryDeathUnchanged() throws IOException {
            Path input = file("deaths.csv", SAMPLE);
            topic.loader(CLOCK).load(input, LoadOptions.defaults().withBatchLabel("first"));

            LoadSummary again = topic.loader(Clock.offset(CLOCK, Duration.ofHours(3)))
                    .load(input, LoadOptions.defaults().withBatchLabel("second"));

            assertThat(again).isEqualTo(new LoadSummary("second", 5, 0, 0, 0, 3, 0, 2, 0,
                    Map.of("VL-2005", 1L, "VL-3004", 1L), dir.resolve("deaths.csv.rejects.csv")));
            assertThat(topic.lastSent()).isEmpty();
            assertThat(topic.table().values()).extracting(DeathRecord::getSourceBatch).containsOnly("first");
        }

        @Test
        void loadingAChangedFilePublishesOnlyNewAndChangedDeaths() throws IOException {
            String newcomer = TestIds.bornOn(LocalDate.of(1940, 5, 6), false);
            topic.loader(CLOCK).load(file("deaths.csv", SAMPLE), LoadOptions.defaults().withBatchLabel("first"));
            Path changed = file("changed.csv", HEADER
                    + "张三," + W + ",女,1949-12-31,74,2024-01-05,医院,肺癌,C34.9,\"高血压, 糖尿病\"\n"  // place changed
                    + "王五," + M + ",1,1950/3/7,,20240201,医院,\"胃癌\n（晚期）\",C16.9,\n"              // same
                    + "孙七," + M2 + ",,,,2024-03-02,,,,\n"                                            // same: sex and birth from the ID
                    + "周八," + newcomer + ",,,,2024-04-01,,,,\n");                                    // new

            LoadSummary summary = topic.loader(CLOCK).load(changed, LoadOptions.defaults().withBatchLabel("second"));

            assertThat(summary.loaded()).isEqualTo(1);
            assertThat(summary.updated()).isEqualTo(1);
            assertThat(summary.unchanged()).isEqualTo(2);
            assertThat(summary.rejected()).isZero();
            assertThat(topic.lastSent()).extracting(ProducerRecord::key).containsExactly(TestKeys.inKeyOrder(newcomer, W));
            assertThat(byKey(topic.lastSent()).get(W).getDeathPlace()).isEqualTo("医院");
            assertThat(byKey(topic.lastSent()).get(W).getSourceBatch()).isEqualTo("second");
            assertThat(topic.table().get(M).getSourceBatch()).isEqualTo("first");
        }

        @Test
        void loadsAnIdWhoseLastRecordIsATombstoneAsNew() throws IOException {
            topic.seed(W, DeathLoader.toRecord(new DeathRow(W, null, "F", null, null, LocalDate.of(2024, 1, 5),
                    null, null, null, null), "old", START)).seed(W, (byte[]) null);

            LoadSummary summary = topic.loader(CLOCK).load(file("deaths.csv", "id_number,death_date\n" + W + ",2024-01-05\n"),
                    LoadOptions.defaults());

            assertThat(summary.loaded()).isEqualTo(1);
            assertThat(summary.updated()).isZero();
        }

        @Test
        void countsAnIdWhoseCurrentValueCannotBeDecodedAsUpdated() throws IOException {
            topic.seed(W, new byte[] {1, 2, 3});

            LoadSummary summary = topic.loader(CLOCK).load(file("deaths.csv", SAMPLE), LoadOptions.defaults());

            assertThat(summary.updated()).isEqualTo(1);
            assertThat(summary.loaded()).isEqualTo(2);
            assertThat(topic.lastSent()).extracting(ProducerRecord::key).containsExactly(TestKeys.inKeyOrder(W, M2, M));
        }
    }

    @Nested
    class Duplicates {

        private final FakeTopic topic = new FakeTopic();

        @Test
        void keepsTheRowWithTheLatestDeathDateAndReportsTheOthersNamingTheLineKept() throws IOException {
            Path input = file("deaths.csv", "id_number,death_date,death_place\n"
                    + W + ",2024-01-05,A\n"      // 2
                    + M + ",2024-01-05,B\n"      // 3
                    + W + ",2024-03-01,C\n"      // 4: kept
                    + W + ",2024-02-01,D\n");    // 5

            LoadSummary summary = topic.loader(CLOCK).load(input, LoadOptions.defaults());

            assertThat(byKey(topic.lastSent()).get(W).getDeathPlace()).isEqualTo("C");
            assertThat(summary.loaded()).isEqualTo(2);
            assertThat(summary.duplicates()).isEqualTo(2);
            assertThat(summary.rejectedByCode()).containsExactly(Map.entry("VL-3013", 2L));
            assertThat(Files.readAllLines(summary.rejectFile())).containsExactly(
                    "line,reason_code,message,input",
                    "2,VL-3013,Another row with the same ID was kept instead of this one (line 4),file",
                    "5,VL-3013,Another row with the same ID was kept instead of this one (line 4),file");
        }

        @Test
        void keepsTheLaterLineOfTwoRowsWithTheSameDeathDate() throws IOException {
            Path input = file("deaths.csv", "id_number,death_date,death_place\n"
                    + W + ",2024-01-05,first\n"
                    + W + ",2024-01-05,correction\n");

            LoadSummary summary = topic.loader(CLOCK).load(input, LoadOptions.defaults());

            assertThat(topic.lastSent()).singleElement().satisfies(r -> assertThat(r.value().getDeathPlace()).isEqualTo("correction"));
            assertThat(Files.readAllLines(summary.rejectFile())).containsExactly(
                    "line,reason_code,message,input",
                    "2,VL-3013,Another row with the same ID was kept instead of this one (line 3),file");
        }

        @Test
        void treatsTheSameIdWrittenDifferentlyAsADuplicate() throws IOException {
            Path input = file("deaths.csv", "id_number,death_date\n"
                    + "110105491231002,2024-01-05\n"               // legacy 15 digits of W
                    + W.substring(0, 17) + "x,2024-01-05\n");

            LoadSummary summary = topic.loader(CLOCK).load(input, LoadOptions.defaults());

            assertThat(summary.duplicates()).isEqualTo(1);
            assertThat(topic.lastSent()).extracting(ProducerRecord::key).containsExactly(W);
        }

        @Test
        void doesNotCountRefusedRowsAsDuplicates() throws IOException {
            Path input = file("deaths.csv", "id_number,death_date,sex\n"
                    + W + ",2024-01-05,x\n"
                    + W + ",2024-01-05,F\n");

            LoadSummary summary = topic.loader(CLOCK).load(input, LoadOptions.defaults());

            assertThat(summary.duplicates()).isZero();
            assertThat(summary.rejectedByCode()).containsExactly(Map.entry("VL-3004", 1L));
            assertThat(summary.loaded()).isEqualTo(1);
        }
    }

    @Nested
    class Withdrawals {

        private final FakeTopic topic = new FakeTopic();

        private void loadSample() throws IOException {
            topic.loader(CLOCK).load(file("deaths.csv", SAMPLE), LoadOptions.defaults().withBatchLabel("first"));
        }

        @Test
        void publishesTombstonesForIdsInTheTopicAndRefusesTheOthers() throws IOException {
            loadSample();
            String unknown = TestIds.bornOn(LocalDate.of(1930, 1, 1), true);
            Path ids = file("ids.txt", W.substring(0, 17) + "x\n"   // 1
                    + "\n"                                            // 2: blank, skipped
                    + M2 + "\n"                                       // 3
                    + "bad\n"                                         // 4
                    + unknown + "\n");                                // 5

            LoadSummary summary = topic.loader(CLOCK).withdraw(ids, LoadOptions.defaults());

            assertThat(summary).isEqualTo(new LoadSummary(DEFAULT_BATCH, 0, 4, 0, 0, 0, 2, 2, 0,
                    Map.of("VL-2002", 1L, "VL-3014", 1L), dir.resolve("ids.txt.rejects.csv")));
            assertThat(topic.lastSent()).extracting(ProducerRecord::key).containsExactly(TestKeys.inKeyOrder(W, M2));
            assertThat(topic.lastSent()).extracting(ProducerRecord::value).containsOnlyNulls();
            assertThat(Files.readAllLines(summary.rejectFile())).containsExactly(
                    "line,reason_code,message,input",
                    "4,VL-2002,A resident ID has 18 characters (or 15 digits in the legacy format),delete-file",
                    "5,VL-3014,\"The ID to withdraw is not in death-records, nothing to withdraw\",delete-file");
            assertThat(Files.readString(summary.rejectFile())).doesNotContain(unknown).doesNotContain(W).doesNotContain(M2);
        }

        @Test
        void aWithdrawnDeathIsLoadedAsNewWhenItComesBack() throws IOException {
            loadSample();
            topic.loader(CLOCK).withdraw(file("ids.txt", W + "\n"), LoadOptions.defaults());

            LoadSummary again = topic.loader(CLOCK).load(file("deaths.csv", SAMPLE), LoadOptions.defaults());

            assertThat(again.loaded()).isEqualTo(1);
            assertThat(again.unchanged()).isEqualTo(2);
            assertThat(topic.lastSent()).extracting(ProducerRecord::key).containsExactly(W);
        }

        @Test
        void withdrawalWinsOverARowOfTheSameLoad() throws IOException {
            loadSample();
            Path ids = file("ids.txt", W + "\n");

            LoadSummary summary = topic.loader(CLOCK).load(file("deaths.csv", SAMPLE), LoadOptions.defaults().withDeleteFile(ids));

            assertThat(summary).isEqualTo(new LoadSummary(DEFAULT_BATCH, 5, 1, 0, 0, 2, 1, 3, 0,
                    Map.of("VL-2005", 1L, "VL-3004", 1L, "VL-3015", 1L), dir.resolve("deaths.csv.rejects.csv")));
            assertThat(topic.lastSent()).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo(W);
                assertThat(r.value()).isNull();
            });
            assertThat(Files.readAllLines(summary.rejectFile())).contains(
                    "2,VL-3015,\"The ID is also in the delete file of this load: the withdrawal wins, the row is not loaded "
                            + "(delete file line 1)\",file");
        }

        @Test
        void anIdOnlyInTheExportOfTheSameLoadIsNeitherLoadedNorWithdrawn() throws IOException {
            Path ids = file("ids.txt", W + "\n");

            LoadSummary summary = topic.loader(CLOCK).load(file("deaths.csv", "id_number,death_date\n" + W + ",2024-01-05\n"),
                    LoadOptions.defaults().withDeleteFile(ids));

            assertThat(topic.lastSent()).isEmpty();
            assertThat(summary.rejectedByCode()).containsExactly(Map.entry("VL-3014", 1L), Map.entry("VL-3015", 1L));
            assertThat(Files.readAllLines(summary.rejectFile())).extracting(line -> line.substring(line.lastIndexOf(',') + 1))
                    .containsExactly("input", "file", "delete-file");
        }

        @Test
        void readsADeleteFileWithHeaderAndIdType() throws IOException {
            topic.seed("PASSPORT:E12345678", DeathLoader.toRecord(new DeathRow("PASSPORT:E12345678", null, null, null, null,
                    LocalDate.of(2024, 1, 5), null, null, null, null), "old", START));
            loadSample();
            Path ids = file("withdraw.csv", "\uFEFF证件类型,身份证件号码,备注\n护照,e1234 5678,registry error\n,\"" + M + "\",\n");

            LoadSummary summary = topic.loader(CLOCK).withdraw(ids, LoadOptions.defaults());

            assertThat(summary.withdrawalsRead()).isEqualTo(2);
            assertThat(summary.withdrawn()).isEqualTo(2);
            assertThat(topic.lastSent()).extracting(ProducerRecord::key).containsExactly(TestKeys.inKeyOrder(M, "PASSPORT:E12345678"));
        }

        @Test
        void keepsTheFirstOfTwoEqualIdsInTheDeleteFile() throws IOException {
            loadSample();

            LoadSummary summary = topic.loader(CLOCK).withdraw(file("ids.txt", W + "\n" + W.substring(0, 17) + "x\n"),
                    LoadOptions.defaults());

            assertThat(summary.withdrawn()).isEqualTo(1);
            assertThat(summary.duplicates()).isEqualTo(1);
            assertThat(Files.readAllLines(summary.rejectFile())).containsExactly(
                    "line,reason_code,message,input",
                    "2,VL-3013,Another row with the same ID was kept instead of this one (line 1),delete-file");
        }

        @Test
        void summaryAccountsForEveryRowAndEveryIdLine() throws IOException {
            loadSample();
            Path ids = file("ids.txt", W + "\nbad\n" + TestIds.bornOn(LocalDate.of(1930, 1, 1), true) + "\n");

            LoadSummary summary = topic.loader(CLOCK).load(file("deaths.csv", SAMPLE + "周八,"
                    + TestIds.bornOn(LocalDate.of(1940, 5, 6), false) + ",,,,2024-04-01,,,,\n"), LoadOptions.defaults().withDeleteFile(ids));

            assertThat(summary.read() + summary.withdrawalsRead()).isEqualTo(9)
                    .isEqualTo(summary.loaded() + summary.updated() + summary.unchanged() + summary.withdrawn() + summary.rejected());
            assertThat(summary.rejectedByCode().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(summary.rejected());
            assertThat(summary.published()).isEqualTo(2).isEqualTo(topic.lastSent().size());
        }

        @Test
        void refusesALoadWithoutExportOrDeleteFile() {
            assertThatThrownBy(() -> topic.loader(CLOCK).load(null, LoadOptions.defaults()))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void failsOnAMissingDeleteFileWithoutConnecting() throws IOException {
            Supplier<Producer<String, DeathRecord>> mustNotConnect = () -> {
                throw new AssertionError("connected");
            };

            assertThatThrownBy(() -> DeathLoader.withProducer(mustNotConnect, TestKeys.CIPHER, CLOCK)
                    .load(file("deaths.csv", SAMPLE), LoadOptions.defaults().withDeleteFile(dir.resolve("nope.txt"))))
                    .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.failure()).isEqualTo(LoadFailure.INPUT_NOT_READABLE))
                    .hasMessageContaining("nope.txt");
        }
    }

    @Nested
    class WorkStore {

        @Test
        void deletesTheWorkDirectoryAfterALoad() throws IOException {
            Path work = dir.resolve("work");

            DeathLoader.withProducer(DeathLoaderTest::mockProducer, TestKeys.CIPHER, CLOCK)
                    .load(file("deaths.csv", SAMPLE), LoadOptions.defaults().withWorkDir(work));

            try (Stream<Path> left = Files.list(work)) {
                assertThat(left).isEmpty();
            }
        }

        @Test
        void deletesTheWorkDirectoryAfterAFailedLoad() throws IOException {
            Path work = dir.resolve("work");
            FakeTopic failing = new FakeTopic();
            CurrentRecords broken = sink -> {
                throw new LoadException(LoadFailure.SNAPSHOT_FAILED, "test");
            };

            assertThatThrownBy(() -> DeathLoader.withClients(failing.producers(), broken, TestKeys.CIPHER, CLOCK)
                    .load(file("deaths.csv", SAMPLE), LoadOptions.defaults().withWorkDir(work)))
                    .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.failure()).isEqualTo(LoadFailure.SNAPSHOT_FAILED));
            try (Stream<Path> left = Files.list(work)) {
                assertThat(left).isEmpty();
            }
        }

        @Test
        void failsWithCodeWhenTheWorkDirectoryCannotBeCreated() throws IOException {
            Path notADirectory = file("plain-file", "x");

            assertThatThrownBy(() -> DeathLoader.withProducer(DeathLoaderTest::mockProducer, TestKeys.CIPHER, CLOCK)
                    .load(file("deaths.csv", SAMPLE), LoadOptions.defaults().withWorkDir(notADirectory)))
                    .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.failure()).isEqualTo(LoadFailure.WORK_STORE_FAILED))
                    .hasMessageContaining("VL-3109");
        }
    }

    @Nested
    class Failures {

        @Test
        void failsWhenKafkaDoesNotAcknowledgeASend() throws IOException {
            MockProducer<String, DeathRecord> producer = new MockProducer<>(false, null,
                    TestKeys.SERDES.key(Topics.DEATH_RECORDS).serializer(), TestKeys.SERDES.value(Topics.DEATH_RECORDS).serializer()) {
                @Override
                public synchronized void flush() {
                    errorNext(new RecordTooLargeException("too large"));
                    super.flush();
                }
            };
            Path input = file("deaths.csv", SAMPLE);

            assertThatThrownBy(() -> DeathLoader.withProducer(() -> producer, TestKeys.CIPHER, CLOCK).load(input, LoadOptions.defaults()))
                    .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.failure()).isEqualTo(LoadFailure.SEND_FAILED))
                    .hasMessageContaining("VL-3106")
                    .hasMessageContaining("RecordTooLargeException")
                    .hasMessageContaining("2 of 3 records sent were acknowledged")
                    .hasMessageNotContaining(W);
            assertThat(producer.closed()).isTrue();
        }

        @Test
        void stopsPublishingAfterTheFirstFailedSend() throws IOException {
            MockProducer<String, DeathRecord> producer = new MockProducer<>(true, null,
                    TestKeys.SERDES.key(Topics.DEATH_RECORDS).serializer(), TestKeys.SERDES.value(Topics.DEATH_RECORDS).serializer()) {
                @Override
                public synchronized java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> send(
                        ProducerRecord<String, DeathRecord> record, org.apache.kafka.clients.producer.Callback callback) {
                    callback.onCompletion(null, new TimeoutException("expired"));
                    return java.util.concurrent.CompletableFuture.failedFuture(new TimeoutException("expired"));
                }
            };
            Path input = file("deaths.csv", SAMPLE);

            assertThatThrownBy(() -> DeathLoader.withProducer(() -> producer, TestKeys.CIPHER, CLOCK).load(input, LoadOptions.defaults()))
                    .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.failure()).isEqualTo(LoadFailure.SEND_FAILED))
                    .hasMessageContaining("stopped publishing after 1 records")
                    .hasMessageContaining("0 of 1 records sent were acknowledged");
        }

        @Test
        void failsFastWhenTheClusterCannotBeReached() throws IOException {
            MockProducer<String, DeathRecord> producer = mockProducer();
            producer.partitionsForException = new TimeoutException("Topic death-records not present in metadata after 20000 ms.");
            Path input = file("deaths.csv", SAMPLE);

            assertThatThrownBy(() -> DeathLoader.withProducer(() -> producer, TestKeys.CIPHER, CLOCK).load(input, LoadOptions.defaults()))
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

            assertThatThrownBy(() -> DeathLoader.withProducer(mustNotConnect, TestKeys.CIPHER, CLOCK).load(dir.resolve("nope.csv"), LoadOptions.defaults()))
                    .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.failure()).isEqualTo(LoadFailure.INPUT_NOT_READABLE))
                    .hasMessageContaining("VL-3101")
                    .hasMessageContaining("nope.csv");
        }

        @Test
        void failsOnAHeaderWithoutRequiredColumnsWithoutConnecting() throws IOException {
            Supplier<Producer<String, DeathRecord>> mustNotConnect = () -> {
                throw new AssertionError("connected");
            };
            Path input = file("deaths.csv", "name,id\n张三," + W + "\n");

            assertThatThrownBy(() -> DeathLoader.withProducer(mustNotConnect, TestKeys.CIPHER, CLOCK).load(input, LoadOptions.defaults()))
                    .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.failure()).isEqualTo(LoadFailure.BAD_HEADER));
            assertThat(dir.resolve("deaths.csv.rejects.csv")).doesNotExist();
        }
    }

    @Nested
    class Config {

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
            assertThatThrownBy(() -> new DeathLoader(Map.of("linger.ms", 5), TestKeys.CIPHER, CLOCK))
                    .isInstanceOfSatisfying(LoadException.class, e -> assertThat(e.failure()).isEqualTo(LoadFailure.BAD_PRODUCER_CONFIG))
                    .hasMessageContaining("bootstrap.servers");
        }

        @Test
        void consumerConfigKeepsConnectionSettingsAndReadsCommittedRecordsWithoutAGroup() {
            Map<String, Object> config = DeathLoader.consumerConfig(DeathLoader.producerConfig(Map.of(
                    "bootstrap.servers", "broker:9092",
                    "security.protocol", "SSL",
                    "ssl.truststore.location", "/etc/vl/trust.p12",
                    "group.id", "someone-else",
                    "isolation.level", "read_uncommitted")));

            assertThat(config)
                    .containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
                    .containsEntry("security.protocol", "SSL")
                    .containsEntry("ssl.truststore.location", "/etc/vl/trust.p12")
                    .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                    .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                    .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "vitalink-death-loader-snapshot")
                    .doesNotContainKeys(ConsumerConfig.GROUP_ID_CONFIG, ProducerConfig.ACKS_CONFIG, ProducerConfig.LINGER_MS_CONFIG,
                            ProducerConfig.COMPRESSION_TYPE_CONFIG, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG);
        }

        @Test
        void consumerConfigKeepsConfigProvidersSoThatItResolvesSecretsAsTheProducerDoes() {
            Map<String, Object> config = DeathLoader.consumerConfig(DeathLoader.producerConfig(Map.of(
                    "bootstrap.servers", "broker:9092",
                    "config.providers", "env",
                    "config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider",
                    "sasl.jaas.config", "${env:KAFKA_JAAS}")));

            assertThat(config)
                    .containsEntry("config.providers", "env")
                    .containsEntry("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider")
                    .containsEntry("sasl.jaas.config", "${env:KAFKA_JAAS}");
        }
    }

    @Test
    void summaryLineHasTheAgreedShape() {
        LoadSummary summary = new LoadSummary("2024Q1", 10000, 3, 9990, 5, 2, 2, 4, 2,
                Map.of("VL-3013", 2L, "VL-2005", 1L, "VL-3014", 1L), Path.of("/data/deaths.csv.rejects.csv"));

        assertThat(summary.summaryLine()).isEqualTo("read 10000, loaded 9990, updated 5, unchanged 2, "
                + "rejected 4 (VL-2005: 1, VL-3013: 2, VL-3014: 1), duplicates 2, withdrawals read 3, withdrawn 2; "
                + "batch 2024Q1; reject file: /data/deaths.csv.rejects.csv");
        assertThat(summary.rejectedByCode().keySet()).containsExactly("VL-2005", "VL-3013", "VL-3014");
        assertThat(summary.published()).isEqualTo(9997);
    }

    @Test
    void summaryLineWithoutRejectsHasNoCodeList() {
        assertThat(new LoadSummary("b", 1, 0, 1, 0, 0, 0, 0, 0, Map.of(), Path.of("r.csv")).summaryLine())
                .isEqualTo("read 1, loaded 1, updated 0, unchanged 0, rejected 0, duplicates 0, withdrawals read 0, "
                        + "withdrawn 0; batch b; reject file: r.csv");
    }
}
