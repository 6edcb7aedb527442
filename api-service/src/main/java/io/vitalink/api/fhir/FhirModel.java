package io.vitalink.api.fhir;

import ca.uhn.fhir.context.FhirContext;

/** HAPI FHIR's R4 context: costly to build, thread-safe, built once. Parsers made from it are not thread-safe. */
final class FhirModel {

    private FhirModel() {
    }

    static FhirContext context() {
        return FhirContext.forR4Cached();
    }
}
