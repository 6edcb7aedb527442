package io.vitalink.api.intake;

import io.vitalink.api.fhir.FhirSystems;

class FhirIntakeFuzzTest extends IntakeFuzzing {

    @Override
    UploadFormat format() {
        return UploadFormat.FHIR;
    }

    @Override
    String validTemplate() {
        return "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[\n"
                + "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p1\",\"identifier\":[{\"system\":\""
                + FhirSystems.DEFAULT.recordId() + "\",\"value\":%s},{\"system\":\"" + FhirSystems.DEFAULT.residentId()
                + "\",\"value\":\"11010519491231002X\"}],\n"
                + "\"name\":[{\"family\":\"王\",\"given\":[\"伟\"]}],\"gender\":\"male\",\"birthDate\":\"1949-12-31\"}},\n"
                + "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p2\",\"gender\":\"unknown\"}}\n]}";
    }

    @Override
    String quoted(String value) {
        return jsonString(value);
    }
}
