package io.vitalink.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Example;

class CsvIntakeFuzzTest extends IntakeFuzzing {

    @Override
    UploadFormat format() {
        return UploadFormat.CSV;
    }

    @Override
    String validTemplate() {
        return "record_id,id_number,name,sex,birth_date\n"
                + "%s,11010519491231002X,王伟,M,1949-12-31\n"
                + "r2,,\"Smith, John\",F,\n";
    }

    @Example
    void brokenQuotingInTheHeaderIsRefusedWithACode() {
        // shrunk from a mutation: a character after a quoted header name; commons-csv's CSVException escaped
        byte[] body = "record_id,\"name\"x\nr1,a\n".getBytes(StandardCharsets.UTF_8);
        assertThat(refusal(body)).isNotNull().extracting(e -> e.code().code()).isEqualTo("VL-1001");
    }

    /** A CSV record, not only its field, is at most 8,192 characters. */
    @Override
    int fieldLimit() {
        return 8_192;
    }

    @Override
    String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
