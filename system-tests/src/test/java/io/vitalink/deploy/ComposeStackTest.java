package io.vitalink.deploy;

import static io.vitalink.deploy.DeployFiles.at;
import static io.vitalink.deploy.DeployFiles.list;
import static io.vitalink.deploy.DeployFiles.map;
import static io.vitalink.deploy.DeployFiles.maps;
import static io.vitalink.deploy.DeployFiles.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.vitalink.crypto.Keysets;
import io.vitalink.kafka.KafkaClientProperties;
import io.vitalink.loader.DeathLoaderCli;
import io.vitalink.streams.StreamsSettings;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * docker/compose.yaml with docker/prometheus/prometheus.yml and the Grafana provisioning files, read as Compose
 * reads them (SnakeYAML resolves the anchors and merge keys): the services wired to each other as the services
 * themselves expect. `docker-compose config` (tools/deploy-check/check.sh) checks the file against Compose's
 * schema; no Docker engine runs here, so the stack itself is never started.
 */
class ComposeStackTest {

    private static final Map<String, Object> COMPOSE = DeployFiles.yamlFile(DeployFiles.DOCKER.resolve("compose.yaml"));
    private static final Map<String, Object> SERVICES = map(COMPOSE.get("services"));

    private static Map<String, Object> service(String name) {
        return map(SERVICES.get(name));
    }

    private static Map<String, String> environment(String name) {
        Map<String, String> env = new LinkedHashMap<>();
        map(service(name).getOrDefault("environment", Map.of())).forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }

    /** container path → volume name or host path of a service's short-syntax mounts. */
    private static Map<String, String> mounts(String name) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (Object volume : list(service(name).get("volumes"))) {
            String[] parts = volume.toString().split(":");
            mounts.put(parts[1], parts[0]);
        }
        return mounts;
    }

    @Test
    void theStackHasEveryPartAndItsImagesComeFromTheRepositorysDockerfiles() {
        assertThat(SERVICES.keySet()).containsExactlyInAnyOrder("kafka-certs", "kafka", "keys-init", "match-streams",
                "api-service", "death-loader", "prometheus", "grafana");
        for (String name : List.of("keys-init", "match-streams", "api-service", "death-loader")) {
            Map<String, Object> build = map(service(name).get("build"));
            Path context = DeployFiles.DOCKER.resolve(text(build, "context")).normalize();
            assertThat(context).as("%s build context", name).isEqualTo(DeployFiles.ROOT);
            assertThat(context.resolve(text(build, "dockerfile"))).as(name).isRegularFile();
            assertThat(text(service(name), "image")).startsWith("vitalink/");
        }
        assertThat(text(service("kafka"), "image")).isEqualTo("apache/kafka:4.3.1");
        assertThat(text(service("kafka-certs"), "image")).isEqualTo("apache/kafka:4.3.1"); // its JRE has keytool
        // every published port on the loopback only: a development stack with public passwords
        SERVICES.keySet().forEach(name -> assertThat(list(service(name).get("ports")))
                .allSatisfy(p -> assertThat(p.toString()).startsWith("127.0.0.1:")));
    }

    @Test
    void theBrokerIsASingleKraftNodeWithSingleReplicaInternalTopics() {
        Map<String, String> env = environment("kafka");
        assertThat(env).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:29093")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .containsEntry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).contains("INTERNAL://kafka:19092");
        assertThat(env.get("KAFKA_LISTENERS")).contains("INTERNAL://:19092").contains("CONTROLLER://:29093");
        for (String name : List.of("match-streams", "api-service")) {
            assertThat(environment(name)).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:19092")
                    .containsEntry("VITALINK_TOPICS_REPLICATION_FACTOR", "1");
        }
    }

    @Test
    void everyListenerAClientCanReachIsSaslSslAndOnlyTheControllerIsPlaintext() {
        Map<String, String> env = environment("kafka");
        Map<String, String> protocols = new LinkedHashMap<>();
        for (String entry : env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(",")) {
            String[] nameAndProtocol = entry.split(":");
            protocols.put(nameAndProtocol[0], nameAndProtocol[1]);
        }
        Map<String, String> listeners = listeners(env.get("KAFKA_LISTENERS"));
        Map<String, String> advertised = listeners(env.get("KAFKA_ADVERTISED_LISTENERS"));

        assertThat(advertised).containsOnlyKeys("INTERNAL", "HOST")
                .containsEntry("INTERNAL", "kafka:19092").containsEntry("HOST", "localhost:9092");
        assertThat(listeners).containsOnlyKeys("CONTROLLER", "INTERNAL", "HOST");
        advertised.keySet().forEach(name -> assertThat(protocols).as(name).containsEntry(name, "SASL_SSL"));
        assertThat(protocols).containsEntry("CONTROLLER", "PLAINTEXT");
        assertThat(env).containsEntry("KAFKA_INTER_BROKER_LISTENER_NAME", "INTERNAL")
                .containsEntry("KAFKA_SASL_ENABLED_MECHANISMS", "PLAIN")
                .containsEntry("KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL", "PLAIN");
        // only the HOST listener leaves the compose network, and only to the loopback
        String controllerPort = listeners.get("CONTROLLER").substring(listeners.get("CONTROLLER").indexOf(':') + 1);
        assertThat(list(service("kafka").get("ports"))).containsExactly("127.0.0.1:9092:9092")
                .noneMatch(p -> p.toString().endsWith(":" + controllerPort));
        // no password in the file: the truststore's comes from a file through a config provider
        // (compose turns $$ into $; Kafka then resolves ${secrets:dir:file})
        assertThat(env.get("KAFKA_SSL_TRUSTSTORE_PASSWORD")).startsWith("$${secrets:/etc/kafka/secrets:");
        assertThat(env.keySet()).noneMatch(k -> k.endsWith("_PASSWORD") && !k.equals("KAFKA_SSL_TRUSTSTORE_PASSWORD"));
    }

    /** name → host:port of a {@code NAME://host:port,...} list. */
    private static Map<String, String> listeners(String list) {
        Map<String, String> listeners = new LinkedHashMap<>();
        for (String listener : list.split(",")) {
            listeners.put(listener.substring(0, listener.indexOf("://")), listener.substring(listener.indexOf("://") + 3));
        }
        return listeners;
    }

    @Test
    void theCertsOneShotPreparesWhatTheBrokerAndEveryServiceReadBeforeTheyStart(@TempDir Path tmp) throws Exception {
        Map<String, Object> certs = service("kafka-certs");
        List<String> entrypoint = list(certs.get("entrypoint")).stream().map(Object::toString).toList();
        assertThat(entrypoint).startsWith("/bin/sh", "/opt/vitalink/kafka/init-compose.sh");
        assertThat(mounts("kafka-certs")).containsEntry("/opt/vitalink/kafka", "./kafka")
                .containsEntry(entrypoint.get(2), "kafka-secrets").containsEntry(entrypoint.get(3), "kafka-client");
        assertThat(DeployFiles.DOCKER.resolve("kafka/init-compose.sh")).isRegularFile();
        assertThat(DeployFiles.DOCKER.resolve("kafka/make-certs.sh")).isRegularFile();
        assertThat(text(service("kafka"), "depends_on.kafka-certs.condition")).isEqualTo("service_completed_successfully");
        assertThat(mounts("kafka")).containsEntry("/etc/kafka/secrets", "kafka-secrets");

        // When the script runs as the one-shot runs it, its two directories standing for the two volumes
        Path broker = tmp.resolve("kafka-secrets");
        Path client = tmp.resolve("kafka-client");
        Process init = new ProcessBuilder("sh", DeployFiles.DOCKER.resolve("kafka/init-compose.sh").toString(),
                broker.toString(), client.toString()).redirectErrorStream(true).start();
        String output = new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(init.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(init.exitValue()).as(output).isZero();

        // Then every file the broker's settings name is in the broker's volume
        Map<String, String> env = environment("kafka");
        for (String file : List.of(env.get("KAFKA_SSL_KEYSTORE_FILENAME"), env.get("KAFKA_SSL_KEYSTORE_CREDENTIALS"),
                env.get("KAFKA_SSL_KEY_CREDENTIALS"))) {
            assertThat(broker.resolve(file)).isRegularFile(); // the image reads them from /etc/kafka/secrets
        }
        assertThat(inVolume(env.get("KAFKA_SSL_TRUSTSTORE_LOCATION"), "/etc/kafka/secrets", broker)).isRegularFile();
        assertThat(inVolume(env.get("KAFKA_OPTS").replace("-Djava.security.auth.login.config=", ""),
                "/etc/kafka/secrets", broker)).isRegularFile();
        List<String> health = list(at(service("kafka"), "healthcheck.test")).stream().map(Object::toString).toList();
        assertThat(inVolume(health.get(health.indexOf("--command-config") + 1), "/etc/kafka/secrets", broker)).isRegularFile();

        // and the services' file speaks SASL_SSL with the service user, whose password the broker's JAAS file holds
        Path clientFile = inVolume(environment("match-streams").get(KafkaClientProperties.ENVIRONMENT_VARIABLE),
                "/etc/vitalink/kafka", client);
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(clientFile)) {
            props.load(in);
        }
        assertThat(props).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN");
        assertThat(inVolume(props.getProperty("ssl.truststore.location"), "/etc/vitalink/kafka", client)).isRegularFile();
        assertThat(props.getProperty("ssl.truststore.password"))
                .isEqualTo("${secrets:/etc/vitalink/kafka:client.truststore.password}");
        assertThat(client.resolve("client.truststore.password")).hasSameTextualContentAs(broker.resolve("client.truststore.password"));
        String password = Files.readString(client.resolve("kafka-password"));
        assertThat(props.getProperty("sasl.jaas.config")).contains("username=\"vitalink\"")
                .contains("${secrets:/etc/vitalink/kafka:kafka-password}").doesNotContain(password);
        assertThat(Files.readString(broker.resolve("kafka_server_jaas.conf")))
                .contains("user_vitalink=\"" + password + "\"");
        assertThat(KafkaClientProperties.load(clientFile, "compose").keys()).contains("config.providers.secrets.class");
        assertThat(output).doesNotContain(password);
    }

    /** A path inside a container, under the mount point of a volume, as a path in the directory standing for it. */
    private static Path inVolume(String containerPath, String mountPoint, Path volume) {
        assertThat(containerPath).startsWith(mountPoint + "/");
        return volume.resolve(containerPath.substring(mountPoint.length() + 1));
    }

    @Test
    void everyServiceReachesKafkaWithTheClientFileFromTheClientVolume() {
        for (String name : List.of("match-streams", "api-service")) {
            assertThat(environment(name)).as(name)
                    .containsEntry(KafkaClientProperties.ENVIRONMENT_VARIABLE, "/etc/vitalink/kafka/client.properties");
        }
        List<String> args = list(service("death-loader").get("command")).stream().map(Object::toString).toList();
        assertThat(args.get(args.indexOf("--kafka-config") + 1)).isEqualTo("/etc/vitalink/kafka/client.properties");
        for (String name : List.of("match-streams", "api-service", "death-loader")) {
            assertThat(list(service(name).get("volumes"))).as(name).contains("kafka-client:/etc/vitalink/kafka:ro");
        }
        // the broker's keystore and JAAS file stay in its own volume
        SERVICES.keySet().stream().filter(name -> !name.equals("kafka") && !name.equals("kafka-certs"))
                .forEach(name -> assertThat(mounts(name)).as(name).doesNotContainValue("kafka-secrets"));
    }

    @Test
    void eachServiceIsGivenOnlyVariablesItReads() {
        Map<String, Predicate<String>> readers = Map.of("match-streams", AppSettings::matchStreamsReads,
                "api-service", AppSettings::apiReads, "death-loader", AppSettings::loaderReads);
        readers.forEach((name, reads) -> assertThat(environment(name).keySet()).as(name)
                .allSatisfy(v -> assertThat(reads.test(v)).as("%s reads %s", name, v).isTrue()));
    }

    @Test
    void theMatcherKeepsItsStateAndReadsTheKeysetsOnItsVolumes() {
        Map<String, String> env = environment("match-streams");
        env.remove(KafkaClientProperties.ENVIRONMENT_VARIABLE); // the file exists in the volume only
        Properties settings = StreamsSettings.load(null, env, new Properties());
        Map<String, String> mounts = mounts("match-streams");

        assertThat(mounts.get(settings.getProperty(StreamsConfig.STATE_DIR_CONFIG))).isEqualTo("match-state");
        assertThat(settings.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("kafka:19092");
        assertThat(settings.getProperty(StreamsSettings.ID_KEYSET_FILE)).isEqualTo("/etc/vitalink/keys/id-keyset.json");
        assertThat(mounts).containsEntry("/etc/vitalink/keys", "keys");
        assertThat(environment("match-streams")).containsEntry(AppSettings.MANAGEMENT_PORT_ENV,
                String.valueOf(DeployFiles.MATCH_STREAMS_MANAGEMENT_PORT));
        assertThat(list(service("match-streams").get("ports")))
                .containsExactly("127.0.0.1:8081:" + DeployFiles.MATCH_STREAMS_MANAGEMENT_PORT);
    }

    @Test
    void theApiListensOnItsPortStoresOnItsVolumeAndNeedsItsSecretsFromTheShell() {
        Map<String, String> env = environment("api-service");
        assertThat(env).containsEntry("VITALINK_API_PORT", String.valueOf(DeployFiles.API_PORT));
        assertThat(list(service("api-service").get("ports"))).containsExactly("127.0.0.1:8080:" + DeployFiles.API_PORT);
        assertThat(mounts("api-service")).containsEntry("/var/lib/vitalink", "api-data").containsEntry("/etc/vitalink/keys", "keys");
        assertThat(env.get("VITALINK_STORE_DIR")).startsWith("/var/lib/vitalink/");
        assertThat(env.get("VITALINK_SPOOL_DIR")).startsWith("/var/lib/vitalink/");
        assertThat(env.get(Keysets.ID_KEYSET_FILE)).isEqualTo("/etc/vitalink/keys/id-keyset.json");
        // no secret in the file: compose refuses to start without them (${NAME:?message})
        assertThat(env.get("VITALINK_JWT_SECRET")).startsWith("${VITALINK_JWT_SECRET:?");
        assertThat(env.get("VITALINK_BOOTSTRAP_ADMIN_PASSWORD")).startsWith("${VITALINK_BOOTSTRAP_ADMIN_PASSWORD:?");
        // the host (through Docker's bridge) and Prometheus call from private addresses
        assertThat(env.get("VITALINK_SECURITY_ALLOWED_IPS")).contains("172.16.0.0/12").contains("10.0.0.0/8");
    }

    @Test
    void keysAreMadeOnceBeforeAnyServiceStartsAndTheLoaderRunsOnTheSampleOnceTopicsExist() {
        String keysInit = String.join(" ", list(service("keys-init").get("command")).stream().map(Object::toString).toList());
        assertThat(keysInit).contains("test -f /etc/vitalink/keys/id-keyset.json ||").contains("keys new --out /etc/vitalink/keys");
        assertThat(mounts("keys-init")).containsEntry("/etc/vitalink/keys", "keys");
        for (String name : List.of("match-streams", "api-service", "death-loader")) {
            assertThat(text(service(name), "depends_on.keys-init.condition")).as(name).isEqualTo("service_completed_successfully");
            assertThat(list(service(name).get("volumes"))).as(name).contains("keys:/etc/vitalink/keys:ro");
        }
        assertThat(text(service("match-streams"), "depends_on.kafka.condition")).isEqualTo("service_healthy");
        assertThat(text(service("api-service"), "depends_on.kafka.condition")).isEqualTo("service_healthy");
        // match-streams creates the topics; the loader does not
        assertThat(text(service("death-loader"), "depends_on.match-streams.condition")).isEqualTo("service_healthy");

        List<String> args = list(service("death-loader").get("command")).stream().map(Object::toString).toList();
        CommandLine.ParseResult load = DeathLoaderCli.commandLine((config, cipher) -> {
            throw new AssertionError("not run");
        }, Map.of()).parseArgs(args.toArray(String[]::new)).subcommand();
        Path file = load.matchedOptionValue("--file", (Path) null);
        Map<String, String> mounts = mounts("death-loader");
        String inputMount = file.getParent().toString();
        assertThat(DeployFiles.DOCKER.resolve(mounts.get(inputMount)).resolve(file.getFileName())).isRegularFile();
        assertThat(load.matchedOptionValue("--bootstrap-servers", "")).isEqualTo("kafka:19092");
        assertThat(mounts.get(load.matchedOptionValue("--work-dir", (Path) null).toString())).isEqualTo("loader-work");
        assertThat(load.matchedOptionValue("--reject-file", (Path) null)).startsWithRaw(Path.of("/var/lib/vitalink/work"));
    }

    @Test
    void everyNamedVolumeIsDeclaredAndEveryBindMountExists() {
        Map<String, Object> declared = map(COMPOSE.get("volumes"));
        for (String name : SERVICES.keySet()) {
            mounts(name).forEach((target, source) -> {
                if (source.startsWith(".")) {
                    assertThat(DeployFiles.DOCKER.resolve(source)).as("%s bind mount", name).exists();
                } else {
                    assertThat(declared).as("%s volume %s", name, source).containsKey(source);
                }
            });
        }
    }

    @Test
    void prometheusScrapesEachServiceOnItsManagementEndpoint() {
        Map<String, Object> prometheus = DeployFiles.yamlFile(DeployFiles.DOCKER.resolve("prometheus/prometheus.yml"));
        Map<String, String> targets = new LinkedHashMap<>();
        for (Map<String, Object> job : maps(prometheus.get("scrape_configs"))) {
            for (Map<String, Object> config : maps(job.get("static_configs"))) {
                for (Object target : list(config.get("targets"))) {
                    targets.put(target.toString(), String.valueOf(job.getOrDefault("metrics_path", "/metrics")));
                }
            }
        }
        assertThat(targets).containsEntry("api-service:" + DeployFiles.API_PORT, DeployFiles.METRICS_PATH)
                .containsEntry("match-streams:" + DeployFiles.MATCH_STREAMS_MANAGEMENT_PORT, DeployFiles.METRICS_PATH);
        targets.keySet().stream().map(t -> t.substring(0, t.indexOf(':'))).filter(host -> !host.equals("localhost"))
                .forEach(host -> assertThat(SERVICES).as("scrape target host").containsKey(host));
        assertThat(mounts("prometheus")).containsEntry("/etc/prometheus/prometheus.yml", "./prometheus/prometheus.yml");
        assertThat(list(service("prometheus").get("command"))).contains("--config.file=/etc/prometheus/prometheus.yml");
        assertThat(list(prometheus.get("rule_files"))).containsExactly("alerts.yml"); // resolved beside the config
        assertThat(mounts("prometheus")).containsEntry("/etc/prometheus/alerts.yml", "./prometheus/alerts.yml");
        assertThat(DeployFiles.DOCKER.resolve("prometheus/alerts.yml")).isRegularFile();
    }

    @Test
    void grafanaIsProvisionedWithThePrometheusDatasourceAndTheDashboardsFolder() {
        Map<String, String> mounts = mounts("grafana");
        assertThat(mounts).containsEntry("/etc/grafana/provisioning", "./grafana/provisioning");
        Path provisioning = DeployFiles.DOCKER.resolve("grafana/provisioning");

        Map<String, Object> datasource = maps(DeployFiles.yamlFile(provisioning.resolve("datasources/prometheus.yaml"))
                .get("datasources")).get(0);
        assertThat(datasource).containsEntry("type", "prometheus").containsEntry("url", "http://prometheus:9090")
                .containsEntry("uid", "prometheus"); // the default of the dashboards' datasource variable
        assertThat(list(service("prometheus").get("ports"))).containsExactly("127.0.0.1:9090:9090");

        Map<String, Object> provider = maps(DeployFiles.yamlFile(provisioning.resolve("dashboards/vitalink.yaml"))
                .get("providers")).get(0);
        assertThat(provider).containsEntry("type", "file");
        assertThat(mounts.get(text(provider, "options.path"))).isEqualTo("./grafana/dashboards");
        assertThat(at(DeployFiles.yamlFile(provisioning.resolve("datasources/prometheus.yaml")), "apiVersion")).isEqualTo(1);
    }
}
