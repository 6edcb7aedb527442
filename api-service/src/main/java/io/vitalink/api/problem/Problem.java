package io.vitalink.api.problem;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** An RFC 7807 problem with our {@code code} and, for parse errors, {@code line} and {@code field}. */
public record Problem(ErrorCode code, String detail, Long line, String field) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Request attribute holding the {@link ErrorCode} answered, read by the audit trail. */
    public static final String CODE_ATTRIBUTE = "vitalink.problem.code";
    private static final JsonFactory JSON = new JsonFactory();

    public static Problem of(ApiException e) {
        return new Problem(e.code(), e.getMessage(), e.line(), e.field());
    }

    public int status() {
        return code.status();
    }

    /** The body as JSON bytes; written by hand so that the shape never depends on serde settings. */
    public byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("type", code.type());
            json.writeStringField("title", code.title());
            json.writeNumberField("status", code.status());
            json.writeStringField("detail", detail == null ? code.title() : detail);
            json.writeStringField("code", code.code());
            if (line != null) {
                json.writeNumberField("line", line);
            }
            if (field != null) {
                json.writeStringField("field", field);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
