package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.example.CentreKafkaClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/KAFKA-CONTRACT.md shows the example a centre can copy, and it is the code OutsideProducerIT runs: the page
 * holds the example file unchanged, and the example uses nothing of Vitalink but the {@code schemas} jar.
 */
class KafkaContractDocTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path EXAMPLE = ROOT.resolve("system-tests/src/test/java/io/vitalink/example/CentreKafkaClient.java");
    private static final Pattern EXAMPLE_BLOCK =
            Pattern.compile("<!-- example:start -->\\n```java\\n(.*?)```\\n<!-- example:end -->", Pattern.DOTALL);
    private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+);$", Pattern.MULTILINE);

    @Test
    void theContractPageShowsTheTestedExampleUnchanged() throws IOException {
        Matcher block = EXAMPLE_BLOCK.matcher(Files.readString(ROOT.resolve("docs/KAFKA-CONTRACT.md")));

        assertThat(block.find()).as("example block in docs/KAFKA-CONTRACT.md").isTrue();
        assertThat(block.group(1)).isEqualTo(Files.readString(EXAMPLE));
    }

    @Test
    void theExampleNeedsOnlyTheSchemasJarAndKafkaClients() throws Exception {
        Matcher imports = IMPORT.matcher(Files.readString(EXAMPLE));
        List<String> vitalink = new java.util.ArrayList<>();
        while (imports.find()) {
            String name = imports.group(2);
            assertThat(name).as("import").matches("(java\\.|org\\.apache\\.kafka\\.clients\\.|org\\.apache\\.kafka\\.common\\.|io\\.vitalink\\.).*");
            if (name.startsWith("io.vitalink.")) {
                vitalink.add(name);
            }
        }

        assertThat(vitalink).isNotEmpty().allSatisfy(name -> {
            assertThat(name).matches("io\\.vitalink\\.(avro|topic|crypto|serde)\\..*");
            assertThat(Class.forName(name).getProtectionDomain().getCodeSource().getLocation().toString())
                    .as("where %s comes from", name).contains("schemas");
        });
        assertThat(CentreKafkaClient.class.getPackageName()).isEqualTo("io.vitalink.example");
    }
}
