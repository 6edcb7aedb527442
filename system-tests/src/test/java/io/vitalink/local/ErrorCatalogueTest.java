package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every VL- code the code base can return is documented, and the catalogue lists no code that does not exist. */
class ErrorCatalogueTest {

    private static final Pattern CODE = Pattern.compile("VL-\\d{4}");
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void documentsEveryErrorCodeOfTheCodeBase() throws IOException {
        Set<String> inCode = codesInMainSources();
        Set<String> documented = codesIn(Files.readString(ROOT.resolve("docs/ERRORS.md")));

        assertThat(inCode).as("codes found in */src/main").hasSizeGreaterThan(10);
        assertThat(documented).as("codes in docs/ERRORS.md").containsAll(inCode);
        assertThat(inCode).as("documented codes that no code returns").containsAll(documented);
    }

    private static Set<String> codesInMainSources() throws IOException {
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(path -> path.toString().contains("/src/main/") && path.toString().endsWith(".java"))
                    .forEach(path -> codes.addAll(codesIn(read(path))));
        }
        return codes;
    }

    private static Set<String> codesIn(String text) {
        Set<String> codes = new TreeSet<>();
        Matcher matcher = CODE.matcher(text);
        while (matcher.find()) {
            codes.add(matcher.group());
        }
        return codes;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
