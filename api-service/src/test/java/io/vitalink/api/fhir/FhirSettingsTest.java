package io.vitalink.api.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code vitalink.fhir.base-url} is read when the service starts, before any FHIR is read or written. */
@MicronautTest(startApplication = false)
@Property(name = "vitalink.fhir.base-url", value = "https://registry.example.org/fhir")
class FhirSettingsTest {

    @Inject
    FhirSettings settings;

    @AfterAll
    static void restoreDefault() {
        FhirSystems.use(FhirSystems.DEFAULT);
    }

    @Test
    void theConfiguredBaseIsInUseOnceTheServiceHasStarted() {
        assertThat(settings.systems().base()).isEqualTo("https://registry.example.org/fhir/");
        assertThat(FhirSystems.current()).isSameAs(settings.systems());
    }
}
