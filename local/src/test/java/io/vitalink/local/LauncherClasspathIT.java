package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * run-local.sh starts every service in one JVM on {@code local/target/classpath.txt}, while the tests run on the
 * test classpath: a dependency that {@code local} narrows to test scope is there for the tests and missing for the
 * launcher (snakeyaml once was, and the API then ran without its application.yml). Runs after {@code package},
 * which writes the classpath files.
 */
class LauncherClasspathIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theLauncherClasspathHoldsEveryArtifactEachServiceRunsWith() throws IOException {
        Set<String> launcher = artifacts(ROOT.resolve("local/target/classpath.txt"));

        for (String service : new String[] {"api-service", "match-streams"}) { // the loader is one shaded jar
            assertThat(launcher).as("the launcher's classpath against %s's", service)
                    .containsAll(artifacts(ROOT.resolve(service + "/target/classpath.txt")));
        }
        assertThat(launcher).contains("org/yaml/snakeyaml");
    }

    /** groupId/artifactId of every jar, versions left out: the launcher may resolve another version. */
    private static Set<String> artifacts(Path classpathFile) throws IOException {
        Path repository = Path.of(System.getProperty("user.home"), ".m2", "repository");
        return Arrays.stream(Files.readString(classpathFile).trim().split(java.io.File.pathSeparator))
                .map(Path::of)
                .map(jar -> jar.startsWith(repository)
                        ? repository.relativize(jar.getParent().getParent()).toString()
                        : "io/vitalink/" + jar.getFileName().toString().replaceAll("-\\d.*\\.jar$", "")) // a module of this build
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
