package io.vitalink.crypto;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Seals and opens the fields of a record that its schema marks {@code "protection": "deterministic"} or
 * {@code "protection": "randomized"}, including fields of nested records and of records in arrays. The schema is the single list of
 * what is personal. Sealing returns a copy: a record handed to a serializer may still be in use.
 */
public final class RecordProtection {

    /** The schema property naming how a string field is protected. */
    public static final String PROPERTY = "protection";

    private final FieldCipher cipher;
    private final Map<Schema, Plan> plans = new ConcurrentHashMap<>();

    public RecordProtection(FieldCipher cipher) {
        this.cipher = cipher;
    }

    public FieldCipher cipher() {
        return cipher;
    }

    /** A copy of {@code record} with every protected field sealed. */
    public <T extends SpecificRecord> T seal(T record) {
        return transform(record, true);
    }

    /** A copy of {@code record} with every protected field opened. */
    public <T extends SpecificRecord> T open(T record) {
        return transform(record, false);
    }

    @SuppressWarnings("unchecked")
    private <T extends SpecificRecord> T transform(T record, boolean seal) {
        if (record == null) {
            return null;
        }
        Plan plan = plans.computeIfAbsent(record.getSchema(), schema -> plan(schema, record.getClass()));
        if (plan.isEmpty()) {
            return record;
        }
        T copy = (T) plan.newInstance();
        int fields = record.getSchema().getFields().size();
        for (int i = 0; i < fields; i++) {
            copy.put(i, record.get(i));
        }
        for (Protected field : plan.fields()) {
            String value = (String) record.get(field.position());
            copy.put(field.position(), switch (field.kind()) {
                case DETERMINISTIC -> seal ? cipher.sealId(value) : cipher.openId(value);
                case RANDOMIZED -> seal ? cipher.seal(value, field.name()) : cipher.open(value, field.name());
            });
        }
        for (int position : plan.nested()) {
            copy.put(position, transform((SpecificRecord) record.get(position), seal));
        }
        for (int position : plan.arrays()) {
            copy.put(position, transformAll((List<?>) record.get(position), seal));
        }
        return copy;
    }

    private List<SpecificRecord> transformAll(List<?> records, boolean seal) {
        if (records == null) {
            return null;
        }
        List<SpecificRecord> copies = new ArrayList<>(records.size());
        for (Object element : records) {
            copies.add(transform((SpecificRecord) element, seal));
        }
        return copies;
    }

    /** The protected fields of a record schema, and the positions of record-typed fields to descend into. */
    static Plan plan(Schema schema, Class<?> type) {
        List<Protected> fields = new ArrayList<>();
        List<Integer> nested = new ArrayList<>();
        List<Integer> arrays = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            String kind = field.getProp(PROPERTY);
            if (kind != null) {
                if (!carriesString(field.schema())) {
                    throw new IllegalArgumentException(schema.getName() + "." + field.name() + " is protected but not a string");
                }
                fields.add(new Protected(field.pos(), field.name(), Kind.of(kind, schema.getName() + "." + field.name())));
            } else if (carriesRecord(field.schema())) {
                Plan inner = plan(recordOf(field.schema()), null);
                if (!inner.isEmpty()) {
                    nested.add(field.pos());
                }
            } else if (arrayOf(field.schema()) != null && carriesRecord(arrayOf(field.schema()).getElementType())) {
                Plan inner = plan(recordOf(arrayOf(field.schema()).getElementType()), null);
                if (!inner.isEmpty()) {
                    arrays.add(field.pos());
                }
            }
        }
        try {
            // generated classes have a public no-argument constructor; Avro's own factory would re-check class trust
            return new Plan(List.copyOf(fields), List.copyOf(nested), List.copyOf(arrays), type == null ? null : type.getConstructor());
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type + " is not a generated Avro class", e);
        }
    }

    private static boolean carriesString(Schema schema) {
        return schema.getType() == Schema.Type.STRING || schema.getType() == Schema.Type.UNION
                && schema.getTypes().stream().allMatch(s -> s.getType() == Schema.Type.STRING || s.getType() == Schema.Type.NULL);
    }

    private static boolean carriesRecord(Schema schema) {
        return recordOf(schema) != null;
    }

    private static Schema arrayOf(Schema schema) {
        if (schema.getType() == Schema.Type.ARRAY) {
            return schema;
        }
        if (schema.getType() == Schema.Type.UNION) {
            return schema.getTypes().stream().filter(s -> s.getType() == Schema.Type.ARRAY).findFirst().orElse(null);
        }
        return null;
    }

    private static Schema recordOf(Schema schema) {
        if (schema.getType() == Schema.Type.RECORD) {
            return schema;
        }
        if (schema.getType() == Schema.Type.UNION) {
            return schema.getTypes().stream().filter(s -> s.getType() == Schema.Type.RECORD).findFirst().orElse(null);
        }
        return null;
    }

    enum Kind {
        DETERMINISTIC, RANDOMIZED;

        static Kind of(String value, String field) {
            return switch (value) {
                case "deterministic" -> DETERMINISTIC;
                case "randomized" -> RANDOMIZED;
                default -> throw new IllegalArgumentException(field + ": unknown protection " + value);
            };
        }
    }

    record Protected(int position, String name, Kind kind) {
    }

    record Plan(List<Protected> fields, List<Integer> nested, List<Integer> arrays, Constructor<?> constructor) {
        boolean isEmpty() {
            return fields.isEmpty() && nested.isEmpty() && arrays.isEmpty();
        }

        Object newInstance() {
            try {
                return constructor.newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot copy " + constructor.getDeclaringClass(), e);
            }
        }
    }
}
