package io.vitalink.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.vitalink.api.ApiApplication;
import io.vitalink.api.auth.PasswordHasher;
import io.vitalink.avro.User;
import io.vitalink.serde.Codecs;
import io.vitalink.topic.Topics;
import io.vitalink.crypto.Keysets;
import io.vitalink.topic.TopicProvisioner;
import java.nio.file.Files;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users and the audit trail on a real KRaft broker: users written by one API instance are seen by another, survive
 * a restart of every instance (the {@code users} topic is their only store), records written there by anything but
 * the API are refused, and the audit endpoint of a new instance returns the calls made before, read back from the
 * {@code audit} topic.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SecurityIT {

    private static final String SECRET = "security-it-signing-secret-0123456789abcdef";
    private static final Duration EVENTUALLY = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    @Test
    void usersSurviveAnApiRestartAndTheAuditEndpointReturnsTheCallsOfTheRun() throws Exception {
        // Given a broker with every topic and one API instance that created the bootstrap administrator
        EmbeddedKafka kafka = brokerWithEveryTopic();
        Instant runStarted = Instant.now();
        ApplicationContext first = api(kafka, "first");
        ApiClient admin = client(first, LocalStack.ADMIN.username(), LocalStack.ADMIN.password());

        // When the administrator creates a service account and an auditor there
        assertThat(admin.send("POST", "/api/v1/users", Map.of("username", "centre-b-server", "organisation", "centre-b",
                "roles", List.of("SUBMITTER"), "password", "centre b service password")).statusCode()).isEqualTo(201);
        assertThat(admin.send("POST", "/api/v1/users", Map.of("username", "inspector", "organisation", "cdc",
                "roles", List.of("AUDITOR"), "password", "inspector password")).statusCode()).isEqualTo(201);
        Applications.approve(first, "centre-b", Applications.EVERY_FIELD); // centre-b's jobs run under it

        // Then a second instance started afterwards knows them at once, and follows later changes
        ApplicationContext second = api(kafka, "second");
        ApiClient centreOnSecond = client(second, "centre-b-server", "centre b service password");
        String tokenBeforeChange = centreOnSecond.login();
        assertThat(admin.send("PUT", "/api/v1/users/centre-b-server/password",
                Map.of("newPassword", "rotated centre b password")).statusCode()).isEqualTo(204);
        eventually(() -> raw(second, "/api/v1/jobs/00000000-0000-0000-0000-000000000000", tokenBeforeChange).statusCode() == 401);
        ApiClient centre = client(second, "centre-b-server", "rotated centre b password");
        String jobId = centre.submitJson("{\"records\":[{\"recordId\":\"r1\",\"idNumber\":\"12345\"}]}");
        assertThat(centre.get("/api/v1/jobs/" + jobId, "application/json").statusCode()).isEqualTo(200);
        assertThat(new ApiClient(uri(second)).send("POST", "/api/v1/login", Map.of("username", "centre-b-server", "password", "a wrong guess"))
                .statusCode()).isEqualTo(401);

        // When every instance stops and a new one starts on a fresh read-model directory
        first.close();
        second.close();
        running.remove(first);
        running.remove(second);
        ApplicationContext third = api(kafka, "third");

        // Then the users are still there, with the changed password
        ApiClient centreAfterRestart = client(third, "centre-b-server", "rotated centre b password");
        assertThat(centreAfterRestart.login()).isNotBlank();
        assertThat(new ApiClient(uri(third)).send("POST", "/api/v1/login",
                Map.of("username", "centre-b-server", "password", "centre b service password")).statusCode()).isEqualTo(401);

        // And the audit trail read back from the topic holds the calls and the user changes of this run
        ApiClient inspector = client(third, "inspector", "inspector password");
        List<String> expected = List.of(
                "admin POST /api/v1/users 201",
                "admin USER_CREATED OK",
                "admin PUT /api/v1/users/{username}/password 204",
                "admin USER_PASSWORD_CHANGED OK",
                "centre-b-server POST /api/v1/jobs 202",
                "centre-b-server GET /api/v1/jobs/{jobId} 200",
                "centre-b-server POST /api/v1/login 401");
        List<String> seen = new ArrayList<>();
        eventually(() -> {
            seen.clear();
            seen.addAll(audit(inspector, runStarted));
            return seen.containsAll(expected);
        });
        assertThat(seen).containsAll(expected);
        JsonNode submitted = auditEvents(inspector, runStarted).stream()
                .filter(e -> e.path("action").asText().equals("POST /api/v1/jobs")).findFirst().orElseThrow();
        assertThat(submitted.path("jobId").asText()).isEqualTo(jobId);
        assertThat(submitted.path("organisation").asText()).isEqualTo("centre-b");
        assertThat(submitted.path("sourceIp").asText()).isEqualTo("127.0.0.1");

        // And deleting the user revokes its token on this instance
        String token = centreAfterRestart.login();
        assertThat(client(third, LocalStack.ADMIN.username(), LocalStack.ADMIN.password())
                .send("DELETE", "/api/v1/users/centre-b-server", null).statusCode()).isEqualTo(204);
        HttpResponse<String> refused = raw(third, "/api/v1/jobs/" + jobId, token);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(ApiClient.parse(refused.body()).path("code").asText()).isEqualTo("VL-1111");
    }

    @Test
    void userRecordsWrittenByAnythingButTheApiAreRefusedByEveryInstance() throws Exception {
        // Given a broker and an API instance that created the bootstrap administrator
        EmbeddedKafka kafka = brokerWithEveryTopic();
        ApplicationContext first = api(kafka, "first");
        assertThat(client(first, LocalStack.ADMIN.username(), LocalStack.ADMIN.password()).login()).isNotBlank();

        // When a Kafka client writes a new administrator, one with a MAC of another key, a password change of the
        // administrator and a deletion of it straight onto the users topic
        String hash = new PasswordHasher(19456, 2, 1).hash("intruder password");
        byte[] wrongMac = new byte[32];
        new SecureRandom().nextBytes(wrongMac);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.USERS.name(), "intruder", Codecs.USER.encode(forgedAdmin("intruder", hash)))).get();
            ProducerRecord<String, byte[]> signedElsewhere = new ProducerRecord<>(Topics.USERS.name(), "intruder-2",
                    Codecs.USER.encode(forgedAdmin("intruder-2", hash)));
            signedElsewhere.headers().add("vitalink-user-mac", wrongMac);
            producer.send(signedElsewhere).get();
            producer.send(new ProducerRecord<>(Topics.USERS.name(), LocalStack.ADMIN.username(),
                    Codecs.USER.encode(forgedAdmin(LocalStack.ADMIN.username(), hash)))).get();
            producer.send(new ProducerRecord<>(Topics.USERS.name(), LocalStack.ADMIN.username(), null)).get();
        }
        ApplicationContext second = api(kafka, "second");

        // Then neither the instance that follows the topic nor one that read it whole at start applies any of them
        for (ApplicationContext api : List.of(first, second)) {
            eventually(() -> refusedUserRecords(api) == 4);
            for (String intruder : List.of("intruder", "intruder-2", LocalStack.ADMIN.username())) {
                assertThat(new ApiClient(uri(api)).send("POST", "/api/v1/login",
                        Map.of("username", intruder, "password", "intruder password")).statusCode()).isEqualTo(401);
            }
            ApiClient admin = client(api, LocalStack.ADMIN.username(), LocalStack.ADMIN.password());
            HttpResponse<String> users = admin.get("/api/v1/users", "application/json");
            assertThat(users.statusCode()).isEqualTo(200);
            assertThat(ApiClient.parse(users.body()).findValuesAsText("username")).containsExactly(LocalStack.ADMIN.username());
        }
    }

    private static User forgedAdmin(String username, String passwordHash) {
        return User.newBuilder().setUsername(username).setOrganisation("vitalink").setRoles(List.of("ADMIN"))
                .setPasswordHash(passwordHash).setCreatedAt(Instant.now()).setUpdatedAt(Instant.now()).build();
    }

    private static long refusedUserRecords(ApplicationContext api) {
        try {
            String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    uri(api).resolve("/prometheus")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines().filter(line -> line.startsWith("vitalink_user_records_refused_total"))
                    .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private EmbeddedKafka brokerWithEveryTopic() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        running.add(kafka);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicProvisioner(3, (short) 1).ensureTopics(admin);
        }
        return kafka;
    }

    private ApplicationContext api(EmbeddedKafka kafka, String name) throws IOException {
        Map<String, String> keysets = Keysets.settingsFor(dir.resolve("keys"));
        if (!Files.exists(Path.of(keysets.get(Keysets.ID_KEYSET_FILE)))) {
            Keysets.writeNew(dir.resolve("keys"));
        }
        ApplicationContext context = ApiApplication.start(Map.ofEntries(
                Map.entry("micronaut.server.port", -1),
                Map.entry("kafka.bootstrap.servers", kafka.bootstrapServers()),
                Map.entry("vitalink.store.dir", dir.resolve("api-store-" + name).toString()),
                Map.entry("vitalink.spool.dir", dir.resolve("api-spool-" + name).toString()),
                Map.entry("vitalink.topics.create", false),
                Map.entry("vitalink.security.jwt.secret", SECRET),
                Map.entry("vitalink.bootstrap.admin.username", LocalStack.ADMIN.username()),
                Map.entry("vitalink.bootstrap.admin.password", LocalStack.ADMIN.password()),
                Map.entry("vitalink.id-keyset-file", keysets.get(Keysets.ID_KEYSET_FILE)),
                Map.entry("vitalink.field-keyset-file", keysets.get(Keysets.FIELD_KEYSET_FILE))));
        running.add(context);
        return context;
    }

    private static URI uri(ApplicationContext api) {
        return api.getBean(EmbeddedServer.class).getURI();
    }

    private static ApiClient client(ApplicationContext api, String username, String password) {
        return new ApiClient(uri(api), username, password);
    }

    /** A GET with exactly this token: no re-login on 401. */
    private static HttpResponse<String> raw(ApplicationContext api, String path, String token) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(uri(api).resolve(path))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> auditEvents(ApiClient auditor, Instant from) {
        HttpResponse<String> response = auditor.get("/api/v1/audit?limit=1000&from=" + from, "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(ApiClient.parse(response.body()).path("events").spliterator(), false).toList();
    }

    private static List<String> audit(ApiClient auditor, Instant from) {
        return auditEvents(auditor, from).stream()
                .map(e -> e.path("actor").asText() + " " + e.path("action").asText() + " " + e.path("outcome").asText())
                .toList();
    }

    private static void eventually(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + EVENTUALLY.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within " + EVENTUALLY);
            }
            Thread.sleep(200);
        }
    }
}
