package io.vitalink.loader;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.avro.DeathRecord;
import io.vitalink.topic.Topics;
import io.vitalink.id.IdCheck;
import io.vitalink.id.IdRejection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decisions of one load, without Kafka and without RocksDB. */
class ReconcilerTest {

    private static final Instant LOADED_AT = Instant.parse("2025-06-01T08:30:00Z");
    private static final String A = TestIds.WOMAN_1949;
    private static final String B = TestIds.MAN_1950;
    private static final String C = TestIds.MAN_1962;

    private final Reconciler.Stores stores = MemoryStore.stores();
    private final Reconciler reconciler = new Reconciler(stores, "batch-2", LOADED_AT, TestKeys.SERDES);
    private final List<String> published = new ArrayList<>();
    private final List<DeathRecord> values = new ArrayList<>();

    @TempDir
    Path dir;

    private final Reconciler.Publisher publisher = new Reconciler.Publisher() {
        @Override
        public void upsert(byte[] key, byte[] value) {
            published.add("upsert " + openKey(key));
            values.add(TestKeys.SERDES.value(Topics.DEATH_RECORDS).deserializer().deserialize(Topics.DEATH_RECORDS.name(), value));
        }

        @Override
        public void tombstone(byte[] key) {
            published.add("tombstone " + openKey(key));
            values.add(null);
        }

        /** The topic's key bytes are the sealed ID as UTF-8, exactly as the key serializer writes it. */
        private String openKey(byte[] key) {
            return TestKeys.SERDES.key(Topics.DEATH_RECORDS).deserializer().deserialize(Topics.DEATH_RECORDS.name(), key);
        }
    };

    private static DeathRow death(String id, LocalDate deathDate, String place) {
        return new DeathRow(id, null, null, null, null, deathDate, place, null, null, null);
    }

    private static RowOutcome accepted(String id, LocalDate deathDate, String place) {
        return new RowOutcome.Accepted(death(id, deathDate, place));
    }

    /** What the topic holds: the record of an earlier load, with another batch and load time. */
    private void current(String id, LocalDate deathDate, String place) {
        DeathRecord earlier = Reconciler.toRecord(death(id, deathDate, place), "batch-1", Instant.parse("2024-01-01T00:00:00Z"));
        reconciler.current(TestKeys.CIPHER.sealId(id), TestKeys.SERDES.codec(DeathRecord.class).encode(earlier));
    }

    private static WithdrawalReader.ParsedWithdrawal withdraw(long line, String id) {
        return new WithdrawalReader.ParsedWithdrawal(line, new IdCheck.Valid(id), null);
    }

    private List<String> rejects() throws IOException {
        Path file = dir.resolve("rejects.csv");
        try (RejectWriter writer = new RejectWriter(file)) {
            reconciler.writeRejects(writer);
        }
        return Files.readAllLines(file).subList(1, Files.readAllLines(file).size());
    }

    private void publish() {
        reconciler.publish(publisher, done -> { });
    }

    @Test
    void keepsNoClearIdOrPlaceInTheWorkStore() {
        LocalDate day = LocalDate.of(2024, 1, 5);
        current(A, day, "old-place");
        reconciler.row(2, accepted(B, day, "hospital-ward"));
        reconciler.withdrawal(withdraw(3, C));

        StringBuilder everything = new StringBuilder();
        for (KeyValueStore store : List.of(stores.current(), stores.incoming(), stores.withdrawals())) {
            store.forEach((k, v) -> everything.append(new String(k, StandardCharsets.ISO_8859_1))
                    .append(new String(v, StandardCharsets.ISO_8859_1)));
        }

        assertThat(everything.toString()).isNotEmpty().doesNotContain(A, B, C, "hospital-ward");
    }

    @Test
    void classifiesKeptRowsAsLoadedUpdatedOrUnchangedAgainstTheTopic() {
        LocalDate day = LocalDate.of(2024, 1, 5);
        current(A, day, "home");
        current(B, day, "home");

        reconciler.row(2, accepted(A, day, "home"));       // same content
        reconciler.row(3, accepted(B, day, "hospital"));   // changed
        reconciler.row(4, accepted(C, day, "home"));       // new
        publish();

        assertThat(published).containsExactly(Arrays.stream(TestKeys.inKeyOrder(C, B)).map(id -> "upsert " + id).toArray(String[]::new));
        LoadSummary summary = reconciler.summary(Path.of("r.csv"));
        assertThat(summary.loaded()).isEqualTo(1);
        assertThat(summary.updated()).isEqualTo(1);
        assertThat(summary.unchanged()).isEqualTo(1);
    }

    @Test
    void ignoresBatchAndLoadTimeWhenComparingContent() {
        DeathRecord content = Reconciler.toRecord(death(A, LocalDate.of(2024, 1, 5), "home"), null, Instant.EPOCH);

        assertThat(Reconciler.content(Reconciler.toRecord(death(A, LocalDate.of(2024, 1, 5), "home"), "x", LOADED_AT)))
                .isEqualTo(content)
                .isEqualTo(Reconciler.content(Reconciler.toRecord(death(A, LocalDate.of(2024, 1, 5), "home"), "y", Instant.now())));
    }

    /** Stages one row and publishes: the key and value bytes as published, in that order. */
    private List<byte[]> publishAndKeepTheBytes(DeathRow row) {
        List<byte[]> raw = new ArrayList<>();
        reconciler.row(2, new RowOutcome.Accepted(row));
        reconciler.publish(new Reconciler.Publisher() {
            @Override
            public void upsert(byte[] key, byte[] value) {
                raw.add(key);
                raw.add(value);
                publisher.upsert(key, value);
            }

            @Override
            public void tombstone(byte[] key) {
                publisher.tombstone(key);
            }
        }, done -> { });
        return raw;
    }

    @Test
    void publishesTheStagedSealedBytesWhichOpenToTheCleanedRow() {
        DeathRow row = new DeathRow(A, "王芳", "F", LocalDate.of(1949, 12, 31), 74, LocalDate.of(2024, 1, 5), "home",
                "lung cancer", "C34.9", "hypertension");
        List<byte[]> raw = publishAndKeepTheBytes(row);

        assertThat(published).containsExactly("upsert " + A);
        assertThat(values).containsExactly(Reconciler.toRecord(row, "batch-2", LOADED_AT));
        assertThat(raw).allSatisfy(bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8))
                .doesNotContain(A, "王芳", "lung cancer", "C34.9", "hypertension"));
    }

    @Test
    void sealsTheCertificatesCausesCodesAndNumberLikeTheOtherPersonalFields() {
        Certificate certificate = new Certificate("5天", List.of(new Condition("肺恶性肿瘤", "C34.9", "2年")),
                List.of(new Condition("高血压", "I10", null)), "肺恶性肿瘤", "C34.9", "II", "110105202400123",
                LocalDate.of(2024, 1, 8), "HOME", "110105");
        DeathRow row = new DeathRow(A, null, null, null, null, LocalDate.of(2024, 1, 5), null, "呼吸衰竭", "J96.9", "高血压",
                certificate);
        List<byte[]> raw = publishAndKeepTheBytes(row);

        assertThat(values).containsExactly(Reconciler.toRecord(row, "batch-2", LOADED_AT));
        assertThat(values.get(0).getAntecedentCauses()).hasSize(1);
        assertThat(new String(raw.get(1), StandardCharsets.UTF_8)).contains("HOME")
                .doesNotContain("呼吸衰竭", "肺恶性肿瘤", "高血压", "C34.9", "I10", "2年", "5天", "110105202400123", "110105");
    }

    @Test
    void keepsTheLatestRowAgainstTheTopicWhateverAnEarlierDuplicateLooksLike() {
        LocalDate day = LocalDate.of(2024, 1, 5);
        current(A, day, "home");
        current(B, day, "home");

        reconciler.row(2, accepted(A, day, "home"));        // same as the topic, but a later line wins
        reconciler.row(3, accepted(A, day, "hospital"));
        reconciler.row(4, accepted(B, day, "hospital"));    // changed, but a later line wins
        reconciler.row(5, accepted(B, day, "home"));
        publish();

        assertThat(published).containsExactly("upsert " + A);
        assertThat(values).extracting(DeathRecord::getDeathPlace).containsExactly("hospital");
        LoadSummary summary = reconciler.summary(Path.of("r.csv"));
        assertThat(summary.updated()).isEqualTo(1);
        assertThat(summary.unchanged()).isEqualTo(1);
        assertThat(summary.duplicates()).isEqualTo(2);
    }

    @Test
    void stampsPublishedRecordsWithThisLoadsBatchAndTime() {
        reconciler.row(2, accepted(A, LocalDate.of(2024, 1, 5), "home"));
        publish();

        assertThat(values).singleElement().satisfies(v -> {
            assertThat(v.getSourceBatch()).isEqualTo("batch-2");
            assertThat(v.getLoadedAt()).isEqualTo(LOADED_AT);
            assertThat(v.getDeathPlace()).isEqualTo("home");
        });
    }

    @Test
    void forgetsAKeyWhoseLatestCurrentRecordIsATombstone() {
        current(A, LocalDate.of(2024, 1, 5), "home");
        reconciler.current(TestKeys.CIPHER.sealId(A), null);

        reconciler.row(2, accepted(A, LocalDate.of(2024, 1, 5), "home"));
        publish();

        assertThat(reconciler.summary(Path.of("r.csv")).loaded()).isEqualTo(1);
        assertThat(stores.current().get(TestKeys.CIPHER.sealId(A).getBytes())).isNull();
    }

    @Test
    void takesTheLatestCurrentRecordOfAKey() {
        current(A, LocalDate.of(2024, 1, 5), "home");
        current(A, LocalDate.of(2024, 1, 5), "hospital");

        reconciler.row(2, accepted(A, LocalDate.of(2024, 1, 5), "hospital"));
        publish();

        assertThat(reconciler.summary(Path.of("r.csv")).unchanged()).isEqualTo(1);
    }

    @Test
    void countsAnUndecodableCurrentValueAsPresentWithOtherContent() {
        reconciler.current(TestKeys.CIPHER.sealId(A), new byte[] {(byte) 0xC3, 0x01, 9, 9});

        reconciler.row(2, accepted(A, LocalDate.of(2024, 1, 5), "home"));
        publish();

        assertThat(reconciler.currentUnreadable()).isEqualTo(1);
        assertThat(reconciler.summary(Path.of("r.csv")).updated()).isEqualTo(1);
    }

    @Test
    void keepsTheLatestDeathDateWhateverTheOrderOfTheRows() throws IOException {
        reconciler.row(2, accepted(A, LocalDate.of(2024, 3, 1), "latest"));
        reconciler.row(3, accepted(A, LocalDate.of(2024, 1, 1), "early"));
        reconciler.row(4, accepted(A, LocalDate.of(2024, 2, 1), "middle"));
        publish();

        assertThat(values).extracting(DeathRecord::getDeathPlace).containsExactly("latest");
        assertThat(rejects()).containsExactly(
                "3,VL-3013,Another row with the same ID was kept instead of this one (line 2),file",
                "4,VL-3013,Another row with the same ID was kept instead of this one (line 2),file");
    }

    @Test
    void namesTheFinallyKeptLineInEveryDuplicateReport() throws IOException {
        reconciler.row(2, accepted(A, LocalDate.of(2024, 1, 1), "first"));
        reconciler.row(3, accepted(A, LocalDate.of(2024, 1, 1), "second"));
        reconciler.row(4, accepted(A, LocalDate.of(2024, 1, 1), "third"));
        publish();

        assertThat(values).extracting(DeathRecord::getDeathPlace).containsExactly("third");
        assertThat(rejects()).extracting(line -> line.substring(0, 1) + line.substring(line.indexOf('(')))
                .containsExactly("2(line 4),file", "3(line 4),file");
        assertThat(reconciler.summary(Path.of("r.csv")).duplicates()).isEqualTo(2);
    }

    @Test
    void keepsDuplicatesOfDifferentIdsApartEvenWhenOneIdIsAPrefixOfAnother() throws IOException {
        String shortKey = "PASSPORT:E1234567";
        String longKey = "PASSPORT:E12345678";
        reconciler.row(2, accepted(shortKey, LocalDate.of(2024, 1, 1), "s1"));
        reconciler.row(3, accepted(longKey, LocalDate.of(2024, 1, 1), "l1"));
        reconciler.row(4, accepted(longKey, LocalDate.of(2024, 1, 2), "l2"));
        reconciler.row(5, accepted(shortKey, LocalDate.of(2024, 1, 2), "s2"));
        publish();

        assertThat(published).containsExactlyInAnyOrder("upsert " + shortKey, "upsert " + longKey);
        assertThat(values).extracting(DeathRecord::getDeathPlace).containsExactlyInAnyOrder("s2", "l2");
        assertThat(rejects()).extracting(line -> line.substring(0, 1) + line.substring(line.indexOf('(')))
                .containsExactly("2(line 5),file", "3(line 4),file");
    }

    @Test
    void writesRejectsInLineOrderOfTheExportThenOfTheDeleteFile() throws IOException {
        reconciler.withdrawal(new WithdrawalReader.ParsedWithdrawal(2, new IdCheck.Invalid(IdRejection.BAD_CHECK_DIGIT), null));
        reconciler.withdrawal(withdraw(1, C));
        reconciler.row(5, new RowOutcome.Rejected(Rejection.of(RowRejection.BAD_SEX)));
        reconciler.row(6, accepted(A, LocalDate.of(2024, 1, 1), "kept"));
        reconciler.row(3, new RowOutcome.Rejected(Rejection.of(RowRejection.BAD_AGE)));
        reconciler.row(7, accepted(A, LocalDate.of(2023, 1, 1), "older"));
        publish();

        assertThat(rejects()).extracting(line -> line.substring(0, line.indexOf(',', 2)) + line.substring(line.lastIndexOf(',')))
                .containsExactly("3,VL-3005,file", "5,VL-3004,file", "7,VL-3013,file", "1,VL-3014,delete-file",
                        "2,VL-2005,delete-file");
    }

    @Test
    void withdrawsKeysInTheTopicAndRefusesTheOthers() throws IOException {
        current(A, LocalDate.of(2024, 1, 5), "home");

        reconciler.withdrawal(withdraw(1, A));
        reconciler.withdrawal(withdraw(2, B));
        reconciler.withdrawal(withdraw(3, A));
        publish();

        assertThat(published).containsExactly("tombstone " + A);
        assertThat(rejects()).containsExactly(
                "2,VL-3014,\"The ID to withdraw is not in death-records, nothing to withdraw\",delete-file",
                "3,VL-3013,Another row with the same ID was kept instead of this one (line 1),delete-file");
        LoadSummary summary = reconciler.summary(Path.of("r.csv"));
        assertThat(summary.withdrawalsRead()).isEqualTo(3);
        assertThat(summary.withdrawn()).isEqualTo(1);
        assertThat(summary.duplicates()).isEqualTo(1);
    }

    @Test
    void refusesRowsOfAWithdrawnKeyNamingTheDeleteFileLine() throws IOException {
        current(A, LocalDate.of(2024, 1, 5), "home");
        reconciler.withdrawal(withdraw(4, A));

        reconciler.row(2, accepted(A, LocalDate.of(2024, 1, 5), "home"));
        reconciler.row(3, accepted(A, LocalDate.of(2024, 2, 5), "home"));
        publish();

        assertThat(published).containsExactly("tombstone " + A);
        assertThat(rejects()).extracting(line -> line.substring(0, 9) + line.substring(line.indexOf('(')))
                .containsExactly("2,VL-3015(delete file line 4)\",file", "3,VL-3015(delete file line 4)\",file");
        assertThat(reconciler.summary(Path.of("r.csv")).duplicates()).isZero();
    }

    @Test
    void countsUnreadableDeleteFileLinesAsReadAndRejected() {
        reconciler.withdrawal(new WithdrawalReader.ParsedWithdrawal(1, null, Rejection.of(RowRejection.WRONG_COLUMN_COUNT)));
        publish();

        LoadSummary summary = reconciler.summary(Path.of("r.csv"));
        assertThat(summary.withdrawalsRead()).isEqualTo(1);
        assertThat(summary.rejectedByCode()).isEqualTo(Map.of("VL-3006", 1L));
    }

    @Test
    void reportsProgressOverEveryEntryItGoesThrough() {
        reconciler.row(2, accepted(A, LocalDate.of(2024, 1, 5), "home"));
        reconciler.row(3, accepted(B, LocalDate.of(2024, 1, 5), "home"));
        reconciler.row(4, accepted(B, LocalDate.of(2024, 1, 5), "home"));
        reconciler.row(5, new RowOutcome.Rejected(Rejection.of(RowRejection.BAD_SEX)));
        reconciler.withdrawal(withdraw(1, C));
        List<Long> ticks = new ArrayList<>();

        reconciler.publish(publisher, ticks::add);

        assertThat(reconciler.entriesToPublish()).isEqualTo(4);
        assertThat(ticks).isSorted().last().isEqualTo(4L);
    }

    @Test
    void resolvesManyDuplicatesOfOneIdKeepingTheLatestDeath() throws IOException {
        for (int line = 2; line < 1002; line++) {
            reconciler.row(line, accepted(A, LocalDate.of(2024, 1, 1).plusDays(line % 7 == 0 ? 100 : 0), "row " + line));
        }
        publish();

        // the latest death date is on lines divisible by 7; of those the last, 1001
        assertThat(values).extracting(DeathRecord::getDeathPlace).containsExactly("row 1001");
        assertThat(reconciler.summary(Path.of("r.csv")).duplicates()).isEqualTo(999);
        assertThat(rejects()).hasSize(999).allSatisfy(line -> assertThat(line).contains("(line 1001)"));
    }

    @Test
    void writesOneEntryPerRowAndReadsNothingWhileRowsArrive() {
        CountingStore incoming = new CountingStore();
        Reconciler counting = new Reconciler(new Reconciler.Stores(new MemoryStore(), incoming, new MemoryStore(), new MemoryStore()),
                "b", LOADED_AT, TestKeys.SERDES);

        for (int line = 2; line < 12; line++) {
            counting.row(line, accepted(line % 2 == 0 ? A : B, LocalDate.of(2024, 1, 5), "x"));
        }

        assertThat(incoming.size()).isEqualTo(10);
        assertThat(incoming.reads).isZero();
    }

    /** Counts point reads, which the loader must not need per row. */
    private static final class CountingStore implements KeyValueStore {
        private final MemoryStore store = new MemoryStore();
        private int reads;

        @Override
        public byte[] get(byte[] key) {
            reads++;
            return store.get(key);
        }

        @Override
        public void put(byte[] key, byte[] value) {
            store.put(key, value);
        }

        @Override
        public void delete(byte[] key) {
            store.delete(key);
        }

        @Override
        public Cursor cursor() {
            return store.cursor();
        }

        int size() {
            return store.size();
        }
    }
}
