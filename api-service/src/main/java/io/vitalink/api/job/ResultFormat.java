package io.vitalink.api.job;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vitalink.api.fhir.FhirResultWriter;
import io.vitalink.avro.MatchResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.commons.csv.CSVFormat;

/** How results are written: one line per result, or one FHIR Bundle. */
public enum ResultFormat {

    NDJSON("application/x-ndjson") {
        @Override
        void writeHeader(OutputStream out) {
        }

        @Override
        void write(MatchResult r, OutputStream out) throws IOException {
            try (JsonGenerator json = JSON.createGenerator(out)) {
                json.writeStartObject();
                fields(json, r);
                json.writeEndObject();
            }
            out.write('\n');
        }

        @Override
        void writeChange(String cursor, MatchResult r, OutputStream out) throws IOException {
            try (JsonGenerator json = JSON.createGenerator(out)) {
                json.writeStartObject();
                json.writeStringField("cursor", cursor);
                json.writeStringField("trigger", r.getTrigger().name());
                json.writeStringField("previousOutcome", nameOf(r.getPreviousOutcome()));
                json.writeStringField("decidedAt", r.getDecidedAt().toString());
                fields(json, r);
                json.writeEndObject();
            }
            out.write('\n');
        }

        private static void fields(JsonGenerator json, MatchResult r) throws IOException {
            json.writeStringField("recordId", r.getRecordId());
            json.writeStringField("outcome", r.getOutcome().name());
            json.writeStringField("deathDate", date(r.getDeathDate()));
            json.writeStringField("deathPlace", r.getDeathPlace());
            json.writeStringField("directCause", r.getDirectCause());
            json.writeStringField("directCauseIcd10", r.getDirectCauseIcd10());
            json.writeStringField("reasonCode", r.getReasonCode());
            json.writeStringField("matchRule", r.getMatchRule());
            number(json, "score", r.getScore());
            number(json, "nameSimilarity", r.getNameSimilarity());
            json.writeStringField("linkedIdNumber", r.getLinkedId());
            json.writeArrayFieldStart("discrepancies");
            for (String field : r.getDiscrepancies()) {
                json.writeString(field);
            }
            json.writeEndArray();
        }

        private static void number(JsonGenerator json, String field, Double value) throws IOException {
            if (value == null) {
                json.writeNullField(field);
            } else {
                json.writeNumberField(field, value);
            }
        }
    },

    CSV("text/csv") {
        @Override
        void writeHeader(OutputStream out) throws IOException {
            out.write((String.join(",", HEADER) + "\r\n").getBytes(StandardCharsets.UTF_8));
        }

        @Override
        void writeChangeHeader(OutputStream out) throws IOException {
            out.write((String.join(",", CHANGE_HEADER) + "," + String.join(",", HEADER) + "\r\n").getBytes(StandardCharsets.UTF_8));
        }

        @Override
        void write(MatchResult r, OutputStream out) throws IOException {
            out.write((CSV_FORMAT.format(cells(r)) + "\r\n").getBytes(StandardCharsets.UTF_8));
        }

        @Override
        void writeChange(String cursor, MatchResult r, OutputStream out) throws IOException {
            String change = CSV_FORMAT.format(cursor, r.getTrigger().name(), nameOf(r.getPreviousOutcome()), r.getDecidedAt().toString());
            out.write((change + "," + CSV_FORMAT.format(cells(r)) + "\r\n").getBytes(StandardCharsets.UTF_8));
        }

        private static Object[] cells(MatchResult r) {
            return new Object[] {inert(r.getRecordId()), r.getOutcome().name(), date(r.getDeathDate()),
                inert(r.getDeathPlace()), inert(r.getDirectCause()), inert(r.getDirectCauseIcd10()), r.getReasonCode(),
                r.getMatchRule(), r.getScore(), String.join(";", r.getDiscrepancies()), r.getNameSimilarity(),
                inert(r.getLinkedId())};
        }
    },

    /** One FHIR R4 Bundle (docs/FHIR.md), not one line per result. */
    FHIR(FhirResultWriter.MEDIA_TYPE) {
        @Override
        void writeHeader(OutputStream out) throws IOException {
            FhirResultWriter.writeHeader(out);
        }

        @Override
        void writeSeparator(OutputStream out) throws IOException {
            FhirResultWriter.writeSeparator(out);
        }

        @Override
        void write(MatchResult r, OutputStream out) throws IOException {
            FhirResultWriter.writeEntry(r, out);
        }

        @Override
        void writeFooter(OutputStream out) throws IOException {
            FhirResultWriter.writeFooter(out);
        }
    };

    /** The columns a change has before a result's ({@link #HEADER}) in the changes feed. */
    public static final String[] CHANGE_HEADER = {"cursor", "trigger", "previous_outcome", "decided_at"};
    public static final String[] HEADER = {
        "record_id", "outcome", "death_date", "death_place", "direct_cause", "direct_cause_icd10", "reason_code",
        "match_rule", "score", "discrepancies", "name_similarity", "linked_id_number"};
    private static final JsonFactory JSON = JsonFactory.builder().build()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final CSVFormat CSV_FORMAT = CSVFormat.RFC4180;
    /** What a spreadsheet may take for the start of a formula (OWASP "CSV injection"). */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    /** A text cell a spreadsheet will show, never evaluate: a leading formula character gets a {@code '} before it. */
    static String inert(String text) {
        return text != null && !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    private final String mediaType;

    ResultFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    abstract void writeHeader(OutputStream out) throws IOException;

    abstract void write(MatchResult result, OutputStream out) throws IOException;

    /** Before the first change of a page of the changes feed; nothing but for CSV. */
    void writeChangeHeader(OutputStream out) throws IOException {
    }

    /** A later result of a watched record, with the feed's cursor after it (NDJSON and CSV only). */
    void writeChange(String cursor, MatchResult change, OutputStream out) throws IOException {
        throw new UnsupportedOperationException("the changes feed is NDJSON or CSV");
    }

    /** Between two results; nothing but for FHIR. */
    void writeSeparator(OutputStream out) throws IOException {
    }

    /** After the last result; nothing but for FHIR. */
    void writeFooter(OutputStream out) throws IOException {
    }

    /** One result as its line, for tests. */
    public String line(MatchResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(result, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String nameOf(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static String date(LocalDate d) {
        return d == null ? null : d.toString();
    }
}
