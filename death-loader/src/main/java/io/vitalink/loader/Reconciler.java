package io.vitalink.loader;

import io.vitalink.avro.CauseLine;
import io.vitalink.avro.DeathRecord;
import io.vitalink.id.IdCheck;
import io.vitalink.crypto.FieldCipher;
import io.vitalink.serde.Codecs;
import io.vitalink.topic.TopicSerdes;
import io.vitalink.serde.RecordCodec;
import io.vitalink.serde.UndecodableException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * Decides, for one load, what to publish: plain Java over {@link KeyValueStore}s, no Kafka. Fed in phases:
 * <ol>
 *   <li>{@link #current(String, byte[])} for every record of death-records as it is now (a null value deletes);
 *       only a content hash per key is kept;</li>
 *   <li>{@link #withdrawal(WithdrawalReader.ParsedWithdrawal)} for every line of the delete file;</li>
 *   <li>{@link #row(long, RowOutcome)} for every row of the export;</li>
 *   <li>{@link #publish(Publisher, LongConsumer)}: new and changed deaths are upserted, unchanged ones skipped,
 *       withdrawals of deaths in the topic become tombstones;</li>
 *   <li>{@link #writeRejects(RejectWriter)} and {@link #summary(Path)}.</li>
 * </ol>
 *
 * <p>Rules. A row whose ID is in the delete file is refused (VL-3015): the withdrawal wins. Several clean rows
 * with one ID: the one with the latest death date is kept, and of equal death dates the one on the later line
 * (a later registration corrects an earlier one); every other is refused as a duplicate (VL-3013) naming the line
 * kept. A kept row whose ID is not in the topic is <em>loaded</em>; one whose content differs from the topic's
 * is <em>updated</em>; one with the same content is <em>unchanged</em> and not published. Content is the whole
 * record but {@code sourceBatch} and {@code loadedAt}. In the delete file the first line of an ID is kept and
 * later ones are duplicates; an ID not in the topic is refused (VL-3014); one in the topic is <em>withdrawn</em>.
 *
 * <p>How. A row goes in under {@code sealed ID, 0x00, line} (no sealed ID contains a zero byte), so the rows of
 * one ID end up next to each other, in line order, and sort the same way as the topic's keys, which are the same
 * sealed IDs. Its value is the death day, then either a mark that it equals the topic's record (one point look-up
 * of the topic's hash) or the record exactly as it will be published, its fields sealed as on the topic: every
 * row is sealed at most once and publishing sends the staged bytes. Nothing personal is on disk in clear.
 * {@link #publish} then walks the rows, the withdrawals and the topic's hashes side by side in key order
 * (a sort-merge join): no random reads, and the heap holds one ID's best row at a time, whatever the input size.
 */
final class Reconciler {

    /** The stores of one load: all empty at the start. */
    record Stores(KeyValueStore current, KeyValueStore incoming, KeyValueStore withdrawals, KeyValueStore rejects) {
    }

    /** Where decisions go, as the topic's bytes: the Kafka producer in production, with byte-array serializers. */
    interface Publisher {

        /**
         * @param key the sealed ID as the topic's key bytes
         * @param value the record as the topic's value bytes, its protected fields sealed
         */
        void upsert(byte[] key, byte[] value);

        /** @param key the sealed ID as the topic's key bytes */
        void tombstone(byte[] key);
    }

    /** The hash kept for a current value that cannot be decoded: it never equals a real hash. */
    static final byte[] UNREADABLE = new byte[0];

    /** Plain encoding: what is hashed to compare a row with the topic's record. */
    private static final RecordCodec<DeathRecord> CODEC = Codecs.DEATH_RECORD;
    private static final byte[] NOTHING = new byte[0];
    /** Staged value flags, after the death day: the row equals the topic's record, or its sealed topic value follows. */
    private static final byte SAME_AS_TOPIC = 0;
    private static final byte TO_PUBLISH = 1;
    private static final int STAGED_HEADER = Long.BYTES + 1;
    private static final int LINE_SUFFIX = 1 + Long.BYTES;

    private final Stores stores;
    private final FieldCipher cipher;
    /** The topic's codec: opens the current records' fields, seals those of the records to publish. */
    private final RecordCodec<DeathRecord> sealed;
    private final String batch;
    private final Instant loadedAt;
    private final MessageDigest sha256;
    private final Map<String, Long> rejectedByCode = new TreeMap<>();

    private long read;
    private long withdrawalsRead;
    private long loaded;
    private long updated;
    private long unchanged;
    private long withdrawn;
    private long duplicates;
    private long rejected;
    private long currentUnreadable;
    private long entries;

    /**
     * @param batch written as {@code sourceBatch} on every published record
     * @param loadedAt written as {@code loadedAt} on every published record
     * @param serdes seal what the work store holds: it is keyed by sealed ID (deterministic, so rows of one ID
     *     still sort together and meet the topic's keys) and a staged row is the topic's value, sealed as published
     */
    Reconciler(Stores stores, String batch, Instant loadedAt, TopicSerdes serdes) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.cipher = serdes.cipher();
        this.sealed = serdes.codec(DeathRecord.class);
        this.batch = Objects.requireNonNull(batch, "batch");
        this.loadedAt = Objects.requireNonNull(loadedAt, "loadedAt");
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    // ---- phase 1: what the topic holds now

    /** One record of death-records, in offset order per key: its key as stored (a sealed ID) and its value, or null for a tombstone. */
    void current(String key, byte[] value) {
        byte[] k = utf8(key);
        if (value == null) {
            stores.current().delete(k);
            return;
        }
        byte[] hash;
        try {
            hash = hash(CODEC.encode(content(sealed.decode(value))));
        } catch (UndecodableException e) {
            currentUnreadable++;
            hash = UNREADABLE;
        }
        stores.current().put(k, hash);
    }

    /** How many current values could not be decoded: their keys count as present with an unknown content. */
    long currentUnreadable() {
        return currentUnreadable;
    }

    // ---- phase 2: the delete file

    void withdrawal(WithdrawalReader.ParsedWithdrawal line) {
        withdrawalsRead++;
        if (line.unreadable() != null) {
            reject(Input.DELETE_FILE, line.line(), line.unreadable());
        } else if (line.id() instanceof IdCheck.Invalid invalid) {
            reject(Input.DELETE_FILE, line.line(), Rejection.of(invalid.reason()));
        } else {
            stores.withdrawals().put(lineKey(utf8(cipher.sealId(((IdCheck.Valid) line.id()).id())), line.line()), NOTHING);
            entries++;
        }
    }

    // ---- phase 3: the export

    void row(long line, RowOutcome outcome) {
        read++;
        if (outcome instanceof RowOutcome.Rejected rejection) {
            reject(Input.FILE, line, rejection.reason());
            return;
        }
        DeathRow row = ((RowOutcome.Accepted) outcome).row();
        byte[] id = utf8(cipher.sealId(row.idNumber()));
        // a row equal to the topic's record is never published: nothing of it to seal (one look-up, no AEAD)
        byte[] currentHash = stores.current().get(id);
        boolean same = currentHash != null && Arrays.equals(currentHash, hash(CODEC.encode(toRecord(row, null, Instant.EPOCH))));
        // otherwise staged as it will be published, sealed once: publishing then opens and seals nothing again
        byte[] topicValue = same ? NOTHING : sealed.encode(toRecord(row, batch, loadedAt));
        byte[] value = ByteBuffer.allocate(STAGED_HEADER + topicValue.length).putLong(row.deathDate().toEpochDay())
                .put(same ? SAME_AS_TOPIC : TO_PUBLISH).put(topicValue).array();
        stores.incoming().put(lineKey(id, line), value);
        entries++;
    }

    // ---- phase 4: publish

    /** How many entries {@link #publish} goes through: clean rows of the export plus valid IDs of the delete file. */
    long entriesToPublish() {
        return entries;
    }

    /**
     * Publishes the decisions in key order: for each ID, the kept row if new or changed, or a tombstone if
     * withdrawn.
     *
     * @param progress told the number of entries gone through, now and then
     */
    void publish(Publisher publisher, LongConsumer progress) {
        try (KeyValueStore.Cursor rows = stores.incoming().cursor();
             KeyValueStore.Cursor withdrawals = stores.withdrawals().cursor();
             KeyValueStore.Cursor current = stores.current().cursor()) {
            rows.seekToFirst();
            withdrawals.seekToFirst();
            current.seekToFirst();
            long[] done = {0};
            while (rows.valid() || withdrawals.valid()) {
                byte[] id = smaller(rows.valid() ? idOf(rows.key()) : null, withdrawals.valid() ? idOf(withdrawals.key()) : null);
                long withdrawalLine = withdrawalsOf(id, withdrawals, done);
                byte[] currentHash = seekCurrent(id, current);
                if (rows.valid() && Arrays.equals(idOf(rows.key()), id)) {
                    if (withdrawalLine > 0) {
                        refuseWithdrawnRows(id, rows, withdrawalLine, done);
                    } else {
                        keepOneRow(id, rows, currentHash, publisher, done);
                    }
                }
                if (withdrawalLine > 0) {
                    if (currentHash != null) {
                        withdrawn++;
                        publisher.tombstone(id);
                    } else {
                        reject(Input.DELETE_FILE, withdrawalLine, Rejection.of(RowRejection.WITHDRAWAL_NOT_FOUND));
                    }
                }
                progress.accept(done[0]);
            }
        }
    }

    /** Consumes the withdrawals of {@code id}: the first line is kept, later ones are duplicates. Returns it, or 0. */
    private long withdrawalsOf(byte[] id, KeyValueStore.Cursor withdrawals, long[] done) {
        long kept = 0;
        for (; withdrawals.valid() && Arrays.equals(idOf(withdrawals.key()), id); withdrawals.next()) {
            long line = lineOf(withdrawals.key());
            if (kept == 0) {
                kept = line;
            } else {
                duplicates++;
                reject(Input.DELETE_FILE, line, Rejection.of(RowRejection.DUPLICATE, "line " + kept));
            }
            done[0]++;
        }
        return kept;
    }

    /** Moves {@code current} to {@code id}; returns its hash, or null when the topic does not hold it. */
    private static byte[] seekCurrent(byte[] id, KeyValueStore.Cursor current) {
        while (current.valid() && Arrays.compareUnsigned(current.key(), id) < 0) {
            current.next();
        }
        return current.valid() && Arrays.equals(current.key(), id) ? current.value() : null;
    }

    private void refuseWithdrawnRows(byte[] id, KeyValueStore.Cursor rows, long withdrawalLine, long[] done) {
        for (; rows.valid() && Arrays.equals(idOf(rows.key()), id); rows.next()) {
            reject(Input.FILE, lineOf(rows.key()), Rejection.of(RowRejection.WITHDRAWN_IN_SAME_LOAD, "delete file line " + withdrawalLine));
            done[0]++;
        }
    }

    /**
     * Keeps the row of {@code id} with the latest death date, of equal ones the latest line (rows come in line
     * order, so a later row with an equal date wins), refuses the others naming it, and publishes it if new or
     * changed. Two passes over the ID's rows when it has duplicates, so that only the best row is held.
     */
    private void keepOneRow(byte[] id, KeyValueStore.Cursor rows, byte[] currentHash, Publisher publisher, long[] done) {
        long bestLine = 0;
        long bestDay = Long.MIN_VALUE;
        byte[] best = null;
        int count = 0;
        for (; rows.valid() && Arrays.equals(idOf(rows.key()), id); rows.next()) {
            byte[] value = rows.value();
            long day = ByteBuffer.wrap(value).getLong();
            if (day >= bestDay) {
                bestDay = day;
                bestLine = lineOf(rows.key());
                best = value;
            }
            count++;
            done[0]++;
        }
        if (count > 1) {
            duplicates += count - 1;
            for (rows.seek(lineKey(id, 0)); rows.valid() && Arrays.equals(idOf(rows.key()), id); rows.next()) {
                long line = lineOf(rows.key());
                if (line != bestLine) {
                    reject(Input.FILE, line, Rejection.of(RowRejection.DUPLICATE, "line " + bestLine));
                }
            }
        }
        if (best[Long.BYTES] == SAME_AS_TOPIC) {
            unchanged++;
            return;
        }
        if (currentHash == null) {
            loaded++;
        } else {
            updated++;
        }
        publisher.upsert(id, Arrays.copyOfRange(best, STAGED_HEADER, best.length));
    }

    // ---- phase 5: report

    /** Writes every refusal, the export's lines first, each input in line order. */
    void writeRejects(RejectWriter writer) {
        Input[] inputs = Input.values();
        stores.rejects().forEach((k, v) -> {
            ByteBuffer key = ByteBuffer.wrap(k);
            Input input = inputs[key.get()];
            long line = key.getLong();
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(v))) {
                writer.write(input, line, new Rejection(in.readUTF(), in.readUTF()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    LoadSummary summary(Path rejectFile) {
        return new LoadSummary(batch, read, withdrawalsRead, loaded, updated, unchanged, withdrawn, rejected, duplicates,
                rejectedByCode, rejectFile);
    }

    // ---- content

    /** The Avro value of a clean row: idNumber is the key. */
    static DeathRecord toRecord(DeathRow row, String batch, Instant loadedAt) {
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
                .setDirectCauseInterval(row.certificate().directCauseInterval())
                .setAntecedentCauses(causeLines(row.certificate().antecedentCauses()))
                .setOtherConditions(causeLines(row.certificate().otherConditions()))
                .setUnderlyingCause(row.certificate().underlyingCause())
                .setUnderlyingCauseIcd10(row.certificate().underlyingCauseIcd10())
                .setUnderlyingCauseChapter(row.certificate().underlyingCauseChapter())
                .setCertificateNumber(row.certificate().certificateNumber())
                .setReportDate(row.certificate().reportDate())
                .setDeathPlaceCategory(row.certificate().deathPlaceCategory())
                .setResidenceRegion(row.certificate().residenceRegion())
                .setSourceBatch(batch)
                .setLoadedAt(loadedAt)
                .build();
    }

    private static List<CauseLine> causeLines(List<Condition> conditions) {
        return conditions == null ? null : conditions.stream()
                .map(c -> new CauseLine(c.text(), c.icd10(), c.interval())).toList();
    }

    /** What is compared between loads: the record without {@code sourceBatch} and with {@code loadedAt} at the epoch. */
    static DeathRecord content(DeathRecord record) {
        return DeathRecord.newBuilder(record).setSourceBatch(null).setLoadedAt(Instant.EPOCH).build();
    }

    private byte[] hash(byte[] encodedContent) {
        return sha256.digest(encodedContent);
    }

    private void reject(Input input, long line, Rejection reason) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + reason.message().length() * 3);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(reason.code());
            out.writeUTF(reason.message());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] key = ByteBuffer.allocate(1 + Long.BYTES).put((byte) input.ordinal()).putLong(line).array();
        stores.rejects().put(key, bytes.toByteArray());
        rejected++;
        rejectedByCode.merge(reason.code(), 1L, Long::sum);
    }

    /** ID, a zero byte, the line (big-endian): sorts an ID's entries together, in line order, and like the bare IDs. */
    static byte[] lineKey(byte[] id, long line) {
        return ByteBuffer.allocate(id.length + LINE_SUFFIX).put(id).put((byte) 0).putLong(line).array();
    }

    private static byte[] idOf(byte[] lineKey) {
        return Arrays.copyOf(lineKey, lineKey.length - LINE_SUFFIX);
    }

    private static long lineOf(byte[] lineKey) {
        return ByteBuffer.wrap(lineKey, lineKey.length - Long.BYTES, Long.BYTES).getLong();
    }

    private static byte[] smaller(byte[] a, byte[] b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return Arrays.compareUnsigned(a, b) <= 0 ? a : b;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

}
