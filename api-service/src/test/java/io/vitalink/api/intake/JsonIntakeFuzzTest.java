package io.vitalink.api.intake;

class JsonIntakeFuzzTest extends IntakeFuzzing {

    @Override
    UploadFormat format() {
        return UploadFormat.JSON;
    }

    @Override
    String validTemplate() {
        return "{\"records\":[\n"
                + "{\"recordId\":%s,\"idNumber\":\"11010519491231002X\",\"name\":\"王伟\",\"sex\":\"M\",\"birthDate\":\"1949-12-31\"},\n"
                + "{\"recordId\":\"r2\",\"name\":\"Smith\"}\n],\n\"callbackUrl\":null}";
    }

    @Override
    String quoted(String value) {
        return jsonString(value);
    }
}
