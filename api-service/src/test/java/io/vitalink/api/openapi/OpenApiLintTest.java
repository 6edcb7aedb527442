package io.vitalink.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.api.testing.NodeChecks;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document the API serves passes Spectral's {@code spectral:oas} rules without a warning
 * (src/test/js/openapi.spectral.yaml, the npm package {@code @stoplight/spectral-cli}). Run on the document generated
 * by this build, read from the classpath as the API serves it.
 */
class OpenApiLintTest {

    private static final String DOCUMENT = "META-INF/swagger/vitalink-api.yml";

    @TempDir
    Path dir;

    @BeforeAll
    static void installSpectral() throws Exception {
        NodeChecks.install();
    }

    @Test
    void theServedDocumentPassesSpectralWithoutAWarning() throws Exception {
        Path document = dir.resolve("vitalink-api.yml");
        try (InputStream in = OpenApiLintTest.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            assertThat(in).as(DOCUMENT + " on the classpath").isNotNull();
            Files.copy(in, document);
        }

        NodeChecks.Result lint = spectral(document);

        assertThat(lint.exitCode()).as("Spectral's findings on %s:%n%s", DOCUMENT, lint.output()).isZero();
    }

    @Test
    void theLintFailsOnAWarning() throws Exception {
        // valid OpenAPI, but its operation has no tags, no description and no operationId: warnings only
        Path document = Files.writeString(dir.resolve("untagged.yml"), """
                openapi: 3.0.1
                info: {title: t, version: v1, description: d, contact: {name: c}}
                servers: [{url: /}]
                tags: [{name: a, description: d}]
                paths:
                  /a:
                    get:
                      summary: s
                      responses:
                        "200": {description: ok}
                """);

        NodeChecks.Result lint = spectral(document);

        assertThat(lint.exitCode()).as(lint.output()).isEqualTo(1);
        assertThat(lint.output()).contains("operation-tags", "operation-description", "operation-operationId", "(0 errors, 3 warnings");
    }

    private static NodeChecks.Result spectral(Path document) throws Exception {
        String spectral = NodeChecks.DIR.toAbsolutePath().resolve("node_modules/.bin/spectral").toString();
        return NodeChecks.run(120, spectral, "lint", "--ruleset", "openapi.spectral.yaml", "--fail-severity=warn",
                document.toAbsolutePath().toString());
    }
}
