package io.vitalink.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro single-object encoding: a 2-byte marker, the 8-byte fingerprint of the writer's schema, then
 * Avro binary. Without a schema registry, the reader resolves older writers through the schemas
 * kept in {@code io/vitalink/avro/history/<Name>-v<N>.avsc} (N = 1, 2, ... consecutive).
 */
public final class SingleObjectAvroCodec<T extends SpecificRecord> implements RecordCodec<T> {

    static final String HISTORY_FOLDER = "io/vitalink/avro/history/";
    private static final String GENERATED_PACKAGE = "io.vitalink.avro.";

    static {
        // Avro refuses to instantiate classes it has not been told to trust; ours are generated from our schemas.
        ClassSecurityValidator.ClassSecurityPredicate before = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                before, type -> type.getName().startsWith(GENERATED_PACKAGE)));
    }

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private SingleObjectAvroCodec(Class<T> type) {
        this.type = type;
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        SchemaStore.Cache history = new SchemaStore.Cache();
        olderVersions(type).forEach(history::addSchema);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema, history);
    }

    public static <T extends SpecificRecord> SingleObjectAvroCodec<T> of(Class<T> type) {
        return new SingleObjectAvroCodec<>(type);
    }

    @Override
    public byte[] encode(T value) {
        try {
            ByteBuffer buffer = encoder.encode(value);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public T decode(byte[] bytes) {
        try {
            return decoder.decode(bytes);
        } catch (MissingSchemaException | BadHeaderException e) {
            throw new UndecodableException("not a known " + type.getSimpleName() + " schema: " + e.getMessage(), e);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | ClassCastException e) {
            throw new UndecodableException("corrupt " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
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
