package io.vitalink.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The classpath of the driver's child JVMs, from a built checkout: every Vitalink module's {@code target/classes}
 * of this checkout, then the third-party jars of {@code bench/target/classpath.txt}.
 */
final class BenchClasspath {

    /** In dependency order, as the launcher needs them. */
    static final List<String> MODULES = List.of("bench", "local", "api-service", "match-streams", "death-loader", "schemas");

    private BenchClasspath() {
    }

    static String of(Path checkout) {
        List<String> entries = new ArrayList<>();
        MODULES.forEach(module -> entries.add(checkout.resolve(module).resolve("target/classes").toAbsolutePath().toString()));
        try {
            entries.add(Files.readString(checkout.resolve("bench/target/classpath.txt")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("build first: ./mvnw -B -DskipTests package -pl bench -am", e);
        }
        return String.join(":", entries);
    }
}
