package io.vitalink.match.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RulesPackageTest {

    @Test
    void theMatchingRulesAndTheJobLifecycleImportNoKafkaStreams() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Stream.concat(Files.list(Path.of("src/main/java/io/vitalink/match/rules")),
                Files.list(Path.of("src/main/java/io/vitalink/job")))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }

        assertThat(sources).hasSizeGreaterThan(4);
        assertThat(sources.stream().filter(f -> !f.endsWith("ExpireJobs.java")))
                .allSatisfy(file -> assertThat(Files.readString(file)).as(file.toString()).doesNotContain("import org.apache.kafka"));
    }
}
