package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Runs the whole system on sample patients and deaths, then reads back everything it wrote, as raw bytes: every
 * record (key, value, headers) of every topic, internal ones included, every file of the matcher's and the API's
 * RocksDB stores, the loader's reject report and every log line. No resident ID and no name of the test data may
 * occur anywhere. Positive controls prove that the scan does see clear text where clear text is allowed.
 */
@Tag("integration")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NoClearIdentifiersIT {

    private static final long SEED = 11;
    private static final Pattern ID_RUN = Pattern.compile("[0-9]{14,}[0-9Xx]?");
    private static final Pattern HAN_RUN = Pattern.compile("[\\u3400-\\u9fff·]{2,}");

    @TempDir
    static Path dataDir;

    private static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private static LocalStack stack;
    private static Set<String> ids;
    private static Set<String> legacyIds;
    private static Set<String> names;
    private static String jobId;
    private static String watchedJobId;
    private static Path rejectFile;

    @BeforeAll
    static void runAJob() throws Exception {
        logs.start();
        root().addAppender(logs);
        stack = LocalStack.start(new LocalStack.Settings(dataDir, 0, 0, 3));
        stack.approveSampleApplication(); // jobs of the sample centre run under it
        List<SampleDeath> deaths = SampleData.deaths(SEED, 1_000);
        List<SampleRequest> requests = SampleData.requests(SEED, deaths, 300, 120, 20);
        ids = new HashSet<>();
        names = new HashSet<>();
        deaths.forEach(d -> {
            ids.add(d.idNumber());
            names.add(d.name());
        });
        requests.forEach(r -> {
            if (r.idNumber() != null) {
                ids.add(r.idNumber());
            }
            if (r.name() != null) {
                names.add(r.name());
            }
        });

        legacyIds = new HashSet<>();
        ids.stream().filter(id -> id.length() == 18).forEach(id -> legacyIds.add(legacy(id)));

        // a watched cohort submitted before the registry is loaded: its records are kept and linked late
        Path requestsCsv = dataDir.resolve("requests.csv");
        SampleData.writeRequestsCsv(requests, requestsCsv);
        ApiClient api = stack.client(LocalStack.SUBMITTER);
        watchedJobId = api.submitCsv(requestsCsv, "?watchUntil=" + java.time.LocalDate.now().plusYears(1));
        api.awaitCompleted(watchedJobId, Duration.ofMinutes(3));

        Path deathsCsv = dataDir.resolve("deaths.csv");
        SampleData.writeDeathsCsv(deaths, deathsCsv);
        // two refused rows, so that the reject report has lines to scan
        SampleDeath first = deaths.get(0);
        String badCheck = first.idNumber().substring(0, 17) + (first.idNumber().endsWith("0") ? "1" : "0");
        Files.writeString(deathsCsv, first.name() + "," + badCheck + ",男,,,2024-01-01,,,,\n"
                + deaths.get(1).name() + "," + deaths.get(1).idNumber() + ",,,,not-a-date,,,,\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        assertThat(stack.loadDeaths(deathsCsv, "scan").rejected()).isGreaterThanOrEqualTo(2);
        rejectFile = dataDir.resolve("deaths.csv.rejects.csv");
        stack.awaitRegistryIndexed(Duration.ofMinutes(2));

        jobId = api.submitCsv(requestsCsv);
        JsonNode job = api.awaitCompleted(jobId, Duration.ofMinutes(3));
        assertThat(job.path("processed").asLong()).isEqualTo(300);
        assertThat(job.path("matched").asLong() + job.path("matchedWithDiscrepancy").asLong()).isEqualTo(120);
        // the authorised reader gets clear results back
        String results = api.get("/api/v1/jobs/" + jobId + "/results", "application/x-ndjson").body();
        assertThat(results.lines().filter(line -> line.contains("\"linkedIdNumber\":\"") && ids.stream().anyMatch(line::contains)))
                .hasSize(120);
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (api.job(watchedJobId).path("changes").asLong() < 120 && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(api.job(watchedJobId).path("changes").asLong()).as("late links of the watched cohort").isGreaterThanOrEqualTo(120);
    }

    @AfterAll
    static void stop() {
        root().detachAppender(logs);
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(0)
    void theScanFindsAClearIdItsLegacyFormAndAName() {
        String id = ids.stream().filter(i -> i.length() == 18).findFirst().orElseThrow();
        String name = names.iterator().next();
        List<String> findings = new ArrayList<>();

        scan(("x" + id + "y").getBytes(StandardCharsets.UTF_8), "id", findings);
        scan(("0" + legacy(id) + ",").getBytes(StandardCharsets.UTF_8), "legacy id", findings);
        scan(("病人" + name + "死亡").getBytes(StandardCharsets.UTF_8), "name", findings);

        assertThat(findings).containsExactly("id: a test ID", "legacy id: a test ID", "name: a test name");
    }

    @Test
    @Order(1)
    void noTopicHoldsAnIdOrANameInClear() {
        Map<String, Long> recordsByTopic = new TreeMap<>();
        List<String> findings = new ArrayList<>();
        boolean[] recordIdSeen = {false};
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                     // aborted transactions too: bytes that were written count, committed or not
                     ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                     ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
                     new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            List<TopicPartition> partitions = topics.stream().flatMap(t -> consumer.partitionsFor(t).stream())
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    recordsByTopic.merge(record.topic(), 1L, Long::sum);
                    String where = record.topic() + "-" + record.partition() + "@" + record.offset();
                    scan(record.key(), where + " key", findings);
                    scan(record.value(), where + " value", findings);
                    for (Header header : record.headers()) {
                        scan(header.value(), where + " header " + header.key(), findings);
                    }
                    if (record.topic().equals("match-requests") && record.key() != null
                            && new String(record.key(), StandardCharsets.UTF_8).matches("r\\d{5}")) {
                        recordIdSeen[0] = true;
                    }
                }
            }
            assertThat(partitions).allMatch(p -> consumer.position(p) >= end.get(p));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }

        assertThat(recordsByTopic).containsKeys("match-requests", "death-records", "match-results", "job-progress", "audit",
                "vitalink-match-searches-by-block-repartition",
                "vitalink-match-deaths-by-block-repartition", "vitalink-match-death-block-index-store-changelog",
                "vitalink-match-watched-by-id-store-changelog", "vitalink-match-watched-by-block-store-changelog",
                "vitalink-match-watched-deaths-by-block-repartition");
        assertThat(recordsByTopic.get("death-records")).isGreaterThanOrEqualTo(1_000);
        assertThat(recordIdSeen[0]).as("positive control: clear record ids are found").isTrue();
        assertThat(findings).isEmpty();
    }

    /** Last: stops the stack first, so that every store has flushed its memtables to files. */
    @Test
    @Order(4)
    void noStoreFileHoldsAnIdOrANameInClear() throws IOException {
        stack.close();
        List<String> findings = new ArrayList<>();
        boolean[] jobIdSeen = {false};
        for (String dir : List.of("streams", "api-store", "api-spool")) {
            Path root = dataDir.resolve(dir);
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    byte[] bytes = Files.readAllBytes(file);
                    scan(bytes, dataDir.relativize(file).toString(), findings);
                    if (dir.equals("streams") && new String(bytes, StandardCharsets.ISO_8859_1).contains(jobId)) {
                        jobIdSeen[0] = true;
                    }
                }
            }
        }

        assertThat(jobIdSeen[0]).as("positive control: the matcher's stores are not compressed, a clear job id is found").isTrue();
        assertThat(findings).isEmpty();
    }

    @Test
    @Order(2)
    void theRejectReportHoldsNoIdOrName() throws IOException {
        List<String> lines = Files.readAllLines(rejectFile, StandardCharsets.UTF_8);
        List<String> findings = new ArrayList<>();
        scan(Files.readAllBytes(rejectFile), rejectFile.getFileName().toString(), findings);

        assertThat(lines).hasSizeGreaterThanOrEqualTo(3);
        assertThat(findings).isEmpty();
    }

    @Test
    @Order(3)
    void noLogLineHoldsAnIdOrAName() {
        List<String> findings = new ArrayList<>();
        List<ILoggingEvent> events;
        synchronized (logs) {
            events = List.copyOf(logs.list);
        }
        for (ILoggingEvent event : events) {
            String text = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            scan(text.getBytes(StandardCharsets.UTF_8), "log " + event.getLoggerName(), findings);
        }

        assertThat(events).as("positive control: log lines were captured").isNotEmpty();
        assertThat(findings).isEmpty();
    }

    /** Looks for digit runs that hold a test ID (18-character or 15-digit form) and Han runs that hold a test name. */
    private static void scan(byte[] bytes, String where, List<String> findings) {
        if (bytes == null) {
            return;
        }
        Matcher digits = ID_RUN.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
        while (digits.find()) {
            String run = digits.group().toUpperCase();
            for (int i = 0; i + 15 <= run.length(); i++) {
                if (ids.contains(run.substring(i, Math.min(run.length(), i + 18))) || legacyIds.contains(run.substring(i, i + 15))) {
                    findings.add(where + ": a test ID");
                    return;
                }
            }
        }
        Matcher han = HAN_RUN.matcher(new String(bytes, StandardCharsets.UTF_8));
        while (han.find()) {
            String run = han.group();
            if (names.stream().anyMatch(run::contains)) {
                findings.add(where + ": a test name");
                return;
            }
        }
    }

    /** The 15-digit form of an 18-character ID: no century, no check character. */
    private static String legacy(String id) {
        return id.substring(0, 6) + id.substring(8, 17);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
