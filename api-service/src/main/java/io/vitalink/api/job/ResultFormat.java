package io.vitalink.api.job;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vitalink.api.fhir.FhirResultWriter;
import io.vitalink.avro.CauseLine;
import io.vitalink.avro.MatchResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/** How results are written: one line per result, or one FHIR Bundle. */
public enum ResultFormat {

    NDJSON("application/x-ndjson") {
        @Override
        void writeHeader(ResultDetail detail, OutputStream out) {
        }

        @Override
        void write(MatchResult r, ResultDetail detail, ResultReview review, OutputStream out) throws IOException {
            try (JsonGenerator json = JSON.createGenerator(out)) {
                json.writeStartObject();
                fields(json, r, detail, review);
                json.writeEndObject();
            }
            out.write('\n');
        }

        @Override
        void writeChange(String cursor, MatchResult r, ResultDetail detail, ResultReview review, OutputStream out)
                throws IOException {
            try (JsonGenerator json = JSON.createGenerator(out)) {
                json.writeStartObject();
                json.writeStringField("cursor", cursor);
                json.writeStringField("trigger", r.getTrigger().name());
                json.writeStringField("previousOutcome", nameOf(r.getPreviousOutcome()));
                json.writeStringField("decidedAt", r.getDecidedAt().toString());
                fields(json, r, detail, review);
                json.writeEndObject();
            }
            out.write('\n');
        }

        private static void fields(JsonGenerator json, MatchResult r, ResultDetail detail, ResultReview review)
                throws IOException {
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
            json.writeStringField("underlyingCause", r.getUnderlyingCause());
            json.writeStringField("underlyingCauseIcd10", r.getUnderlyingCauseIcd10());
            json.writeStringField("underlyingCauseChapter", r.getUnderlyingCauseChapter());
            if (detail == ResultDetail.CAUSES) {
                causes(json, r);
            }
            review(json, review);
        }

        /** The reviewer's decision on this result, or null: none yet, or the result needs no review. */
        private static void review(JsonGenerator json, ResultReview review) throws IOException {
            if (review == null) {
                json.writeNullField("review");
                return;
            }
            json.writeObjectFieldStart("review");
            json.writeStringField("decision", review.decision());
            if (review.note() != null) {
                json.writeStringField("note", review.note());
            }
            json.writeStringField("reviewer", review.reviewer());
            json.writeStringField("reviewedAt", review.reviewedAt().toString());
            json.writeEndObject();
        }

        /** The certificate's cause section: Part I lines (a)..(d), then Part II as text and coded. */
        private static void causes(JsonGenerator json, MatchResult r) throws IOException {
            json.writeObjectFieldStart("causes");
            json.writeArrayFieldStart("partOne");
            List<CauseLine> lines = CauseSection.partOne(r);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i) != null) {
                    json.writeStartObject();
                    json.writeStringField("line", CauseSection.LINES.get(i));
                    line(json, lines.get(i));
                    json.writeEndObject();
                }
            }
            json.writeEndArray();
            json.writeObjectFieldStart("partTwo");
            json.writeStringField("text", r.getOtherDiagnoses());
            json.writeArrayFieldStart("conditions");
            for (CauseLine condition : CauseSection.partTwo(r)) {
                json.writeStartObject();
                line(json, condition);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
        }

        private static void line(JsonGenerator json, CauseLine line) throws IOException {
            json.writeStringField("text", line.getText());
            json.writeStringField("icd10", line.getIcd10());
            json.writeStringField("interval", line.getInterval());
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
        void writeHeader(ResultDetail detail, OutputStream out) throws IOException {
            out.write((String.join(",", header(detail)) + "\r\n").getBytes(StandardCharsets.UTF_8));
        }

        @Override
        void writeChangeHeader(ResultDetail detail, OutputStream out) throws IOException {
            out.write((String.join(",", CHANGE_HEADER) + "," + String.join(",", header(detail)) + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }

        @Override
        void write(MatchResult r, ResultDetail detail, ResultReview review, OutputStream out) throws IOException {
            out.write((CSV_FORMAT.format(cells(r, detail, review)) + "\r\n").getBytes(StandardCharsets.UTF_8));
        }

        @Override
        void writeChange(String cursor, MatchResult r, ResultDetail detail, ResultReview review, OutputStream out)
                throws IOException {
            String change = CSV_FORMAT.format(cursor, r.getTrigger().name(), nameOf(r.getPreviousOutcome()), r.getDecidedAt().toString());
            out.write((change + "," + CSV_FORMAT.format(cells(r, detail, review)) + "\r\n").getBytes(StandardCharsets.UTF_8));
        }

        private static Object[] cells(MatchResult r, ResultDetail detail, ResultReview review) {
            List<Object> cells = new ArrayList<>();
            cells.add(inert(r.getRecordId()));
            cells.add(r.getOutcome().name());
            cells.addAll(Arrays.asList(date(r.getDeathDate()), inert(r.getDeathPlace()), inert(r.getDirectCause()),
                    inert(r.getDirectCauseIcd10()), r.getReasonCode(), r.getMatchRule(), r.getScore(),
                    String.join(";", r.getDiscrepancies()), r.getNameSimilarity(), inert(r.getLinkedId()),
                    inert(r.getUnderlyingCause()), inert(r.getUnderlyingCauseIcd10()), r.getUnderlyingCauseChapter()));
            if (detail == ResultDetail.CAUSES) {
                List<CauseLine> lines = CauseSection.partOne(r);
                cells.add(inert(r.getDirectCauseInterval()));
                for (int i = 1; i < CauseSection.LINES.size(); i++) {
                    CauseLine line = i < lines.size() ? lines.get(i) : null;
                    cells.add(line == null ? null : inert(line.getText()));
                    cells.add(line == null ? null : inert(line.getIcd10()));
                    cells.add(line == null ? null : inert(line.getInterval()));
                }
                List<CauseLine> partTwo = CauseSection.partTwo(r);
                cells.add(inert(r.getOtherDiagnoses()));
                cells.add(inert(String.join(";", partTwo.stream().map(c -> c.getText() == null ? "" : c.getText()).toList())));
                cells.add(inert(String.join(";", partTwo.stream().map(c -> c.getIcd10() == null ? "" : c.getIcd10()).toList())));
            }
            cells.add(review == null ? null : review.decision());
            cells.add(review == null ? null : inert(review.note()));
            cells.add(review == null ? null : inert(review.reviewer()));
            cells.add(review == null ? null : review.reviewedAt().toString());
            return cells.toArray();
        }
    },

    /** One FHIR R4 Bundle (docs/FHIR.md), not one line per result. */
    FHIR(FhirResultWriter.MEDIA_TYPE) {
        @Override
        void writeHeader(ResultDetail detail, OutputStream out) throws IOException {
            FhirResultWriter.writeHeader(out);
        }

        @Override
        void writeSeparator(OutputStream out) throws IOException {
            FhirResultWriter.writeSeparator(out);
        }

        /** The Bundle always carries the whole cause section (docs/FHIR.md): {@code detail} changes nothing. */
        @Override
        void write(MatchResult r, ResultDetail detail, ResultReview review, OutputStream out) throws IOException {
            FhirResultWriter.writeEntry(r, review == null ? null : review.decision(), out);
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
        "match_rule", "score", "discrepancies", "name_similarity", "linked_id_number", "underlying_cause",
        "underlying_cause_icd10", "underlying_cause_chapter"};
    /** The columns every CSV ends with: a reviewer's decision on the result (empty: none). */
    public static final String[] REVIEW_HEADER = {"review_decision", "review_note", "reviewer", "reviewed_at"};
    /** The columns {@code ?detail=causes} adds after {@link #HEADER}: the rest of the certificate's cause section. */
    public static final String[] CAUSES_HEADER = {
        "direct_cause_interval", "cause_b", "cause_b_icd10", "cause_b_interval", "cause_c", "cause_c_icd10",
        "cause_c_interval", "cause_d", "cause_d_icd10", "cause_d_interval", "other_diagnoses", "other_conditions",
        "other_conditions_icd10"};
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

    abstract void writeHeader(ResultDetail detail, OutputStream out) throws IOException;

    /** @param review the reviewer's decision on this result, or null */
    abstract void write(MatchResult result, ResultDetail detail, ResultReview review, OutputStream out) throws IOException;

    /** Before the first change of a page of the changes feed; nothing but for CSV. */
    void writeChangeHeader(ResultDetail detail, OutputStream out) throws IOException {
    }

    /** A later result of a watched record, with the feed's cursor after it (NDJSON and CSV only). */
    void writeChange(String cursor, MatchResult change, ResultDetail detail, ResultReview review, OutputStream out)
            throws IOException {
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
        return line(result, ResultDetail.STANDARD);
    }

    /** One result as its line at {@code detail}, for tests. */
    public String line(MatchResult result, ResultDetail detail) {
        return line(result, detail, null);
    }

    /** One result with its review as its line at {@code detail}, for tests. */
    public String line(MatchResult result, ResultDetail detail, ResultReview review) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(result, detail, review, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The CSV columns at {@code detail}: the result's, the cause section's with {@code causes}, then the review's. */
    public static String[] header(ResultDetail detail) {
        List<String> header = new ArrayList<>(Arrays.asList(HEADER));
        if (detail == ResultDetail.CAUSES) {
            header.addAll(Arrays.asList(CAUSES_HEADER));
        }
        header.addAll(Arrays.asList(REVIEW_HEADER));
        return header.toArray(String[]::new);
    }

    private static String nameOf(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static String date(LocalDate d) {
        return d == null ? null : d.toString();
    }
}
