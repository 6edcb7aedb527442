package io.vitalink.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The repository's deployment files and small helpers to walk the YAML they hold. */
final class DeployFiles {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path DOCKER = ROOT.resolve("docker");
    static final Path CHART = ROOT.resolve("helm/vitalink");
    static final Path DEPLOY_CHECK = ROOT.resolve("tools/deploy-check");

    /** The management convention every file follows (docs/DEPLOYMENT.md#ports-and-endpoints). */
    static final int API_PORT = 8080;
    static final int MATCH_STREAMS_MANAGEMENT_PORT = 8081;
    static final String METRICS_PATH = "/prometheus";

    private DeployFiles() {
    }

    /** Every document of a YAML stream (empty documents dropped); YAML 1.1 as Kubernetes and Compose read it. */
    static List<Map<String, Object>> yamlDocuments(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(20 * 1024 * 1024);
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(options).loadAll(text)) {
            if (document != null) {
                documents.add(map(document));
            }
        }
        return documents;
    }

    static Map<String, Object> yamlFile(Path file) {
        try {
            List<Map<String, Object>> documents = yamlDocuments(Files.readString(file));
            if (documents.size() != 1) {
                throw new IllegalStateException(file + " holds " + documents.size() + " YAML documents, expected one");
            }
            return documents.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) Objects.requireNonNull(o, "expected a mapping, found nothing");
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    static List<Map<String, Object>> maps(Object o) {
        return list(o).stream().map(DeployFiles::map).toList();
    }

    /** The value at a dotted path of mapping keys, or null. */
    static Object at(Map<String, Object> root, String path) {
        Object current = root;
        for (String key : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    static String text(Map<String, Object> root, String path) {
        Object value = at(root, path);
        return value == null ? null : value.toString();
    }
}
