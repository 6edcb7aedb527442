package io.vitalink.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * docker/&lt;service&gt;/Dockerfile, read instruction by instruction (no Docker engine runs here, so no image is
 * built): a Maven build stage and a JRE runtime stage, a non-root user, exec-form entrypoint on a main class that
 * exists, a health check on the service's management convention, OCI labels, JVM container flags, volumes, only
 * variables the service reads, and build inputs that .dockerignore lets into the context. Syntax and instruction
 * arguments are linted separately by tools/deploy-check/lint-dockerfiles.mjs.
 */
class DockerfilesTest {

    enum Image {
        API_SERVICE("api-service", "io.vitalink.api.ApiApplication", DeployFiles.API_PORT, "/health",
                "/var/lib/vitalink", AppSettings::apiReads),
        MATCH_STREAMS("match-streams", "io.vitalink.streams.MatchStreamsApp", DeployFiles.MATCH_STREAMS_MANAGEMENT_PORT,
                "/health/readiness", "/var/lib/vitalink/state", AppSettings::matchStreamsReads),
        DEATH_LOADER("death-loader", "io.vitalink.loader.DeathLoaderCli", 0, null, "/var/lib/vitalink/work",
                AppSettings::loaderReads);

        final String module;
        final String mainClass;
        final int port;
        final String healthPath;
        final String volume;
        final Predicate<String> reads;

        Image(String module, String mainClass, int port, String healthPath, String volume, Predicate<String> reads) {
            this.module = module;
            this.mainClass = mainClass;
            this.port = port;
            this.healthPath = healthPath;
            this.volume = volume;
            this.reads = reads;
        }

        Path file() {
            return DeployFiles.DOCKER.resolve(module).resolve("Dockerfile");
        }
    }

    private record Instruction(String keyword, String arguments) {
    }

    private static final Pattern ENV_PAIR = Pattern.compile("([A-Z_][A-Z0-9_]*)=(\"[^\"]*\"|\\S+)");

    /** Instructions of the final stage and of the whole file, continuation lines joined, comments dropped. */
    private static List<Instruction> instructions(Path file) throws IOException {
        List<Instruction> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String text = current.toString().strip();
            current.setLength(0);
            int space = text.indexOf(' ');
            result.add(new Instruction(text.substring(0, space).toUpperCase(), text.substring(space + 1).strip()));
        }
        return result;
    }

    private static List<Instruction> finalStage(List<Instruction> all) {
        int last = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).keyword().equals("FROM")) {
                last = i;
            }
        }
        return all.subList(last, all.size());
    }

    private static List<String> all(List<Instruction> instructions, String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    private static Map<String, String> args(List<Instruction> instructions) {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (String arg : all(instructions, "ARG")) {
            String[] parts = arg.split("=", 2);
            defaults.put(parts[0], parts.length == 2 ? parts[1] : "");
        }
        return defaults;
    }

    @ParameterizedTest
    @EnumSource(Image.class)
    void buildsWithMavenOnAJdkAndRunsOnAJre(Image image) throws IOException {
        List<Instruction> all = instructions(image.file());
        Map<String, String> args = args(all);
        List<String> froms = new ArrayList<>(all(all, "FROM"));
        if (image == Image.API_SERVICE) {
            // the web console is built with node and npm, copied from the official image into the build stage
            assertThat(froms.remove(0)).isEqualTo("${NODE_IMAGE} AS node");
            assertThat(args.get("NODE_IMAGE")).isEqualTo("node:20-bookworm-slim");
            assertThat(all(all, "COPY")).contains("--from=node /usr/local/bin/node /usr/local/bin/node");
        }

        assertThat(froms).hasSize(2);
        assertThat(froms.get(0)).isEqualTo("${BUILD_IMAGE} AS build");
        assertThat(args.get("BUILD_IMAGE")).isEqualTo("eclipse-temurin:17-jdk");
        assertThat(froms.get(1)).isEqualTo("${RUNTIME_IMAGE}");
        assertThat(args.get("RUNTIME_IMAGE")).isEqualTo("eclipse-temurin:17-jre");
        String build = all.stream().filter(i -> i.keyword().equals("RUN") && i.arguments().contains("./mvnw"))
                .map(Instruction::arguments).findFirst().orElseThrow();
        assertThat(build).contains("-pl " + image.module + " -am").contains("package").contains("-B");
        // the runtime stage takes only what the build stage assembled
        assertThat(all(finalStage(all), "COPY")).isNotEmpty().allSatisfy(copy -> assertThat(copy).startsWith("--from=build "));
    }

    @ParameterizedTest
    @EnumSource(Image.class)
    void buildInputsExistAndAreNotIgnoredByDockerignore(Image image) throws IOException {
        List<String> ignored = Files.readAllLines(DeployFiles.ROOT.resolve(".dockerignore")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        for (String copy : all(instructions(image.file()), "COPY")) {
            if (copy.startsWith("--from=")) {
                continue;
            }
            String[] parts = copy.split("\\s+");
            for (int i = 0; i < parts.length - 1; i++) {
                String source = parts[i];
                assertThat(DeployFiles.ROOT.resolve(source)).as("COPY source %s", source).exists();
                assertThat(ignored).as("%s in the build context", source).noneMatch(pattern -> excludes(pattern, source));
            }
        }
    }

    /** The patterns .dockerignore uses: a path prefix, or **&#47; for any depth. */
    private static boolean excludes(String pattern, String source) {
        String p = pattern.replaceAll("/$", "");
        String s = source.replaceAll("/$", "");
        if (p.startsWith("**/")) {
            String tail = p.substring(3);
            return s.equals(tail) || s.startsWith(tail + "/") || s.endsWith("/" + tail) || s.contains("/" + tail + "/");
        }
        return s.equals(p) || s.startsWith(p + "/");
    }

    @ParameterizedTest
    @EnumSource(Image.class)
    void runsAsTheVitalinkUserWithAnExecFormEntrypointOnAnExistingMainClass(Image image) throws Exception {
        List<Instruction> runtime = finalStage(instructions(image.file()));

        assertThat(all(runtime, "USER")).containsExactly("10001:10001");
        assertThat(all(runtime, "RUN")).anySatisfy(run -> assertThat(run).contains("useradd --system --uid 10001"));
        List<String> entrypoint = jsonArray(all(runtime, "ENTRYPOINT").get(0));
        assertThat(entrypoint.get(0)).isEqualTo("java");
        String main = image == Image.DEATH_LOADER ? mainOfShadedJar() : entrypoint.get(entrypoint.size() - 1);
        assertThat(main).isEqualTo(image.mainClass);
        assertThat(Class.forName(main).getMethod("main", String[].class)).isNotNull();
        if (image != Image.DEATH_LOADER) {
            int cp = entrypoint.indexOf("-cp");
            assertThat(entrypoint.get(cp + 1)).isEqualTo("/opt/vitalink/" + image.module + ".jar:/opt/vitalink/lib/*");
        } else {
            assertThat(entrypoint).containsExactly("java", "-jar", "/opt/vitalink/death-loader.jar");
        }
    }

    /** death-loader's shaded jar names its main class in the manifest (death-loader/pom.xml). */
    private static String mainOfShadedJar() throws IOException {
        Matcher m = Pattern.compile("<mainClass>([\\w.]+)</mainClass>")
                .matcher(Files.readString(DeployFiles.ROOT.resolve("death-loader/pom.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @ParameterizedTest
    @EnumSource(Image.class)
    void healthCheckPortsVolumesAndLabelsFollowTheConvention(Image image) throws IOException {
        List<Instruction> runtime = finalStage(instructions(image.file()));
        String healthcheck = all(runtime, "HEALTHCHECK").get(0);
        if (image.port == 0) {
            assertThat(healthcheck).as("a batch command").isEqualTo("NONE");
            assertThat(all(runtime, "EXPOSE")).isEmpty();
        } else {
            assertThat(healthcheck).contains("--start-period=")
                    .contains("\"http://127.0.0.1:" + image.port + image.healthPath + "\"");
            assertThat(all(runtime, "EXPOSE")).containsExactly(String.valueOf(image.port));
        }
        assertThat(all(runtime, "VOLUME")).containsExactly("[\"" + image.volume + "\"]");
        String labels = String.join(" ", all(runtime, "LABEL"));
        for (String label : List.of("title", "description", "version", "revision", "created", "vendor", "base.name")) {
            assertThat(labels).contains("org.opencontainers.image." + label + "=");
        }
    }

    @ParameterizedTest
    @EnumSource(Image.class)
    void setsOnlyVariablesTheServiceReadsWithKeysetsWhereTheyAreMounted(Image image) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : all(finalStage(instructions(image.file())), "ENV")) {
            Matcher m = ENV_PAIR.matcher(line);
            while (m.find()) {
                env.put(m.group(1), m.group(2).replace("\"", ""));
            }
        }

        assertThat(env.keySet()).allSatisfy(name -> assertThat(image.reads.test(name)).as("%s reads %s", image, name).isTrue());
        assertThat(env).containsEntry("VITALINK_ID_KEYSET_FILE", "/etc/vitalink/keys/id-keyset.json")
                .containsEntry("VITALINK_FIELD_KEYSET_FILE", "/etc/vitalink/keys/field-keyset.json");
        assertThat(env.get(AppSettings.JAVA_OPTIONS)).contains("-XX:MaxRAMPercentage=").contains("-XX:+ExitOnOutOfMemoryError");
        switch (image) {
            case API_SERVICE -> assertThat(env).containsEntry("VITALINK_API_PORT", "8080")
                    .containsEntry("VITALINK_STORE_DIR", "/var/lib/vitalink/store")
                    .containsEntry("VITALINK_SPOOL_DIR", "/var/lib/vitalink/spool");
            case MATCH_STREAMS -> assertThat(env).containsEntry("KAFKA_STATE_DIR", image.volume)
                    .containsEntry(AppSettings.MANAGEMENT_PORT_ENV, String.valueOf(image.port));
            case DEATH_LOADER -> assertThat(env).hasSize(3);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> jsonArray(String text) throws IOException {
        return new ObjectMapper().readValue(text, List.class);
    }
}
