package io.vitalink.api.intake;

import io.vitalink.api.fhir.FhirBundleParser;
import java.io.IOException;
import java.io.InputStream;

/** The body formats of a job upload. Each parser streams: it never holds more than one record. */
public enum UploadFormat {
    JSON {
        @Override
        public void parse(InputStream body, RecordSink sink) throws IOException {
            JsonRecordParser.parseEnvelope(body, sink);
        }
    },
    NDJSON {
        @Override
        public void parse(InputStream body, RecordSink sink) throws IOException {
            JsonRecordParser.parseLines(body, sink);
        }
    },
    CSV {
        @Override
        public void parse(InputStream body, RecordSink sink) throws IOException {
            CsvRecordParser.parse(body, sink);
        }
    },
    /** A FHIR R4 Bundle of Patients (docs/FHIR.md), read entry by entry. */
    FHIR {
        @Override
        public void parse(InputStream body, RecordSink sink) throws IOException {
            FhirBundleParser.parse(body, sink);
        }
    };

    /** @throws io.vitalink.api.problem.ApiException VL-1001 on a malformed body */
    public abstract void parse(InputStream body, RecordSink sink) throws IOException;

    /** Whether errors name fields by CSV column rather than JSON name. */
    public boolean csvNames() {
        return this == CSV;
    }
}
