package io.vitalink.api.job;

import io.vitalink.api.application.ApplicationService;
import io.vitalink.api.audit.AuditLog;
import io.vitalink.api.audit.AuditSink;
import io.vitalink.api.testing.InMemoryApplicationStore;
import io.vitalink.api.testing.TestApplications;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vitalink.api.intake.Spool;
import io.vitalink.api.intake.UploadFormat;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import io.vitalink.api.store.JobStore;
import io.vitalink.avro.JobState;
import io.vitalink.avro.MatchRequest;
import io.vitalink.crypto.FieldCipher;
import io.vitalink.topic.TopicSerdes;
import io.vitalink.topic.Topics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload pipeline without HTTP or Kafka: parse, validate, spool, publish. */
class JobServiceTest {

    private static final JobOwner OWNER = new JobOwner("centre-a", "alice");

    @TempDir
    Path tmp;
    JobStore store;
    RecordingPublisher publisher;
    static final TopicSerdes SERDES = new TopicSerdes(FieldCipher.ephemeral());
    JobService service;
    final InMemoryApplicationStore applicationStore = new InMemoryApplicationStore();
    /** centre-a has one approved application of every field group; the rules are ApplicationServiceTest's. */
    final ApplicationService applications = new ApplicationService(applicationStore, new AuditLog(new AuditSink() {
        @Override
        public void write(io.vitalink.avro.AuditEvent event) {
        }

        @Override
        public void writeDurably(io.vitalink.avro.AuditEvent event) {
        }
    }));

    @BeforeEach
    void setUp() throws IOException {
        store = JobStore.open(tmp.resolve("store"));
        publisher = new RecordingPublisher();
        applicationStore.save(TestApplications.approved("application-a", "centre-a", TestApplications.ALL_FIELDS));
        service = new JobService(store, publisher, tmp.resolve("spool").toString(), SERDES, applications);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void aSpoolLeftByACrashedRunIsRemovedWhenTheServiceStarts() throws IOException {
        Path leftOver = Files.createDirectories(tmp.resolve("spool").resolve("upload-left-by-a-crash"));
        Files.writeString(leftOver.resolve("requests.bin"), "sealed rows");
        Files.createFile(leftOver.resolve("in-use"));

        new JobService(store, publisher, tmp.resolve("spool").toString(), SERDES, applications);

        assertThat(leftOver).doesNotExist();
    }

    @Test
    void acceptsJsonEnvelopeAndPublishesRecordsInOrder() {
        String jobId = submit(UploadFormat.JSON, """
                {"records":[
                  {"recordId":"r1","idNumber":"A123456789","name":"Chen Mei","sex":"f","birthDate":"1950-01-31"},
                  {"recordId":"r2","idNumber":null,"name":"","sex":null}
                ],"callbackUrl":null}
                """);

        assertThat(publisher.jobId).isEqualTo(jobId);
        assertThat(publisher.requests).extracting(MatchRequest::getRecordId).containsExactly("r1", "r2");
        MatchRequest first = publisher.requests.get(0);
        assertThat(first.getJobId()).isEqualTo(jobId);
        assertThat(first.getSex()).isEqualTo("F");
        assertThat(first.getBirthDate()).isEqualTo(LocalDate.of(1950, 1, 31));
        assertThat(first.getIdNumber()).isEqualTo("A123456789");
        assertThat(publisher.requests.get(1).getName()).isNull();
        assertThat(publisher.keys).containsExactly("r1", "r2");
    }

    @Test
    void spoolsAndPublishesRequestsWithIdAndNameSealed() {
        submit(UploadFormat.CSV, "record_id,id_number,name\nr1,11010519491231002X,Zhang Sanfeng\n");

        String raw = new String(publisher.values.get(0), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("11010519491231002X").doesNotContain("Zhang Sanfeng");
        assertThat(publisher.requests.get(0).getIdNumber()).isEqualTo("11010519491231002X");
    }

    @Test
    void keysARequestWithAValidIdByItsSealedNormalisedIdAsDeathRecordsAreKeyed() {
        // full-width digits and a legacy 15-digit ID normalise to the 18-character ID the death record is keyed by
        submit(UploadFormat.CSV, "record_id,id_number,id_type\n"
                + "r1,１１０１０５１９４９１２３１００２Ｘ,\n"
                + "r2,110105491231002,\n"
                + "r3,E12345678,PASSPORT\n"
                + "r4,110105194912310021,\n"
                + "r5,,\n");

        assertThat(publisher.keys).containsExactly(
                deathRecordKey("11010519491231002X"),
                deathRecordKey("11010519491231002X"),
                deathRecordKey("PASSPORT:E12345678"),
                "r4", // wrong check digit: invalid, keyed by recordId
                "r5");
        assertThat(publisher.keys.get(0)).doesNotContain("11010519491231002X");
    }

    @Test
    void numbersTheRequestsOfAJobInSubmissionOrder() {
        submit(UploadFormat.NDJSON, "{\"recordId\":\"b\"}\n{\"recordId\":\"a\"}\n{\"recordId\":\"c\"}\n");

        assertThat(publisher.requests).extracting(MatchRequest::getSequence).containsExactly(0L, 1L, 2L);
    }

    @Test
    void keepsTheOrderOfAnUploadSealedInManyChunks() {
        StringBuilder csv = new StringBuilder("record_id,name\n");
        for (int i = 0; i < 5000; i++) {
            csv.append("r").append(i).append(",Name ").append(i).append('\n');
        }
        submit(UploadFormat.CSV, csv.toString());

        assertThat(publisher.requests).hasSize(5000);
        for (int i = 0; i < 5000; i++) {
            assertThat(publisher.keys.get(i)).isEqualTo("r" + i);
            assertThat(publisher.requests.get(i).getSequence()).isEqualTo(i);
            assertThat(publisher.requests.get(i).getName()).isEqualTo("Name " + i);
        }
    }

    @Test
    void refusesABadRowAfterManySealedChunksAndPublishesNothing() {
        StringBuilder csv = new StringBuilder("record_id,birth_date\n");
        for (int i = 0; i < 5000; i++) {
            csv.append("r").append(i).append(",1950-01-01\n");
        }
        ApiException e = refused(UploadFormat.CSV, csv.append("bad,1950-02-30\n").toString());

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(e.line()).isEqualTo(5002L);
        assertThat(publisher.jobId).isNull();
        assertThat(tmp.resolve("spool")).isEmptyDirectory();
    }

    /** The bytes TopicSerdes.ids() writes as the key of death-records, as the String the publisher sends. */
    private static String deathRecordKey(String normalisedId) {
        return new String(SERDES.ids().serializer().serialize(Topics.DEATH_RECORDS.name(), normalisedId),
                StandardCharsets.UTF_8);
    }

    @Test
    void passesTheIdTypeOfOtherDocumentsOn() {
        submit(UploadFormat.JSON, "{\"records\":[{\"recordId\":\"r1\",\"idNumber\":\"E12345678\",\"idType\":\"PASSPORT\"}]}");
        submit(UploadFormat.CSV, "record_id,id_number,id_type\nr1,H12345678,HK_MACAO_PERMIT\nr2,11010519491231002X,\n");

        assertThat(publisher.requests).extracting(MatchRequest::getIdType)
                .containsExactly("PASSPORT", "HK_MACAO_PERMIT", null);
    }

    @Test
    void acceptsNdjsonWithBlankLines() {
        submit(UploadFormat.NDJSON, "{\"recordId\":\"r1\",\"sex\":\"M\"}\n\n{\"recordId\":\"r2\"}\n");

        assertThat(publisher.requests).extracting(MatchRequest::getRecordId).containsExactly("r1", "r2");
    }

    @Test
    void acceptsCsvWithBomColumnsInAnyOrderAndQuotedCommas() {
        submit(UploadFormat.CSV, "\uFEFFname,Record_ID,birth_date\r\n\"Lin, Wei\",r1,1960-02-29\r\n\"Wang \"\"Jr\"\"\",r2,\r\n");

        assertThat(publisher.requests).extracting(MatchRequest::getRecordId).containsExactly("r1", "r2");
        assertThat(publisher.requests.get(0).getName()).isEqualTo("Lin, Wei");
        assertThat(publisher.requests.get(0).getBirthDate()).isEqualTo(LocalDate.of(1960, 2, 29));
        assertThat(publisher.requests.get(1).getName()).isEqualTo("Wang \"Jr\"");
        assertThat(publisher.requests.get(1).getBirthDate()).isNull();
    }

    @Test
    void refusesCsvWithoutRecordIdColumn() {
        ApiException e = refused(UploadFormat.CSV, "name,sex\nChen,F\n");

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_BODY);
        assertThat(e.field()).isEqualTo("record_id");
        assertThat(e.line()).isEqualTo(1L);
    }

    @Test
    void refusesCsvWithUnknownColumn() {
        ApiException e = refused(UploadFormat.CSV, "record_id,dob\nr1,1950-01-01\n");

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_BODY);
        assertThat(e.field()).isEqualTo("column 2");
        assertThat(e.getMessage()).contains("column 2", "record_id, id_number").doesNotContain("dob");
    }

    @Test
    void aCsvRecordLongerThan8KiBIsRefusedWithoutQuotingIt() {
        String huge = "x".repeat(8 * 1024 + 1);
        ApiException e = refused(UploadFormat.CSV, "record_id,name\nr1,ok\nr2,\"" + huge + "\"\nr3,ok\n");

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_BODY);
        assertThat(e.getMessage()).contains("near line", "longer than 8192 characters").doesNotContain("xxxx");
        assertThat(refused(UploadFormat.CSV, "record_id,name\n" + huge + ",n\n").getMessage()).contains("longer than");
    }

    @Test
    void aCsvWithoutHeaderLineIsRefusedWithoutQuotingItsFirstRecord() {
        ApiException e = refused(UploadFormat.CSV, "r1,张三,1950-01-01\nr2,李四,1951-02-02\n");

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_BODY);
        assertThat(e.field()).isEqualTo("column 1");
        assertThat(e.getMessage() + e.field()).doesNotContain("r1", "张三", "1950");
    }

    @Test
    void reportsCsvLineOfInvalidDateCountingBlankAndMultiLineRows() {
        ApiException e = refused(UploadFormat.CSV,
                "record_id,name,birth_date\nr1,\"two\nlines\",1950-01-01\n\nr2,x,1950-02-30\n");

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(e.field()).isEqualTo("birth_date");
        assertThat(e.line()).isEqualTo(5L);
    }

    @Test
    void reportsLineOfLastCsvRowWithoutTrailingNewline() {
        ApiException e = refused(UploadFormat.CSV, "record_id,sex\r\nr1,M\r\nr2,Q");

        assertThat(e.field()).isEqualTo("sex");
        assertThat(e.line()).isEqualTo(3L);
    }

    @Test
    void refusesCsvRowWithWrongNumberOfValues() {
        ApiException e = refused(UploadFormat.CSV, "record_id,name\nr1,a\nr2,b,extra\n");

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_BODY);
        assertThat(e.line()).isEqualTo(3L);
    }

    @Test
    void refusesCsvWithUnclosedQuote() {
        ApiException e = refused(UploadFormat.CSV, "record_id,name\nr1,\"open\n");

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_BODY);
    }

    @Test
    void refusesCsvThatIsNotUtf8() {
        byte[] latin1 = "record_id,name\nr1,Jos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> service.submit(UploadFormat.CSV, new ByteArrayInputStream(latin1), OWNER));

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_BODY);
        assertThat(e.getMessage()).contains("UTF-8");
    }

    @Test
    void reportsNdjsonLineAndFieldOfInvalidSex() {
        ApiException e = refused(UploadFormat.NDJSON, "{\"recordId\":\"r1\"}\n{\"recordId\":\"r2\",\"sex\":\"X\"}\n");

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(e.line()).isEqualTo(2L);
        assertThat(e.field()).isEqualTo("sex");
    }

    @Test
    void refusesBlankOrMissingRecordId() {
        assertThat(refused(UploadFormat.NDJSON, "{\"recordId\":\"  \"}").field()).isEqualTo("recordId");
        assertThat(refused(UploadFormat.NDJSON, "{\"name\":\"x\"}").code()).isEqualTo(ErrorCode.INVALID_FIELD);
    }

    @Test
    void refusesTooLongFields() {
        assertThat(refused(UploadFormat.NDJSON, "{\"recordId\":\"r1\",\"name\":\"" + "n".repeat(65) + "\"}").field())
                .isEqualTo("name");
        assertThat(refused(UploadFormat.NDJSON, "{\"recordId\":\"" + "r".repeat(129) + "\"}").field())
                .isEqualTo("recordId");
    }

    @Test
    void refusesUnknownAndNonStringFields() {
        ApiException unknown = refused(UploadFormat.JSON, "{\"records\":[{\"recordId\":\"r1\",\"birth_date\":\"x\"}]}");
        assertThat(unknown.code()).isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(unknown.field()).isEqualTo("birth_date");

        ApiException number = refused(UploadFormat.JSON, "{\"records\":[{\"recordId\":1}]}");
        assertThat(number.field()).isEqualTo("recordId");
    }

    @Test
    void refusesMalformedJsonWithItsLineAndWithoutQuotingIt() {
        ApiException e = refused(UploadFormat.JSON, "{\"records\":[\n{\"recordId\":\"r1\"},\n{\"recordId\": Chen}\n]}");

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_BODY);
        assertThat(e.line()).isEqualTo(3L);
        assertThat(e.getMessage()).doesNotContain("Chen");
    }

    @Test
    void refusesDuplicateRecordIdNamingBothLines() {
        ApiException e = refused(UploadFormat.CSV, "record_id\nr1\nr2\nr1\n");

        assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_RECORD_ID);
        assertThat(e.line()).isEqualTo(4L);
        assertThat(e.field()).isEqualTo("record_id");
        assertThat(e.getMessage()).contains("line 2");
    }

    @Test
    void refusesEmptyJobInEveryFormat() {
        assertThat(refused(UploadFormat.JSON, "{\"records\":[]}").code()).isEqualTo(ErrorCode.EMPTY_JOB);
        assertThat(refused(UploadFormat.JSON, "").code()).isEqualTo(ErrorCode.EMPTY_JOB);
        assertThat(refused(UploadFormat.NDJSON, "\n\n").code()).isEqualTo(ErrorCode.EMPTY_JOB);
        assertThat(refused(UploadFormat.CSV, "record_id,name\n").code()).isEqualTo(ErrorCode.EMPTY_JOB);
        assertThat(refused(UploadFormat.CSV, "").code()).isEqualTo(ErrorCode.EMPTY_JOB);
    }

    @Test
    void publishesNothingAndLeavesNoSpoolWhenALaterRecordIsInvalid() throws IOException {
        refused(UploadFormat.NDJSON, "{\"recordId\":\"r1\"}\n{\"recordId\":\"r2\",\"birthDate\":\"31/01/1950\"}\n");

        assertThat(publisher.jobId).isNull();
        try (var files = Files.list(tmp.resolve("spool"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void refusesAJobPastRecordsPerJobWhileItIsReadAndLeavesNoJobNorSpool() throws IOException {
        JobService limited = new JobService(store, publisher, tmp.resolve("spool").toString(), SERDES,
                new io.vitalink.api.quota.QuotaSettings(1_000, 1_000_000, 4, java.time.Duration.ofMinutes(1)), applications);
        // a body that never ends: only a refusal while reading returns
        java.io.InputStream endless = new java.io.InputStream() {
            private byte[] line = "record_id\n".getBytes(StandardCharsets.US_ASCII);
            private int at;
            private long row;

            @Override
            public int read() {
                if (at == line.length) {
                    line = ("r" + row++ + "\n").getBytes(StandardCharsets.US_ASCII);
                    at = 0;
                }
                return line[at++];
            }
        };

        ApiException e = catchThrowableOfType(ApiException.class, () -> limited.submit(UploadFormat.CSV, endless, OWNER));

        assertThat(e.code()).isEqualTo(ErrorCode.RECORDS_PER_JOB_EXCEEDED);
        assertThat(publisher.jobId).isNull();
        List<String> jobs = new ArrayList<>();
        store.progress().forEach(p -> jobs.add(p.getJobId()));
        assertThat(jobs).isEmpty();
        try (var files = Files.list(tmp.resolve("spool"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void refusesAnUploadBeforeReadingItsBodyWhileKafkaDoesNotAnswer() {
        publisher.availability = () -> {
            throw new ApiException(ErrorCode.KAFKA_UNAVAILABLE, "Kafka does not answer").retryAfter(java.time.Duration.ofSeconds(30));
        };
        java.io.InputStream untouchable = new java.io.InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body was read");
            }
        };

        ApiException e = catchThrowableOfType(ApiException.class, () -> service.submit(UploadFormat.CSV, untouchable, OWNER));

        assertThat(e.code()).isEqualTo(ErrorCode.KAFKA_UNAVAILABLE);
        assertThat(e.retryAfterSeconds()).isEqualTo(30);
        assertThat(publisher.jobId).isNull();
    }

    @Test
    void refusesAnUploadPastTheInstancesInFlightLimitBeforeReadingItsBodyAndFreesTheSlotAfterwards() throws IOException {
        io.vitalink.api.intake.UploadSlots slots = new io.vitalink.api.intake.UploadSlots(1, java.time.Duration.ofSeconds(7));
        JobService limited = new JobService(store, publisher, tmp.resolve("spool").toString(), SERDES,
                (url, organisation) -> url, io.vitalink.api.metrics.ApiMetrics.unregistered(),
                new io.vitalink.api.quota.Quotas(store, io.vitalink.api.quota.QuotaSettings.unlimited(),
                        io.vitalink.api.metrics.ApiMetrics.unregistered()), slots, applications);
        ApiException[] second = new ApiException[1];
        // the second upload arrives while the first one's body is still being read
        java.io.InputStream first = new java.io.ByteArrayInputStream("record_id\nr1\n".getBytes(StandardCharsets.US_ASCII)) {
            private boolean tried;

            @Override
            public synchronized int read(byte[] b, int off, int len) {
                if (!tried) {
                    tried = true;
                    second[0] = catchThrowableOfType(ApiException.class, () -> limited.submit(UploadFormat.CSV,
                            new java.io.ByteArrayInputStream("record_id\nr2\n".getBytes(StandardCharsets.US_ASCII)), OWNER));
                }
                return super.read(b, off, len);
            }
        };

        String accepted = limited.submit(UploadFormat.CSV, first, OWNER);

        assertThat(accepted).isNotNull();
        assertThat(second[0].code()).isEqualTo(ErrorCode.UPLOADS_BUSY);
        assertThat(second[0].retryAfterSeconds()).isEqualTo(7);
        assertThat(slots.available()).as("the slot is free again").isEqualTo(1);
        assertThat(limited.submit(UploadFormat.CSV, new java.io.ByteArrayInputStream(
                "record_id\nr3\n".getBytes(StandardCharsets.US_ASCII)), OWNER)).isNotNull();
    }

    @Test
    void freesTheUploadSlotOfARefusedUpload() {
        io.vitalink.api.intake.UploadSlots slots = new io.vitalink.api.intake.UploadSlots(1, java.time.Duration.ofSeconds(7));
        JobService limited = new JobService(store, publisher, tmp.resolve("spool").toString(), SERDES,
                (url, organisation) -> url, io.vitalink.api.metrics.ApiMetrics.unregistered(),
                new io.vitalink.api.quota.Quotas(store, io.vitalink.api.quota.QuotaSettings.unlimited(),
                        io.vitalink.api.metrics.ApiMetrics.unregistered()), slots, applications);

        catchThrowableOfType(ApiException.class, () -> limited.submit(UploadFormat.CSV,
                new java.io.ByteArrayInputStream(new byte[0]), OWNER));

        assertThat(slots.available()).isEqualTo(1);
    }

    @Test
    void writesPlaceholderProgressWithTheOwnerOnceOpenedIsAcknowledgedAndNotBefore() {
        publisher.beforeOpened = jobId -> assertThat(store.progress().get(jobId)).as("before OPENED is acknowledged").isEmpty();
        publisher.onPublish = jobId -> assertThat(store.progress().get(jobId)).hasValueSatisfying(p -> {
            assertThat(p.getState()).isEqualTo(JobState.RECEIVING);
            assertThat(p.getCreatedAt()).isNotNull();
            assertThat(p.getProcessed()).isZero();
            assertThat(p.getOrganisation()).isEqualTo("centre-a");
            assertThat(p.getSubmittedBy()).isEqualTo("alice");
        });
        String jobId = submit(UploadFormat.NDJSON, "{\"recordId\":\"r1\"}");

        assertThat(publisher.owner).isEqualTo(OWNER.withApplication("application-a", TestApplications.ALL_FIELDS));

        assertThat(service.progress(jobId)).isPresent();
        assertThat(service.progress(jobId.toUpperCase())).isPresent();
        assertThat(service.progress("not-a-uuid")).isEmpty();
    }

    private String submit(UploadFormat format, String body) {
        return service.submit(format, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), OWNER);
    }

    private ApiException refused(UploadFormat format, String body) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> submit(format, body));
        assertThat(e).as("refusal").isNotNull();
        return e;
    }

    static final class RecordingPublisher implements JobPublisher {
        String jobId;
        JobOwner owner;
        final List<String> keys = new ArrayList<>();
        final List<MatchRequest> requests = new ArrayList<>();
        final List<byte[]> values = new ArrayList<>();
        java.util.function.Consumer<String> beforeOpened = id -> { };
        java.util.function.Consumer<String> onPublish = id -> { };
        final List<String> failed = new ArrayList<>();
        Runnable availability = () -> { };

        @Override
        public void ensureAvailable() {
            availability.run();
        }

        @Override
        public void publish(String jobId, JobOwner owner, Spool spool, Runnable opened) {
            beforeOpened.accept(jobId);
            opened.run();
            onPublish.accept(jobId);
            this.jobId = jobId;
            this.owner = owner;
            try {
                spool.forEach((key, value) -> {
                    keys.add(key);
                    values.add(value);
                    requests.add(SERDES.codec(MatchRequest.class).decode(value));
                });
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void cancel(String jobId, String reason) {
            throw new UnsupportedOperationException("not cancelled in these tests");
        }

        @Override
        public void fail(String jobId, String reasonCode, String reason) {
            failed.add(jobId + ":" + reasonCode);
        }
    }
}
