package io.vitalink.bench;

import io.vitalink.api.intake.RawRecord;
import io.vitalink.api.intake.RecordValidator;
import io.vitalink.avro.MatchRequest;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads the requests CSV, one record at a time, into requests exactly as the API's upload validation builds them. */
final class RequestsCsv {

    private RequestsCsv() {
    }

    static long forEach(Path csv, String jobId, Consumer<MatchRequest> each) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        long count = 0;
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8); CSVParser parser = format.parse(reader)) {
            for (CSVRecord row : parser) {
                RawRecord raw = new RawRecord(row.getRecordNumber() + 1, row.get("record_id"), row.get("id_number"),
                        row.get("name"), row.get("sex"), row.get("birth_date"), null);
                each.accept(RecordValidator.toRequest(jobId, raw, true));
                count++;
            }
        }
        return count;
    }
}
