package io.vitalink.api.fhir;

import ca.uhn.fhir.parser.IParser;
import io.vitalink.avro.MatchResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

/**
 * Writes results as one FHIR R4 {@code Bundle} of type {@code collection} while the results are read: the Bundle's
 * opening, then each result's entries encoded alone by HAPI FHIR, then its closing. A result's entries are its
 * {@link ResultPatient} and, for a linked death, the {@link CauseObservations} that refer to it by its
 * {@code fullUrl}, so each result stands on its own in the stream. Mapping: docs/FHIR.md.
 */
public final class FhirResultWriter {

    public static final String MEDIA_TYPE = "application/fhir+json";
    private static final byte[] SEPARATOR = ",\n".getBytes(StandardCharsets.UTF_8);

    private FhirResultWriter() {
    }

    /** Everything before the first entry. */
    public static void writeHeader(OutputStream out) throws IOException {
        out.write(("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"timestamp\":\""
                + Instant.now().truncatedTo(ChronoUnit.MILLIS) + "\",\"entry\":[").getBytes(StandardCharsets.UTF_8));
    }

    /** Between two results. */
    public static void writeSeparator(OutputStream out) throws IOException {
        out.write(SEPARATOR);
    }

    /** One result's entries, with the systems set at startup ({@link FhirSystems#current()}). */
    public static void writeEntry(MatchResult result, OutputStream out) throws IOException {
        writeEntry(result, null, out);
    }

    /** One result's entries with a reviewer's decision on it ({@code reviewDecision}, null: none). */
    public static void writeEntry(MatchResult result, String reviewDecision, OutputStream out) throws IOException {
        writeEntry(result, reviewDecision, out, FhirSystems.current());
    }

    /** One result's entries: its Patient, then its cause Observations, separated as entries are. */
    public static void writeEntry(MatchResult result, OutputStream out, FhirSystems systems) throws IOException {
        writeEntry(result, null, out, systems);
    }

    private static void writeEntry(MatchResult result, String reviewDecision, OutputStream out, FhirSystems systems)
            throws IOException {
        // a parser is not thread-safe and cheap to make: one per result
        IParser parser = FhirModel.context().newJsonParser();
        String patientUrl = fullUrl(result, 0);
        org.hl7.fhir.r4.model.Patient patient = ResultPatient.of(result, systems);
        if (reviewDecision != null) {
            patient.addExtension(systems.extension(FhirSystems.Extension.REVIEW_DECISION),
                    new org.hl7.fhir.r4.model.CodeType(reviewDecision));
        }
        writeResource(parser, patientUrl, patient, out);
        int n = 0;
        for (Observation observation : CauseObservations.of(result, patientUrl, systems)) {
            out.write(SEPARATOR);
            writeResource(parser, fullUrl(result, ++n), observation, out);
        }
    }

    /** After the last entry. */
    public static void writeFooter(OutputStream out) throws IOException {
        out.write("]}\n".getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The {@code urn:uuid} of a result's n-th entry (0: its Patient): a name-based UUID of job, record and n, so that
     * reading the same results twice gives the same entries and references.
     */
    static String fullUrl(MatchResult result, int n) {
        String name = result.getJobId() + '\u0000' + result.getRecordId() + '\u0000' + n;
        return "urn:uuid:" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeResource(IParser parser, String fullUrl, Resource resource, OutputStream out)
            throws IOException {
        out.write(("{\"fullUrl\":\"" + fullUrl + "\",\"resource\":").getBytes(StandardCharsets.UTF_8));
        out.write(parser.encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8));
        out.write('}');
    }
}
