package io.vitalink.api.intake;

class NdjsonIntakeFuzzTest extends IntakeFuzzing {

    @Override
    UploadFormat format() {
        return UploadFormat.NDJSON;
    }

    @Override
    String validTemplate() {
        return "{\"recordId\":%s,\"idNumber\":\"11010519491231002X\",\"name\":\"王伟\",\"sex\":\"M\",\"birthDate\":\"1949-12-31\"}\n"
                + "{\"recordId\":\"r2\",\"name\":\"Smith\",\"sex\":null}\n";
    }

    @Override
    String quoted(String value) {
        return jsonString(value);
    }
}
