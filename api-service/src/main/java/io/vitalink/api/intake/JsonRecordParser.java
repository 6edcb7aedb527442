package io.vitalink.api.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Streams records out of a JSON envelope {@code {"records":[...],"callbackUrl":...}} or out of NDJSON
 * (one record object per line) with Jackson's token parser: one record in memory at a time.
 * Unknown fields are refused so that a misspelt field never silently drops data.
 */
final class JsonRecordParser {

    /** No value or name of a record comes near these; they bound what one token may hold in memory. */
    static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxStringLength(64 * 1024).maxNameLength(1024).maxNestingDepth(64).maxNumberLength(64).build();

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(LIMITS)
            .build();

    private JsonRecordParser() {
    }

    static void parseEnvelope(InputStream body, RecordSink sink) throws IOException {
        try (JsonParser p = JSON.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return; // empty body: an empty job
            }
            if (first != JsonToken.START_OBJECT) {
                throw malformed(p, "The body must be a JSON object with a records array", null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "records" -> {
                        if (value == JsonToken.VALUE_NULL) {
                            continue;
                        }
                        if (value != JsonToken.START_ARRAY) {
                            throw malformed(p, "records must be an array", "records");
                        }
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            sink.accept(readRecord(p));
                        }
                    }
                    case "callbackUrl" -> {
                        if (value != JsonToken.VALUE_NULL && value != JsonToken.VALUE_STRING) {
                            throw malformed(p, "callbackUrl must be a string or null", "callbackUrl");
                        }
                        if (value == JsonToken.VALUE_STRING) {
                            sink.callbackUrl(p.getText());
                        }
                    }
                    case "watch" -> readWatch(p, value, sink);
                    default -> throw malformed(p, "Unknown field " + shorten(name), shorten(name));
                }
            }
            if (p.nextToken() != null) {
                throw malformed(p, "Unexpected content after the JSON object", null);
            }
        } catch (JsonProcessingException | CharConversionException e) {
            throw malformedJson(e);
        }
    }

    /** {@code "watch": {"until": "2031-12-31"}} or null. */
    private static void readWatch(JsonParser p, JsonToken value, RecordSink sink) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return;
        }
        if (value != JsonToken.START_OBJECT) {
            throw malformed(p, "watch must be an object such as {\"until\":\"2031-12-31\"}", "watch");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken until = p.nextToken();
            if (!field.equals("until") || until != JsonToken.VALUE_STRING) {
                throw malformed(p, "watch has one field, until, a date such as 2031-12-31", "watch");
            }
            sink.watchUntil(p.getText());
        }
    }

    static void parseLines(InputStream body, RecordSink sink) throws IOException {
        try (JsonParser p = JSON.createParser(body)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                sink.accept(readRecord(p));
            }
        } catch (JsonProcessingException | CharConversionException e) {
            throw malformedJson(e);
        }
    }

    /** Reads one record object; the parser is on its first token. */
    private static RawRecord readRecord(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw malformed(p, "Each record must be a JSON object", null);
        }
        long line = p.currentTokenLocation().getLineNr();
        String[] values = new String[RecordFields.values().length];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            RecordFields field = RecordFields.byJson(name).orElse(null);
            long fieldLine = p.currentTokenLocation().getLineNr();
            if (field == null) {
                throw new ApiException(ErrorCode.INVALID_FIELD, "Unknown field " + shorten(name) + " (line " + fieldLine + ")",
                        fieldLine, shorten(name));
            }
            JsonToken value = p.nextToken();
            if (value == JsonToken.VALUE_STRING) {
                values[field.ordinal()] = p.getText();
                if (WellFormedText.hasLoneSurrogate(values[field.ordinal()])) {
                    throw new ApiException(ErrorCode.MALFORMED_BODY, "The body is not valid UTF-8 (line " + fieldLine + ")",
                            fieldLine, null);
                }
            } else if (value != JsonToken.VALUE_NULL) {
                throw new ApiException(ErrorCode.INVALID_FIELD,
                        "Field " + name + " must be a string or null (line " + fieldLine + ")", fieldLine, name);
            }
        }
        return new RawRecord(line,
                values[RecordFields.RECORD_ID.ordinal()],
                values[RecordFields.ID_NUMBER.ordinal()],
                values[RecordFields.NAME.ordinal()],
                values[RecordFields.SEX.ordinal()],
                values[RecordFields.BIRTH_DATE.ordinal()],
                values[RecordFields.ID_TYPE.ordinal()]);
    }

    private static ApiException malformed(JsonParser p, String what, String field) {
        long line = p.currentTokenLocation().getLineNr();
        return new ApiException(ErrorCode.MALFORMED_BODY, what + " (line " + line + ")", line, field);
    }

    /** Jackson's own message quotes the offending text, which may be patient data: report the place only. */
    private static ApiException malformedJson(IOException e) {
        JsonLocation at = e instanceof JsonProcessingException jpe ? jpe.getLocation() : null;
        if (at == null) {
            return new ApiException(ErrorCode.MALFORMED_BODY, "The body is not valid JSON in UTF-8", null, null, e);
        }
        long line = at.getLineNr();
        return new ApiException(ErrorCode.MALFORMED_BODY,
                "Invalid JSON at line " + line + ", column " + at.getColumnNr(), line, null, e);
    }

    static String shorten(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64) + "…";
    }
}
