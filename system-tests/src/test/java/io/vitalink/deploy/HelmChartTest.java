package io.vitalink.deploy;

import static io.vitalink.deploy.DeployFiles.at;
import static io.vitalink.deploy.DeployFiles.list;
import static io.vitalink.deploy.DeployFiles.map;
import static io.vitalink.deploy.DeployFiles.maps;
import static io.vitalink.deploy.DeployFiles.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.vitalink.crypto.Keysets;
import io.vitalink.kafka.KafkaClientProperties;
import io.vitalink.loader.DeathLoaderCli;
import io.vitalink.streams.StreamsSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/**
 * helm/vitalink, lint and rendered by Helm itself (the helm-java library: Helm's Go code through JNA, no binary),
 * with the default values and with the two values files under helm/vitalink/ci/ that switch every option on. Each
 * rendered object is parsed and checked for what makes the chart work with these services: the variables the
 * services really read, ports that agree between Services, containers and probes, volumes behind every mount,
 * locked-down pods, and the StatefulSet's per-pod state behind its headless Service. Then every object is
 * validated against the Kubernetes OpenAPI schemas (tools/deploy-check/validate-manifests.mjs, npm
 * kubernetes-models), when its npm packages are installed (.ci/run installs them).
 */
class HelmChartTest {

    enum Variant {
        DEFAULT(null), ALL_OPTIONS("ci/all-options-values.yaml"), INLINE_SECRETS("ci/inline-secrets-values.yaml");

        final String valuesFile;

        Variant(String valuesFile) {
            this.valuesFile = valuesFile;
        }

        Map<String, Object> ownValues() {
            return valuesFile == null ? Map.of() : DeployFiles.yamlFile(DeployFiles.CHART.resolve(valuesFile));
        }
    }

    private static final String RELEASE = "vitalink";
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "Job");
    private static final Map<Variant, List<Map<String, Object>>> RENDERED = new EnumMap<>(Variant.class);

    @BeforeAll
    static void render() {
        for (Variant variant : Variant.values()) {
            RENDERED.put(variant, DeployFiles.yamlDocuments(template(variant, Map.of())));
        }
    }

    private static String template(Variant variant, Map<String, Object> sets) {
        TemplateCommand command = new Helm(DeployFiles.CHART).template().withName(RELEASE).withNamespace("registry");
        if (variant.valuesFile != null) {
            command = command.withValuesFile(DeployFiles.CHART.resolve(variant.valuesFile));
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            command = command.set(set.getKey(), set.getValue());
        }
        return command.call();
    }

    @Test
    void helmLintStrictFindsNothingToWarnAbout() {
        LintResult lint = new Helm(DeployFiles.CHART).lint().strict().call();

        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.startsWith("[ERROR]") || m.startsWith("[WARNING]"));
    }

    @Test
    void eachVariantRendersTheObjectsItsValuesAskFor() {
        assertThat(kinds(Variant.DEFAULT)).isEqualTo(Map.of("ServiceAccount", 1L, "ConfigMap", 2L, "Service", 2L,
                "Deployment", 1L, "HorizontalPodAutoscaler", 1L, "StatefulSet", 1L));
        // existing Secrets, no service account, ingress, ServiceMonitors, the loader Job, a fixed API replica count
        assertThat(kinds(Variant.ALL_OPTIONS)).isEqualTo(Map.of("ConfigMap", 2L, "Service", 2L, "Deployment", 1L,
                "StatefulSet", 1L, "Job", 1L, "Ingress", 1L, "ServiceMonitor", 2L));
        // the chart's own Secrets: keysets + JWT, and the Kafka client file
        assertThat(kinds(Variant.INLINE_SECRETS)).isEqualTo(Map.of("ServiceAccount", 1L, "ConfigMap", 2L,
                "Secret", 2L, "Service", 2L, "Deployment", 1L, "HorizontalPodAutoscaler", 1L, "StatefulSet", 1L));

        assertThat(at(one(Variant.ALL_OPTIONS, "Deployment"), "spec.replicas")).isEqualTo(3);
        assertThat(at(one(Variant.DEFAULT, "Deployment"), "spec.replicas")).as("left to the HPA").isNull();
        assertThat(text(one(Variant.ALL_OPTIONS, "Job"), "metadata.name")).isEqualTo("vitalink-loader-2025-annual");
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyPodRunsAsNonRootOnAReadOnlyRootWithoutServiceLinksOrAToken(Variant variant) {
        for (Map<String, Object> workload : workloads(variant)) {
            Map<String, Object> pod = podSpec(workload);
            String where = name(workload);
            assertThat(at(pod, "securityContext.runAsNonRoot")).as("%s runAsNonRoot", where).isEqualTo(true);
            assertThat((Integer) at(pod, "securityContext.runAsUser")).as("%s runAsUser", where).isEqualTo(10001);
            assertThat(at(pod, "securityContext.fsGroup")).as("%s fsGroup (volumes writable)", where).isEqualTo(10001);
            assertThat(at(pod, "securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
            // a Service named vitalink-api would otherwise inject VITALINK_API_PORT=tcp://…, and match-streams turns
            // every KAFKA_*/VITALINK_* variable into a setting
            assertThat(pod.get("enableServiceLinks")).as("%s enableServiceLinks", where).isEqualTo(false);
            assertThat(pod.get("automountServiceAccountToken")).as("%s token", where).isEqualTo(false);
            for (Map<String, Object> container : maps(pod.get("containers"))) {
                String c = where + "/" + container.get("name");
                assertThat(at(container, "securityContext.runAsNonRoot")).as("%s runAsNonRoot", c).isEqualTo(true);
                assertThat(at(container, "securityContext.readOnlyRootFilesystem")).as(c).isEqualTo(true);
                assertThat(at(container, "securityContext.allowPrivilegeEscalation")).as(c).isEqualTo(false);
                assertThat(list(at(container, "securityContext.capabilities.drop"))).as(c).containsExactly("ALL");
                assertThat(mountPaths(container)).as("%s: /tmp writable on a read-only root", c).containsKey("/tmp");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyContainerHasResourcesAndEveryServerItsThreeProbesOnItsOwnPort(Variant variant) {
        for (Map<String, Object> workload : workloads(variant)) {
            for (Map<String, Object> container : maps(podSpec(workload).get("containers"))) {
                String c = name(workload) + "/" + container.get("name");
                assertThat(text(container, "resources.requests.cpu")).as("%s cpu request", c).isNotBlank();
                assertThat(text(container, "resources.requests.memory")).as("%s memory request", c).isNotBlank();
                assertThat(text(container, "resources.limits.memory")).as("%s memory limit", c).isNotBlank();
                assertThat(container.get("image").toString()).as(c).matches(".*vitalink/(api-service|match-streams|death-loader):.+");
                if (workload.get("kind").equals("Job")) {
                    assertThat(container).as("%s: a batch command has no probes", c)
                            .doesNotContainKeys("livenessProbe", "readinessProbe", "startupProbe");
                    continue;
                }
                Set<String> portNames = maps(container.get("ports")).stream().map(p -> (String) p.get("name"))
                        .collect(Collectors.toSet());
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    Map<String, Object> get = map(at(container, probe + ".httpGet"));
                    assertThat(portNames).as("%s %s port", c, probe).contains((String) get.get("port"));
                    assertThat((String) get.get("path")).as("%s %s", c, probe).startsWith("/health");
                }
                assertThat(text(container, "readinessProbe.httpGet.path")).isEqualTo("/health/readiness");
                assertThat(text(container, "livenessProbe.httpGet.path")).isEqualTo("/health/liveness");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyMountHasItsVolumeAndEveryVolumeIsMounted(Variant variant) {
        for (Map<String, Object> workload : workloads(variant)) {
            Map<String, Object> pod = podSpec(workload);
            Set<String> volumes = new java.util.HashSet<>();
            maps(pod.get("volumes")).forEach(v -> volumes.add((String) v.get("name")));
            maps(at(workload, "spec.volumeClaimTemplates")).forEach(v -> volumes.add(text(v, "metadata.name")));
            Set<String> mounted = maps(pod.get("containers")).stream()
                    .flatMap(c -> maps(c.get("volumeMounts")).stream()).map(m -> (String) m.get("name"))
                    .collect(Collectors.toSet());
            assertThat(mounted).as("%s mounts", name(workload)).isSubsetOf(volumes);
            assertThat(volumes).as("%s volumes", name(workload)).isSubsetOf(mounted);
            for (Map<String, Object> volume : maps(pod.get("volumes"))) {
                if (volume.containsKey("configMap")) {
                    assertThat(names(variant, "ConfigMap")).contains(text(volume, "configMap.name"));
                }
                if (volume.containsKey("secret") && variant == Variant.INLINE_SECRETS) {
                    Map<String, Object> secret = named(variant, "Secret", text(volume, "secret.secretName"));
                    for (Map<String, Object> item : maps(at(volume, "secret.items"))) {
                        assertThat(map(secret.get("stringData"))).containsKey((String) item.get("key"));
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void servicesSelectOneWorkloadAndTargetPortsItsContainersOpen(Variant variant) {
        for (Map<String, Object> service : objects(variant, "Service")) {
            Map<String, Object> selector = map(at(service, "spec.selector"));
            List<Map<String, Object>> selected = workloads(variant).stream()
                    .filter(w -> map(at(w, "spec.template.metadata.labels")).entrySet().containsAll(selector.entrySet()))
                    .toList();
            assertThat(selected).as("workloads selected by %s", name(service)).hasSize(1);
            List<Map<String, Object>> ports = maps(podSpec(selected.get(0)).get("containers")).stream()
                    .flatMap(c -> maps(c.get("ports")).stream()).toList();
            for (Map<String, Object> port : maps(at(service, "spec.ports"))) {
                Object target = port.get("targetPort");
                assertThat(ports).as("%s port %s → %s", name(service), port.get("name"), target)
                        .anySatisfy(p -> assertThat(target instanceof String ? p.get("name") : p.get("containerPort"))
                                .isEqualTo(target));
            }
        }
        Map<String, Object> api = named(variant, "Service", "vitalink-api");
        assertThat(at(api, "spec.ports")).asList().singleElement()
                .satisfies(p -> assertThat(map(p)).containsEntry("name", "http").containsEntry("targetPort", "http"));
        Map<String, Object> apiContainer = container(one(variant, "Deployment"), "api-service");
        assertThat(maps(apiContainer.get("ports"))).singleElement()
                .satisfies(p -> assertThat(p).containsEntry("name", "http").containsEntry("containerPort", DeployFiles.API_PORT));
        Map<String, Object> match = container(one(variant, "StatefulSet"), "match-streams");
        assertThat(maps(match.get("ports"))).singleElement().satisfies(p -> assertThat(p)
                .containsEntry("name", "management").containsEntry("containerPort", DeployFiles.MATCH_STREAMS_MANAGEMENT_PORT));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void theMatcherKeepsItsStatePerPodBehindAHeadlessService(Variant variant) {
        Map<String, Object> sts = one(variant, "StatefulSet");
        Map<String, Object> headless = named(variant, "Service", text(sts, "spec.serviceName"));
        assertThat(text(headless, "spec.clusterIP")).isEqualTo("None");
        assertThat(map(at(sts, "spec.template.metadata.labels")).entrySet())
                .containsAll(map(at(headless, "spec.selector")).entrySet());
        assertThat(map(at(sts, "spec.selector.matchLabels")).entrySet())
                .isSubsetOf(map(at(sts, "spec.template.metadata.labels")).entrySet());

        Map<String, Object> container = container(sts, "match-streams");
        Properties settings = matchStreamsSettings(variant, sts, container);
        assertThat(settings.getProperty(StreamsConfig.STATE_DIR_CONFIG)).as("state.dir")
                .isEqualTo(mountPaths(container).inverse("state"));
        List<Map<String, Object>> claims = maps(at(sts, "spec.volumeClaimTemplates"));
        if (variant == Variant.ALL_OPTIONS) {
            assertThat(claims).as("persistence off").isEmpty();
            assertThat(maps(at(sts, "spec.template.spec.volumes"))).anySatisfy(v -> assertThat(v)
                    .containsEntry("name", "state").containsKey("emptyDir"));
        } else {
            assertThat(claims).singleElement().satisfies(claim -> {
                assertThat(text(claim, "metadata.name")).isEqualTo("state");
                assertThat(list(at(claim, "spec.accessModes"))).containsExactly("ReadWriteOnce");
                assertThat(text(claim, "spec.resources.requests.storage"))
                        .isEqualTo(variant == Variant.INLINE_SECRETS ? "50Gi" : "20Gi");
            });
        }
        assertThat((Integer) at(sts, "spec.template.spec.terminationGracePeriodSeconds")).isGreaterThanOrEqualTo(60);
        assertThat(settings.getProperty(StreamsConfig.APPLICATION_ID_CONFIG))
                .isEqualTo(variant == Variant.ALL_OPTIONS ? "vitalink-match-prod" : "vitalink-match");
        if (variant == Variant.ALL_OPTIONS) {
            assertThat(settings).containsEntry("num.stream.threads", "2").containsEntry("commit.interval.ms", "200")
                    .containsEntry(StreamsSettings.PROBABLE_THRESHOLD, "0.93")
                    .containsEntry(StreamsSettings.PARTITIONS, "12")
                    .containsEntry(StreamsSettings.JOBS_RETENTION, "14d");
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyVariableSetIsOneTheServiceReadsAndPointsWhereTheChartMountsIt(Variant variant) {
        Set<String> kafkaSecretVariables = maps(at(variant.ownValues(), "kafka.security.env")).stream()
                .map(e -> (String) e.get("name")).collect(Collectors.toSet());
        for (Map<String, Object> workload : workloads(variant)) {
            for (Map<String, Object> container : maps(podSpec(workload).get("containers"))) {
                String name = (String) container.get("name");
                Predicate<String> reads = switch (name) {
                    case "api-service" -> AppSettings::apiReads;
                    case "match-streams" -> AppSettings::matchStreamsReads;
                    case "death-loader" -> AppSettings::loaderReads;
                    default -> throw new AssertionError("unknown container " + name);
                };
                Map<String, String> env = environment(variant, container);
                assertThat(env.keySet()).as("%s variables", name)
                        .allSatisfy(v -> assertThat(reads.test(v) || kafkaSecretVariables.contains(v))
                                .as("%s reads %s", name, v).isTrue());
                MountPaths mounts = mountPaths(container);
                assertThat(env.get(Keysets.ID_KEYSET_FILE)).isEqualTo(mounts.inverse("keysets") + "/id-keyset.json");
                assertThat(env.get(Keysets.FIELD_KEYSET_FILE)).isEqualTo(mounts.inverse("keysets") + "/field-keyset.json");
                assertThat(env).containsKey(AppSettings.JAVA_OPTIONS);
                assertThat(env.get(AppSettings.JAVA_OPTIONS)).contains("-XX:MaxRAMPercentage=");
                assertThat(env.get(KafkaClientProperties.ENVIRONMENT_VARIABLE))
                        .isEqualTo(mounts.inverse("kafka-client") + "/client.properties");
            }
        }
        Map<String, Object> api = container(one(variant, "Deployment"), "api-service");
        Map<String, String> env = environment(variant, api);
        MountPaths mounts = mountPaths(api);
        assertThat(env).containsEntry("VITALINK_API_PORT", String.valueOf(DeployFiles.API_PORT))
                .containsEntry("VITALINK_STORE_DIR", mounts.inverse("store"))
                .containsEntry("VITALINK_SPOOL_DIR", mounts.inverse("spool"))
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", (String) at(merged(variant), "kafka.bootstrapServers"));
        Map<String, Object> jwt = maps(api.get("env")).stream().filter(e -> e.get("name").equals("VITALINK_JWT_SECRET"))
                .findFirst().orElseThrow();
        assertThat(text(jwt, "valueFrom.secretKeyRef.key")).isEqualTo("jwt-secret");
        assertThat(text(jwt, "valueFrom.secretKeyRef.name")).isEqualTo(switch (variant) {
            case ALL_OPTIONS -> "vitalink-production-secrets";
            default -> "vitalink-secrets";
        });
    }

    @Test
    void theKafkaClientFileTheChartWritesIsOneTheServicesAccept(@org.junit.jupiter.api.io.TempDir Path temp)
            throws IOException {
        Map<String, Object> secret = named(Variant.INLINE_SECRETS, "Secret", "vitalink-kafka-client");
        Path file = temp.resolve("client.properties");
        Files.writeString(file, (String) map(secret.get("stringData")).get("client.properties"));

        KafkaClientProperties properties = KafkaClientProperties.load(file, "the chart's Secret");

        assertThat(properties.keys()).contains("security.protocol", "sasl.mechanism", "sasl.jaas.config");
        // the password is not in the file: the client resolves ${env:…} from the variable the chart sets
        Map<String, String> env = environment(Variant.INLINE_SECRETS,
                container(one(Variant.INLINE_SECRETS, "StatefulSet"), "match-streams"));
        assertThat(Files.readString(file)).contains("${env:VITALINK_KAFKA_PASSWORD}");
        assertThat(env).containsKey("VITALINK_KAFKA_PASSWORD");
    }

    @Test
    void theLoaderJobsArgumentsAreOptionsTheLoaderAccepts() {
        Map<String, Object> job = one(Variant.ALL_OPTIONS, "Job");
        Map<String, Object> container = container(job, "death-loader");
        List<String> args = list(container.get("args")).stream().map(Object::toString).toList();

        CommandLine.ParseResult parsed = DeathLoaderCli.commandLine((config, cipher) -> {
            throw new AssertionError("not run");
        }, Map.of()).parseArgs(args.toArray(String[]::new));

        CommandLine.ParseResult load = parsed.subcommand();
        assertThat(load.commandSpec().name()).isEqualTo("load");
        MountPaths mounts = mountPaths(container);
        assertThat(load.matchedOptionValue("--file", (Path) null)).isEqualTo(Path.of(mounts.inverse("input"), "deaths-2025.csv"));
        assertThat(load.matchedOptionValue("--delete-file", (Path) null))
                .isEqualTo(Path.of(mounts.inverse("input"), "withdrawn-2025.txt"));
        assertThat(load.matchedOptionValue("--work-dir", (Path) null)).isEqualTo(Path.of(mounts.inverse("work")));
        assertThat(load.matchedOptionValue("--bootstrap-servers", "")).isEqualTo(at(merged(Variant.ALL_OPTIONS), "kafka.bootstrapServers"));
        assertThat(load.matchedOptionValue("--batch-label", "")).isEqualTo("2025-annual");
        assertThat(load.hasMatchedOption("--no-progress")).isTrue();
        assertThat(text(job, "spec.template.spec.restartPolicy")).isEqualTo("Never");
    }

    @Test
    void ingressHpaAndServiceMonitorsPointAtObjectsThatExist() {
        Map<String, Object> ingress = one(Variant.ALL_OPTIONS, "Ingress");
        Map<String, Object> backend = map(at(map(list(at(map(list(at(ingress, "spec.rules")).get(0)), "http.paths")).get(0)),
                "backend.service"));
        Map<String, Object> service = named(Variant.ALL_OPTIONS, "Service", (String) backend.get("name"));
        assertThat(maps(at(service, "spec.ports"))).extracting(p -> p.get("name")).contains(text(backend, "port.name"));
        assertThat(maps(at(ingress, "spec.tls"))).singleElement().satisfies(t -> assertThat(t).containsEntry("secretName", "vitalink-tls"));

        Map<String, Object> hpa = one(Variant.DEFAULT, "HorizontalPodAutoscaler");
        assertThat(text(hpa, "spec.scaleTargetRef.kind")).isEqualTo("Deployment");
        assertThat(text(hpa, "spec.scaleTargetRef.name")).isEqualTo(text(one(Variant.DEFAULT, "Deployment"), "metadata.name"));

        List<Map<String, Object>> monitors = objects(Variant.ALL_OPTIONS, "ServiceMonitor");
        assertThat(monitors).hasSize(2).allSatisfy(monitor -> {
            Map<String, Object> selector = map(at(monitor, "spec.selector.matchLabels"));
            List<Map<String, Object>> services = objects(Variant.ALL_OPTIONS, "Service").stream()
                    .filter(s -> map(at(s, "metadata.labels")).entrySet().containsAll(selector.entrySet())).toList();
            assertThat(services).as("services of %s", name(monitor)).hasSize(1);
            Map<String, Object> endpoint = maps(at(monitor, "spec.endpoints")).get(0);
            assertThat(endpoint).containsEntry("path", DeployFiles.METRICS_PATH).containsEntry("interval", "15s");
            assertThat(maps(at(services.get(0), "spec.ports"))).extracting(p -> p.get("name")).contains(endpoint.get("port"));
            assertThat(map(at(monitor, "metadata.labels"))).containsEntry("release", "kube-prometheus-stack");
        });
        assertThat(monitors).extracting(m -> maps(at(m, "spec.endpoints")).get(0).get("port"))
                .containsExactlyInAnyOrder("http", "management");
    }

    @ParameterizedTest(name = "{0}={1} is refused: {2}")
    @CsvSource(delimiter = '|', value = {
        "matchStreams.persistence.size|''|needs matchStreams.persistence.size",
        "loader.enabled|true|needs loader.batchLabel",
        "kafka.security.clientProperties|security.protocol=PLAINTEXT|must set security.protocol=SASL_SSL",
        "kafka.security.clientProperties|sasl.mechanism=PLAIN|must set security.protocol=SASL_SSL",
        "api.ingress.enabled|true|api.ingress.enabled needs api.ingress.tls",
        "api.security.trustedProxies|10.42.3.0/26,0.0.0.0/0|must not hold 0.0.0.0/0",
        "secrets.create|true|secrets.create needs secrets.idKeyset",
        "api.replica|3|Additional property replica is not allowed",
        "kafka.topics.partitions|0|greater than or equal to 1",
        "api.quotas.concurrentJobs|0|greater than or equal to 1",
        "kafka.jobsRetention|30 days|pattern",
        "kafka.bootstrapServers|kafka|pattern",
        "matchStreams.centres[0]|centre a|pattern",
    })
    void incompleteOrMistypedValuesFailTheRender(String key, String value, String message) {
        Object typed = value.matches("true|false") ? Boolean.valueOf(value) : value.matches("\\d+") ? Integer.valueOf(value) : value;

        assertThatThrownBy(() -> template(Variant.DEFAULT, Map.of(key, typed))).hasMessageContaining(message);
    }

    @Test
    void anIngressWithTlsButNoTrustedProxyIsRefusedAndWithBothRenders() {
        Map<String, Object> tls = new LinkedHashMap<>(Map.of("api.ingress.enabled", true,
                "api.ingress.tls[0].hosts[0]", "vitalink.example", "api.ingress.tls[0].secretName", "vitalink-tls"));

        assertThatThrownBy(() -> template(Variant.DEFAULT, tls))
                .hasMessageContaining("api.ingress.enabled needs api.security.trustedProxies");
        tls.put("api.security.trustedProxies", "10.42.3.0/26");
        assertThat(DeployFiles.yamlDocuments(template(Variant.DEFAULT, tls)))
                .filteredOn(object -> "Ingress".equals(object.get("kind"))).hasSize(1);
    }

    @Test
    void byDefaultNoAddressMayCallTheApiAndKafkaIsReachedWithTheClientSecret() {
        Map<String, Object> api = container(one(Variant.DEFAULT, "Deployment"), "api-service");

        assertThat(environment(Variant.DEFAULT, api)).containsEntry("VITALINK_SECURITY_ALLOWED_IPS", "")
                .containsEntry("VITALINK_SECURITY_TRUSTED_PROXIES", "");
        assertThat(maps(at(podSpec(one(Variant.DEFAULT, "Deployment")), "volumes")))
                .filteredOn(volume -> "kafka-client".equals(volume.get("name")))
                .extracting(volume -> at(volume, "secret.secretName")).containsExactly(RELEASE + "-kafka-client");
        assertThat(kinds(Variant.DEFAULT)).doesNotContainKeys("Ingress", "Secret");
    }

    @Test
    void theQuotasReachTheApiWholeNumbersByDefaultAndAsSet() {
        Map<String, String> defaults = environment(Variant.DEFAULT, container(one(Variant.DEFAULT, "Deployment"), "api-service"));
        Map<String, String> set = environment(Variant.ALL_OPTIONS, container(one(Variant.ALL_OPTIONS, "Deployment"), "api-service"));

        // large numbers must not render as 2e+07, which the API would not read as a number
        assertThat(defaults).containsEntry("VITALINK_QUOTAS_RECORDS_PER_JOB", "5000000")
                .containsEntry("VITALINK_QUOTAS_RECORDS_PER_DAY", "20000000")
                .containsEntry("VITALINK_QUOTAS_CONCURRENT_JOBS", "4");
        assertThat(set).containsEntry("VITALINK_QUOTAS_RECORDS_PER_JOB", "2000000")
                .containsEntry("VITALINK_QUOTAS_RECORDS_PER_DAY", "50000000")
                .containsEntry("VITALINK_QUOTAS_CONCURRENT_JOBS", "8");
    }

    @Test
    void everyRenderedObjectIsValidAgainstTheKubernetesSchemas() throws Exception {
        Path validator = DeployFiles.DEPLOY_CHECK.resolve("validate-manifests.mjs");
        if (!Files.isDirectory(DeployFiles.DEPLOY_CHECK.resolve("node_modules/kubernetes-models"))) {
            String install = "the Kubernetes schemas are npm packages: npm ci --prefix tools/deploy-check (.ci/run does it)";
            if (System.getenv("CI") != null) {
                fail(install);
            }
            Assumptions.abort(install);
        }
        Path out = Files.createDirectories(Path.of("target/helm-rendered"));
        ObjectMapper json = new ObjectMapper();
        List<String> files = new ArrayList<>();
        int objects = 0;
        for (Variant variant : Variant.values()) {
            Path file = out.resolve(variant.name().toLowerCase() + ".json");
            json.writeValue(file.toFile(), RENDERED.get(variant));
            files.add(file.toString());
            objects += RENDERED.get(variant).size();
        }

        Node result = node(validator, files);
        assertThat(result.exit).as(result.output).isZero();
        assertThat(result.output).contains(objects + " objects checked, 0 invalid");

        // positive control: the validator does refuse a wrong type and an unknown kind
        Map<String, Object> broken = deepCopy(json, one(Variant.DEFAULT, "Deployment"));
        map(maps(at(broken, "spec.template.spec.containers")).get(0)).put("ports", List.of(Map.of("containerPort", "http")));
        Path control = out.resolve("control.json");
        json.writeValue(control.toFile(), List.of(broken, Map.of("apiVersion", "apps/v1", "kind", "StatefullSet",
                "metadata", Map.of("name", "typo"))));
        Node refused = node(validator, List.of(control.toString()));
        assertThat(refused.exit).as(refused.output).isEqualTo(1);
        assertThat(refused.output).contains("containerPort must be integer").contains("no schema for this apiVersion and kind");
    }

    // ---- helpers ----

    private record Node(int exit, String output) {
    }

    private static Node node(Path script, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", script.toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Node(process.exitValue(), output);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(ObjectMapper json, Map<String, Object> object) throws IOException {
        return json.readValue(json.writeValueAsBytes(object), Map.class);
    }

    private static Map<String, Long> kinds(Variant variant) {
        return RENDERED.get(variant).stream().collect(Collectors.groupingBy(o -> (String) o.get("kind"), Collectors.counting()));
    }

    private static List<Map<String, Object>> objects(Variant variant, String kind) {
        return RENDERED.get(variant).stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    private static Set<String> names(Variant variant, String kind) {
        return objects(variant, kind).stream().map(o -> text(o, "metadata.name")).collect(Collectors.toSet());
    }

    private static Map<String, Object> one(Variant variant, String kind) {
        List<Map<String, Object>> found = objects(variant, kind);
        assertThat(found).as("%s in %s", kind, variant).hasSize(1);
        return found.get(0);
    }

    private static Map<String, Object> named(Variant variant, String kind, String name) {
        return objects(variant, kind).stream().filter(o -> name.equals(text(o, "metadata.name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + variant + ", only " + names(variant, kind)));
    }

    private static List<Map<String, Object>> workloads(Variant variant) {
        return RENDERED.get(variant).stream().filter(o -> WORKLOADS.contains(o.get("kind"))).toList();
    }

    private static Map<String, Object> podSpec(Map<String, Object> workload) {
        return map(at(workload, "spec.template.spec"));
    }

    private static Map<String, Object> container(Map<String, Object> workload, String name) {
        return maps(podSpec(workload).get("containers")).stream().filter(c -> name.equals(c.get("name"))).findFirst()
                .orElseThrow();
    }

    private static String name(Map<String, Object> object) {
        return object.get("kind") + " " + text(object, "metadata.name");
    }

    /** The chart's values.yaml with the variant's file over it (mappings merged, the rest replaced). */
    private static Map<String, Object> merged(Variant variant) {
        Map<String, Object> values = DeployFiles.yamlFile(DeployFiles.CHART.resolve("values.yaml"));
        return merge(values, variant.ownValues());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> result = new LinkedHashMap<>(base);
        over.forEach((k, v) -> result.merge(k, v, (a, b) -> a instanceof Map<?, ?> && b instanceof Map<?, ?>
                ? merge((Map<String, Object>) a, (Map<String, Object>) b) : b));
        return result;
    }

    /** Name → value of a container's environment: its ConfigMaps' keys, then its own entries (a Secret's: "(secret)"). */
    private static Map<String, String> environment(Variant variant, Map<String, Object> container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> from : maps(container.get("envFrom"))) {
            Map<String, Object> configMap = named(variant, "ConfigMap", text(from, "configMapRef.name"));
            map(configMap.get("data")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        }
        for (Map<String, Object> entry : maps(container.get("env"))) {
            env.put((String) entry.get("name"), entry.containsKey("valueFrom") ? "(secret)" : String.valueOf(entry.get("value")));
        }
        return env;
    }

    /** match-streams' settings as the container would load them: its properties file, then its environment. */
    private static Properties matchStreamsSettings(Variant variant, Map<String, Object> sts, Map<String, Object> container) {
        String file = list(container.get("args")).get(0).toString();
        MountPaths mounts = mountPaths(container);
        assertThat(file).startsWith(mounts.inverse("config") + "/");
        Map<String, Object> configMap = named(variant, "ConfigMap", text(
                maps(at(sts, "spec.template.spec.volumes")).stream().filter(v -> v.get("name").equals("config"))
                        .findFirst().orElseThrow(), "configMap.name"));
        String content = (String) map(configMap.get("data")).get(Path.of(file).getFileName().toString());
        Map<String, String> env = new LinkedHashMap<>(environment(variant, container));
        // the security file is checked on its own: its path exists only in the pod
        env.remove(KafkaClientProperties.ENVIRONMENT_VARIABLE);
        try {
            Path properties = Files.createTempFile("match-streams", ".properties");
            try {
                Files.writeString(properties, content);
                return StreamsSettings.load(properties, env, new Properties());
            } finally {
                Files.delete(properties);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static MountPaths mountPaths(Map<String, Object> container) {
        MountPaths paths = new MountPaths();
        maps(container.get("volumeMounts")).forEach(m -> paths.put((String) m.get("mountPath"), (String) m.get("name")));
        return paths;
    }

    /** mountPath → volume name, and back. */
    private static final class MountPaths extends LinkedHashMap<String, String> {
        String inverse(String volume) {
            return entrySet().stream().filter(e -> e.getValue().equals(volume)).map(Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> new AssertionError("no mount of volume " + volume + " in " + this));
        }
    }
}
