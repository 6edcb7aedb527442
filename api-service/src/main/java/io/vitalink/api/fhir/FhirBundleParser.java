package io.vitalink.api.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.vitalink.api.intake.RawRecord;
import io.vitalink.api.intake.RecordSink;
import io.vitalink.api.intake.WellFormedText;
import io.vitalink.api.intake.RecordValidator;
import io.vitalink.api.problem.ApiException;
import io.vitalink.api.problem.ErrorCode;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;

/**
 * Streams the Patients out of a FHIR R4 {@code Bundle} (JSON): Jackson walks the Bundle token by token and hands
 * each {@code entry.resource} alone to HAPI FHIR's strict parser, so one entry is in memory at a time, whatever the
 * Bundle's size. Mapping: docs/FHIR.md. Errors name the entry as a FHIRPath in {@code field}
 * ({@code Bundle.entry[2].resource.birthDate}, 0-based) and the line where the entry starts; they never quote a
 * value, nor pass on HAPI's messages, which do.
 */
public final class FhirBundleParser {

    /** Bundle elements other than resourceType and entry: allowed and ignored. */
    private static final Set<String> IGNORED_BUNDLE_ELEMENTS = Set.of("id", "meta", "implicitRules", "language",
            "identifier", "type", "timestamp", "total", "link", "signature");
    /** The largest entry accepted: a Patient with every element we read is under 4 KiB. */
    static final int MAX_ENTRY_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_ENTRY_BYTES)
                    .maxNameLength(1024).maxNestingDepth(64).maxNumberLength(64).build())
            .build());

    private FhirBundleParser() {
    }

    /** @throws ApiException VL-1001 for JSON that does not parse, VL-1301..VL-1307 for FHIR content we refuse */
    public static void parse(InputStream body, RecordSink sink) throws IOException {
        parse(body, sink, FhirSystems.current());
    }

    static void parse(InputStream body, RecordSink sink, FhirSystems systems) throws IOException {
        IParser fhir = FhirModel.context().newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        try (JsonParser p = JSON.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return; // empty body: an empty job
            }
            if (first != JsonToken.START_OBJECT) {
                throw notABundle(p, "The body must be a FHIR Bundle (a JSON object)");
            }
            boolean bundle = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("resourceType")) {
                    if (value != JsonToken.VALUE_STRING || !p.getText().equals("Bundle")) {
                        throw notABundle(p, "resourceType must be Bundle");
                    }
                    bundle = true;
                } else if (name.equals("entry")) {
                    // JSON members have no order: entries before resourceType are read too, and the Bundle checked
                    // at the end (nothing is published before the whole body has been read)
                    if (value != JsonToken.START_ARRAY) {
                        throw notABundle(p, "entry must be an array");
                    }
                    int index = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        readEntry(p, fhir, index++, sink, systems);
                    }
                } else if (IGNORED_BUNDLE_ELEMENTS.contains(name)) {
                    p.skipChildren();
                } else {
                    throw notABundle(p, "Unknown Bundle element " + shorten(name));
                }
            }
            if (!bundle) {
                throw notABundle(p, "resourceType must be Bundle");
            }
            if (p.nextToken() != null) {
                throw notABundle(p, "Unexpected content after the Bundle");
            }
        } catch (JsonProcessingException | CharConversionException e) {
            throw malformedJson(e);
        }
    }

    private static void readEntry(JsonParser p, IParser fhir, int index, RecordSink sink, FhirSystems systems)
            throws IOException {
        long line = p.currentTokenLocation().getLineNr();
        String path = "Bundle.entry[" + index + "]";
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new ApiException(ErrorCode.FHIR_NOT_A_BUNDLE, "Each entry must be a JSON object (entry " + index + ")",
                    line, path);
        }
        JsonNode entry = JSON.readTree(bounded(p, index, line, path));
        JsonNode resource = entry.get("resource");
        if (resource == null || !resource.isObject()) {
            throw new ApiException(ErrorCode.FHIR_INVALID_RESOURCE, "Entry " + index + " has no resource (line " + line + ")",
                    line, path + ".resource");
        }
        JsonNode type = resource.get("resourceType");
        if (type == null || !type.isTextual() || !type.asText().equals("Patient")) {
            throw new ApiException(ErrorCode.FHIR_NOT_A_PATIENT,
                    "Entry " + index + " is not a Patient (line " + line + ")", line, path + ".resource");
        }
        String text = JSON.writeValueAsString(resource);
        if (WellFormedText.hasLoneSurrogate(text)) {
            throw new ApiException(ErrorCode.MALFORMED_BODY, "The body is not valid UTF-8 (entry " + index + ", line "
                    + line + ")", line, path);
        }
        IBaseResource parsed;
        try {
            parsed = fhir.parseResource(text);
        } catch (DataFormatException | IllegalArgumentException | IndexOutOfBoundsException e) {
            // HAPI's message quotes the offending value: never pass it on. An empty member name reaches HAPI's
            // charAt(0) unchecked (found by FhirIntakeFuzzTest): that too is a resource it cannot read
            throw new ApiException(ErrorCode.FHIR_INVALID_RESOURCE, "Entry " + index
                    + " is not a valid FHIR R4 Patient: an unknown element, a wrong data type or an unknown code (line "
                    + line + ")", line, path + ".resource");
        }
        sink.accept(toRecord((Patient) parsed, line, path + ".resource", index, systems));
    }

    /**
     * The entry at the parser's START_OBJECT, copied token by token and refused as soon as it passes
     * {@link #MAX_ENTRY_BYTES}, so that no entry is held whole in memory before its size is known.
     */
    private static JsonParser bounded(JsonParser p, int index, long line, String path) throws IOException {
        long start = p.currentTokenLocation().getByteOffset();
        TokenBuffer copy = new TokenBuffer(p);
        int depth = 0;
        do {
            JsonToken token = p.currentToken();
            copy.copyCurrentEvent(p);
            depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
            if (p.currentLocation().getByteOffset() - start > MAX_ENTRY_BYTES) {
                throw new ApiException(ErrorCode.BODY_TOO_LARGE, "Entry " + index + " is larger than " + MAX_ENTRY_BYTES
                        + " bytes (line " + line + ")", line, path);
            }
        } while (depth > 0 && p.nextToken() != null);
        return copy.asParser();
    }

    /** Maps one Patient to a record as submitted; {@link RecordValidator} checks it like any other upload. */
    static RawRecord toRecord(Patient patient, long line, String path, int index, FhirSystems systems) {
        String recordId = null;
        String idNumber = null;
        String idType = null;
        boolean document = false;
        List<Identifier> identifiers = patient.getIdentifier();
        for (int i = 0; i < identifiers.size(); i++) {
            Identifier identifier = identifiers.get(i);
            String system = identifier.getSystem();
            String at = path + ".identifier[" + i + "]";
            if (systems.recordId().equals(system)) {
                if (recordId != null) {
                    throw ambiguous(index, line, at, "two record-id identifiers");
                }
                recordId = value(identifier, index, line, at, RecordValidator.MAX_RECORD_ID);
            } else if (system != null && systems.documents().containsKey(system)) {
                if (document) {
                    throw ambiguous(index, line, at, "two identity-document identifiers");
                }
                document = true;
                idNumber = value(identifier, index, line, at, RecordValidator.MAX_TEXT);
                String mapped = systems.documents().get(system);
                idType = mapped.isEmpty() ? null : mapped;
            }
        }
        if (recordId == null && patient.getIdElement().hasIdPart()) {
            recordId = patient.getIdElement().getIdPart();
        }
        if (recordId == null || recordId.isBlank()) {
            throw new ApiException(ErrorCode.FHIR_NO_RECORD_ID, "Entry " + index + " has neither Patient.id nor an identifier"
                    + " of system " + systems.recordId() + " (line " + line + ")", line, path + ".id");
        }
        String name = name(patient);
        if (name != null && name.length() > RecordValidator.MAX_TEXT) {
            throw new ApiException(ErrorCode.FHIR_VALUE_OUT_OF_BOUNDS, "Entry " + index + ": the name is longer than "
                    + RecordValidator.MAX_TEXT + " characters (line " + line + ")", line, path + ".name");
        }
        String birthDate = null;
        if (patient.hasBirthDateElement() && patient.getBirthDateElement().hasValue()) {
            if (patient.getBirthDateElement().getPrecision() != TemporalPrecisionEnum.DAY) {
                throw new ApiException(ErrorCode.FHIR_PARTIAL_BIRTH_DATE, "Entry " + index
                        + ": birthDate must be a full date (yyyy-MM-dd) (line " + line + ")", line, path + ".birthDate");
            }
            birthDate = patient.getBirthDateElement().getValueAsString();
        }
        return new RawRecord(line, recordId, idNumber, name, sex(patient), birthDate, idType);
    }

    private static String value(Identifier identifier, int index, long line, String at, int max) {
        String value = identifier.getValue();
        if (value == null || value.isBlank() || value.length() > max) {
            throw new ApiException(ErrorCode.FHIR_VALUE_OUT_OF_BOUNDS, "Entry " + index + ": an identifier value is empty or"
                    + " longer than " + max + " characters (line " + line + ")", line, at + ".value");
        }
        return value;
    }

    /** The official name if there is one, else the usual, else the first: its text, else family and given names. */
    static String name(Patient patient) {
        HumanName chosen = null;
        for (HumanName.NameUse use : new HumanName.NameUse[] {HumanName.NameUse.OFFICIAL, HumanName.NameUse.USUAL}) {
            for (HumanName n : patient.getName()) {
                if (chosen == null && n.getUse() == use) {
                    chosen = n;
                }
            }
        }
        if (chosen == null && !patient.getName().isEmpty()) {
            chosen = patient.getName().get(0);
        }
        if (chosen == null) {
            return null;
        }
        if (chosen.hasText() && !chosen.getText().isBlank()) {
            return chosen.getText().strip();
        }
        String family = chosen.hasFamily() ? chosen.getFamily().strip() : "";
        List<String> given = chosen.getGiven().stream().map(StringType::getValue)
                .filter(g -> g != null && !g.isBlank()).map(String::strip).toList();
        String joined;
        if (isHan(family) || given.stream().anyMatch(FhirBundleParser::isHan)) {
            joined = family + String.join("", given); // 王 + 芳 → 王芳: Chinese names are written family first, unspaced
        } else {
            joined = (String.join(" ", given) + " " + family).strip();
        }
        return joined.isEmpty() ? null : joined;
    }

    /** male/female → M/F; other and unknown → U (the registry records only M and F); absent → absent. */
    static String sex(Patient patient) {
        if (!patient.hasGender()) {
            return null;
        }
        return switch (patient.getGender()) {
            case MALE -> "M";
            case FEMALE -> "F";
            case OTHER, UNKNOWN -> "U";
            case NULL -> null;
        };
    }

    private static boolean isHan(String s) {
        return s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    private static ApiException ambiguous(int index, long line, String at, String what) {
        return new ApiException(ErrorCode.FHIR_AMBIGUOUS_IDENTIFIER, "Entry " + index + " has " + what + " (line " + line + ")",
                line, at);
    }

    private static ApiException notABundle(JsonParser p, String what) {
        long line = p.currentTokenLocation().getLineNr();
        return new ApiException(ErrorCode.FHIR_NOT_A_BUNDLE, what + " (line " + line + ")", line, null);
    }

    private static ApiException malformedJson(IOException e) {
        JsonLocation at = e instanceof JsonProcessingException jpe ? jpe.getLocation() : null;
        if (at == null) {
            return new ApiException(ErrorCode.MALFORMED_BODY, "The body is not valid JSON in UTF-8", null, null, e);
        }
        return new ApiException(ErrorCode.MALFORMED_BODY,
                "Invalid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr(), (long) at.getLineNr(), null, e);
    }

    private static String shorten(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64) + "…";
    }
}
