package io.vitalink.api.intake;

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
