package io.vitalink.api.fhir;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;

/**
 * {@code vitalink.fhir.base-url} (docs/FHIR.md#configuration): the base of every URI Vitalink names in FHIR, read
 * once at startup and handed to {@link FhirSystems#current()}, which the FHIR reader and writer use.
 */
@Context
public class FhirSettings {

    private final FhirSystems systems;

    /** @param baseUrl empty: {@link FhirSystems#DEFAULT_BASE} */
    public FhirSettings(@Value("${vitalink.fhir.base-url:}") String baseUrl) {
        this.systems = baseUrl.isBlank() ? FhirSystems.DEFAULT : new FhirSystems(baseUrl.strip());
        FhirSystems.use(systems);
    }

    public FhirSystems systems() {
        return systems;
    }
}
