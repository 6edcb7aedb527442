package io.vitalink.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro single-object encoding: a 2-byte marker, the 8-byte fingerprint of the writer's schema, then
 * Avro binary. Without a schema registry, the reader resolves older writers through the schemas
 * kept in {@code io/vitalink/avro/history/<Name>-v<N>.avsc} (N = 1, 2, ... consecutive).
 *
 * <p>The header is read and written here, the body by Avro's buffered binary decoder and encoder: Avro's own
 * {@code BinaryMessageDecoder} reads through an unbuffered stream decoder, a call per byte, and that was a
 * seventh of the matcher's time. The bytes are the same as Avro's (a test holds both to each other).
 */
public final class SingleObjectAvroCodec<T extends SpecificRecord> implements RecordCodec<T> {

    static final String HISTORY_FOLDER = "io/vitalink/avro/history/";
    private static final String GENERATED_PACKAGE = "io.vitalink.avro.";
    private static final byte[] MARKER = {(byte) 0xC3, 0x01};
    private static final int HEADER_LENGTH = MARKER.length + Long.BYTES;
    private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();
    private static final ThreadLocal<BinaryEncoder> ENCODERS = new ThreadLocal<>();

    static {
        // Avro refuses to instantiate classes it has not been told to trust; ours are generated from our schemas.
        ClassSecurityValidator.ClassSecurityPredicate before = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                before, type -> type.getName().startsWith(GENERATED_PACKAGE)));
    }

    private final Class<T> type;
    private final Schema schema;
    private final SpecificData model;
    private final byte[] header;
    private final SpecificDatumWriter<T> writer;
    /** By the fingerprint of the schema that wrote the bytes: the current one and every older version. */
    private final Map<Long, DatumReader<T>> readers;

    private SingleObjectAvroCodec(Class<T> type) {
        this.type = type;
        this.model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.header = header(schema);
        this.writer = new SpecificDatumWriter<>(schema, model);
        this.readers = readersInto(schema);
    }

    /** A reader for the current schema and one for every older version, each resolving into {@code reader}. */
    private Map<Long, DatumReader<T>> readersInto(Schema reader) {
        Map<Long, DatumReader<T>> byFingerprint = new HashMap<>();
        byFingerprint.put(fingerprint(schema), new SpecificDatumReader<>(schema, reader, model));
        for (Schema older : olderVersions(type)) {
            byFingerprint.putIfAbsent(fingerprint(older), new SpecificDatumReader<>(older, reader, model));
        }
        return byFingerprint;
    }

    public static <T extends SpecificRecord> SingleObjectAvroCodec<T> of(Class<T> type) {
        return new SingleObjectAvroCodec<>(type);
    }

    @Override
    public byte[] encode(T value) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            out.write(header);
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, ENCODERS.get());
            ENCODERS.set(encoder);
            writer.write(value, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public T decode(byte[] bytes) {
        return decode(readers, bytes);
    }

    /**
     * Reads only the schema's leading fields, named in order (a prefix, so that each keeps its position in the
     * generated class); the rest of the bytes is skipped, not decoded. Any version of {@code T} is read.
     *
     * @throws IllegalArgumentException when the names are not the schema's first fields in order
     */
    public RecordProjection<T> leading(String... fields) {
        List<Schema.Field> kept = new ArrayList<>();
        for (int i = 0; i < fields.length; i++) {
            Schema.Field field = i < schema.getFields().size() ? schema.getFields().get(i) : null;
            if (field == null || !field.name().equals(fields[i])) {
                throw new IllegalArgumentException(fields[i] + " is not field " + i + " of " + schema.getFullName());
            }
            kept.add(new Schema.Field(field, field.schema()));
        }
        Schema projection = Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, kept);
        Map<Long, DatumReader<T>> projecting = readersInto(projection);
        return bytes -> decode(projecting, bytes);
    }

    private T decode(Map<Long, DatumReader<T>> byFingerprint, byte[] bytes) {
        if (bytes.length < HEADER_LENGTH || bytes[0] != MARKER[0] || bytes[1] != MARKER[1]) {
            throw new UndecodableException("not a known " + type.getSimpleName() + " schema: no single-object header");
        }
        long fingerprint = ByteBuffer.wrap(bytes, MARKER.length, Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).getLong();
        DatumReader<T> reader = byFingerprint.get(fingerprint);
        if (reader == null) {
            throw new UndecodableException("not a known " + type.getSimpleName() + " schema: fingerprint "
                    + Long.toHexString(fingerprint));
        }
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH,
                    DECODERS.get());
            DECODERS.set(decoder);
            return reader.read(null, decoder);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | ClassCastException
                 | UnsupportedOperationException e) {
            // Avro refuses a length over its system limits with UnsupportedOperationException: corrupt bytes too
            throw new UndecodableException("corrupt " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    private static byte[] header(Schema schema) {
        return ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN)
                .put(MARKER).putLong(fingerprint(schema)).array();
    }

    static List<Schema> olderVersions(Class<?> type) {
        List<Schema> versions = new ArrayList<>();
        ClassLoader loader = type.getClassLoader();
        for (int v = 1; ; v++) {
            String path = HISTORY_FOLDER + type.getSimpleName() + "-v" + v + ".avsc";
            try (InputStream in = loader.getResourceAsStream(path)) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
    }
}
